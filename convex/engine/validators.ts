import { v } from "convex/values";

/** Validators shared by the schema and the functions' arguments. */
export const role = v.union(v.literal("owner"), v.literal("admin"), v.literal("member"));
export const memberStatus = v.union(v.literal("active"), v.literal("suspended"));
export const inviteStatus = v.union(v.literal("pending"), v.literal("accepted"), v.literal("revoked"));
export const projectStatus = v.union(v.literal("active"), v.literal("archived"));
export const connectionStatus = v.union(v.literal("draft"), v.literal("active"), v.literal("disabled"));
export const domainStatus = v.union(v.literal("pending"), v.literal("verified"), v.literal("expired"), v.literal("failed"));
export const actorType = v.union(
  v.literal("user"),
  v.literal("system"),
  v.literal("idp"),
  v.literal("scim"),
  v.literal("setupLink"),
);
