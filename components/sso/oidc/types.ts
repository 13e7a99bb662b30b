import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";

/** Shapes of the OpenID Connect RPC (`api.auth.group.*Oidc`), as the console reads them. */
export type OidcView = NonNullable<FunctionReturnType<typeof api.auth.group.getOidc>>;
export type OidcStatus = FunctionReturnType<typeof api.auth.group.getOidcStatus>;
