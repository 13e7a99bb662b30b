import type { FunctionReturnType } from "convex/server";
import type { api } from "@/convex/_generated/api";

/** A test sign-in as `api.auth.group.getTestSignIn` reports it. */
export type TestSignIn = NonNullable<FunctionReturnType<typeof api.auth.group.getTestSignIn>>;
export type TestProfile = NonNullable<TestSignIn["profile"]>;
export type TestPlan = NonNullable<TestSignIn["plan"]>;
export type AcceptedPlan = Extract<TestPlan, { ok: true }>;
