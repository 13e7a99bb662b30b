import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";

/** Shapes of the group SSO RPC (`api.auth.group.*`), as the console reads them. */
export type Connection = FunctionReturnType<typeof api.auth.group.getConnection>;
export type ConnectionListItem = FunctionReturnType<typeof api.auth.group.listConnections>[number];
export type ConnectionReadiness = FunctionReturnType<typeof api.auth.group.getConnectionStatus>;
export type Domain = FunctionReturnType<typeof api.auth.group.listDomains>[number];

export type Protocol = Connection["protocol"];
export type ConnectionStatus = Connection["status"];
export type DomainStatus = Domain["status"];

/** A "Validate" run of either protocol's settings (`validateOidc`, `validateSaml`), check by check. */
export type ValidationRun = FunctionReturnType<typeof api.auth.group.validateOidc>;
export type ValidationCheck = ValidationRun["checks"][number];
