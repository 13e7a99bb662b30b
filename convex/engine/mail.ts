import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalAction, internalMutation, internalQuery, type MutationCtx } from "../_generated/server";

/**
 * The one way mail leaves the app. Without MAIL_PROVIDER_URL (development)
 * messages stay in the `mail` table and the developer reads them at
 * /dev/outbox. With it, a scheduled action POSTs each message as JSON
 * `{ from, to, subject, text }` with `Authorization: Bearer MAIL_PROVIDER_TOKEN`
 * (the shape most HTTP mail APIs accept, or a small adapter's).
 */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export async function sendMail(ctx: MutationCtx, mail: Mail): Promise<Id<"mail">> {
  const viaProvider = Boolean(process.env.MAIL_PROVIDER_URL);
  const mailId = await ctx.db.insert("mail", { ...mail, status: viaProvider ? "queued" : "outbox" });
  if (viaProvider) await ctx.scheduler.runAfter(0, internal.engine.mail.deliver, { mailId });
  return mailId;
}

export const deliver = internalAction({
  args: { mailId: v.id("mail") },
  returns: v.null(),
  handler: async (ctx, { mailId }) => {
    const mail = await ctx.runQuery(internal.engine.mail.get, { mailId });
    if (!mail || mail.status !== "queued") return null;
    let error: string | undefined;
    try {
      const response = await fetch(process.env.MAIL_PROVIDER_URL!, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${process.env.MAIL_PROVIDER_TOKEN ?? ""}`,
        },
        body: JSON.stringify({ from: process.env.MAIL_FROM ?? "no-reply@localhost", to: mail.to, subject: mail.subject, text: mail.text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (cause) {
      error = (cause as Error).message;
    }
    await ctx.runMutation(internal.engine.mail.record, { mailId, error });
    return null;
  },
});

export const get = internalQuery({
  args: { mailId: v.id("mail") },
  handler: (ctx, { mailId }) => ctx.db.get(mailId),
});

/** What a message's subject and body become once it was handed to the provider. */
export const NOT_KEPT = "(not kept: it may carry one-time links or codes)";

export const record = internalMutation({
  args: { mailId: v.id("mail"), error: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, { mailId, error }) => {
    // Invitation links and sign-up codes (some in the subject) must not stay
    // readable in the database once the attempt is over (no retry needs them).
    await ctx.db.patch(mailId, { ...(error ? { status: "failed" as const, error } : { status: "sent" as const }), subject: NOT_KEPT, text: NOT_KEPT });
    return null;
  },
});

/** The development outbox (read by /dev/outbox with the embedded backend's admin key). */
export const outbox = internalQuery({
  args: { limit: v.optional(v.number()) },
  handler: async (ctx, { limit }) =>
    (await ctx.db.query("mail").order("desc").take(Math.min(limit ?? 50, 200))).filter((m) => m.status === "outbox"),
});
