import { describe, expect, it } from "vitest";
import { filtersFromSearch, NO_FILTERS } from "./audit-filters";

describe("filtersFromSearch", () => {
  it("starts from the URL's connection, kind and outcome", () => {
    expect(filtersFromSearch(new URLSearchParams("connectionId=abc123&kind=scim.operation&outcome=failure"))).toEqual({
      ...NO_FILTERS,
      connectionId: "abc123",
      kind: "scim.operation",
      outcome: "failure",
    });
  });

  it("ignores unknown kinds, outcomes and malformed ids", () => {
    expect(filtersFromSearch(new URLSearchParams("connectionId=../x&kind=nope&outcome=maybe"))).toEqual(NO_FILTERS);
  });
});
