import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";

/** Shapes of the SCIM RPC (`api.auth.group.*Scim*`), as the console reads them. */
export type ScimStatus = FunctionReturnType<typeof api.auth.group.getScimStatus>;
export type ScimToken = ScimStatus["tokens"][number];
/** A "Validate" run: the checks, and what the endpoint supports. */
export type ScimValidation = FunctionReturnType<typeof api.auth.group.validateScim>;
export type SelfCheckResult = FunctionReturnType<typeof api.auth.group.runScimSelfCheck>;
export type SelfCheckStep = SelfCheckResult["steps"][number];
export type ScimIdp = SelfCheckStep["idp"];
