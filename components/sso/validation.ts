import * as z from "zod";

/** Mirrors convex/engine/connection.ts: 1 to 80 characters once trimmed (empty on create means the protocol's name). */
export const connectionNameField = z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters.");

export const createConnectionSchema = z.object({
  name: z.string().trim().max(80, "Use at most 80 characters."),
  protocol: z.enum(["oidc", "saml"]),
});

export const renameConnectionSchema = z.object({ name: connectionNameField });

/** A first check before asking the server (which normalizes and decides): something that could be a domain. */
export const domainInputField = z
  .string()
  .trim()
  .min(1, "Enter a domain, e.g. example.com.")
  .max(253, "Use at most 253 characters.");
