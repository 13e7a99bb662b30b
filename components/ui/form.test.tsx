import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Form } from "./form";

describe("Form", () => {
  it("renders disabled, posting fields until hydration", () => {
    const html = renderToString(
      <Form aria-label="Sign in">
        <input name="password" type="password" />
      </Form>,
    );
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toMatch(/<fieldset[^>]*disabled=""/);
  });
});
