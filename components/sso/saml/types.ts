import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";

/** Shapes of the SAML RPC (`api.auth.group.*Saml`), as the console reads them. */
export type SamlView = NonNullable<FunctionReturnType<typeof api.auth.group.getSaml>>;
export type SamlStatus = FunctionReturnType<typeof api.auth.group.getSamlStatus>;
export type SamlCertificateStatus = SamlStatus["certificates"][number];
