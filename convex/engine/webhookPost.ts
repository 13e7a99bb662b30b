"use node";

import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { OutboundFailure } from "./outboundFetch";
import { fetchOutboundPinned } from "./outboundNode";

/**
 * One webhook POST, in the Node runtime so that the receiver's host name is
 * resolved, checked and connected to as one step (outboundNode.ts): a
 * receiver whose name points at a private address gets nothing, and its
 * answer never reaches the delivery log that admins read.
 */
// Only the start of a receiver's answer is kept for the delivery log; the rest is not waited for.
const RESPONSE_BODY_BYTES = 1024;

export const attemptOutcome = v.object({ status: v.optional(v.number()), body: v.optional(v.string()), error: v.optional(v.string()) });

export const post = internalAction({
  args: { url: v.string(), headers: v.record(v.string(), v.string()), body: v.string() },
  returns: attemptOutcome,
  handler: async (_ctx, { url, headers, body }) => {
    // Checked again at every attempt: the setting may have changed since the endpoint was saved.
    const allowPrivate = process.env.ALLOW_PRIVATE_WEBHOOK_URLS === "true";
    try {
      const response = await fetchOutboundPinned(url, { method: "POST", headers, body }, { allowPrivate, maxBytes: RESPONSE_BODY_BYTES, truncate: true });
      const text = new TextDecoder().decode(await response.arrayBuffer());
      return { status: response.status, ...(text ? { body: text } : {}) };
    } catch (error) {
      if (!(error instanceof OutboundFailure)) throw error;
      if (error.kind === "redirect") return { status: error.status, error: "Redirects are not followed: register the final URL." };
      return { error: error.message };
    }
  },
});
