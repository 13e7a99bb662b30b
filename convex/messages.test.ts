/// <reference types="vite/client" />
import { convexTest } from "convex-test";
import { ConvexError } from "convex/values";
import { describe, expect, test } from "vitest";
import { AUTHOR_MAX_LENGTH, BODY_MAX_LENGTH, MESSAGE_LIST_LIMIT } from "../lib/messages";
import { api } from "./_generated/api";
import schema from "./schema";

const modules = import.meta.glob("./**/*.ts");

function setup() {
  return convexTest(schema, modules);
}

describe("messages.list", () => {
  test("returns an empty list when there are no messages", async () => {
    const t = setup();
    expect(await t.query(api.messages.list, {})).toEqual([]);
  });

  test(`returns the ${MESSAGE_LIST_LIMIT} newest messages, newest first`, async () => {
    const t = setup();
    const total = MESSAGE_LIST_LIMIT + 5;
    await t.run(async (ctx) => {
      for (let i = 0; i < total; i++) {
        await ctx.db.insert("messages", { author: "Ada", body: `message ${i}` });
      }
    });

    const messages = await t.query(api.messages.list, {});

    expect(messages).toHaveLength(MESSAGE_LIST_LIMIT);
    expect(messages.map((message) => message.body)).toEqual(
      Array.from({ length: MESSAGE_LIST_LIMIT }, (_, i) => `message ${total - 1 - i}`),
    );
    expect(Object.keys(messages[0] ?? {}).sort()).toEqual(["_creationTime", "_id", "author", "body"]);
  });
});

describe("messages.send", () => {
  test("stores the trimmed message and returns its id", async () => {
    const t = setup();

    const id = await t.mutation(api.messages.send, { author: "  Ada  ", body: "\n Hello, world! \t" });

    const stored = await t.run((ctx) => ctx.db.get(id));
    expect(stored).toMatchObject({ author: "Ada", body: "Hello, world!" });
    expect(await t.query(api.messages.list, {})).toEqual([stored]);
  });

  test("accepts fields at exactly the maximum length", async () => {
    const t = setup();
    const author = "a".repeat(AUTHOR_MAX_LENGTH);
    const body = "b".repeat(BODY_MAX_LENGTH);

    await t.mutation(api.messages.send, { author, body });

    expect(await t.query(api.messages.list, {})).toMatchObject([{ author, body }]);
  });

  const invalidInputs = [
    { case: "an empty author", author: "", body: "Hello" },
    { case: "a whitespace-only author", author: "   ", body: "Hello" },
    { case: "an author over the limit", author: "a".repeat(AUTHOR_MAX_LENGTH + 1), body: "Hello" },
    { case: "an empty body", author: "Ada", body: "" },
    { case: "a whitespace-only body", author: "Ada", body: " \n\t " },
    { case: "a body over the limit", author: "Ada", body: "b".repeat(BODY_MAX_LENGTH + 1) },
  ];

  test.each(invalidInputs)("rejects $case with INVALID_MESSAGE and writes nothing", async ({ author, body }) => {
    const t = setup();

    const error = await t.mutation(api.messages.send, { author, body }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string; message: string }>).data).toEqual({
      code: "INVALID_MESSAGE",
      message: expect.stringMatching(/\S/),
    });
    expect(await t.run((ctx) => ctx.db.query("messages").collect())).toEqual([]);
  });

  test("trims before checking the length limit", async () => {
    const t = setup();
    const author = ` ${"a".repeat(AUTHOR_MAX_LENGTH)} `;

    await t.mutation(api.messages.send, { author, body: "Hello" });

    expect(await t.query(api.messages.list, {})).toMatchObject([{ author: author.trim() }]);
  });
});

describe("guestbook abuse limit", () => {
  test("refuses more than 30 posts a minute from one IP", async () => {
    const backend = convexTest(schema, modules);
    const t = backend.withRequestMetadata({ ip: "203.0.113.7" });
    for (let i = 0; i < 30; i++) await t.mutation(api.messages.send, { author: "Bot", body: `spam ${i}` });
    await expect(t.mutation(api.messages.send, { author: "Bot", body: "one more" })).rejects.toThrow(/RATE_LIMITED/);
    const other = backend.withRequestMetadata({ ip: "203.0.113.8" });
    await expect(other.mutation(api.messages.send, { author: "Human", body: "hello" })).resolves.toBeTruthy();
  });
});
