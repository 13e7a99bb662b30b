import { ConvexCredentials } from "@convex-dev/auth/providers/ConvexCredentials";
import { Email } from "@convex-dev/auth/providers/Email";
import { createAccount, modifyAccountCredentials, retrieveAccount, signInViaProvider } from "@convex-dev/auth/server";
import { v } from "convex/values";
import { Scrypt } from "lucia";
import { z } from "zod";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalMutation, internalQuery, type ActionCtx, type QueryCtx } from "../_generated/server";
import { codeField, emailField, passwordField, personNameField } from "../../lib/validation/account";
import { ATTESTED_CLIENT_IP_PARAM } from "../../lib/client-ip-attestation";
import { emailDomain, normalizeEmail } from "./email";
import { recordEvent } from "./audit";
import { fail } from "./errors";
import { getMembership } from "./member";
import { getPolicy } from "./policy";
import { parse } from "./parse";
import { sendMail } from "./mail";
import { siteUrl } from "./urls";
import { clear, LIMITS, refund, retryMessage, takeAll, type Limit, type LimitName } from "./rateLimit";
import { clientIp } from "./clientIp";
import { accountScopes, recordLockout } from "./lockout";
import { randomDigits } from "./tokens";

/**
 * Password accounts, on @convex-dev/auth's credentials and email-code
 * providers, closing the gaps of its stock `Password` provider:
 *
 * - Sign-up proves the email address: the account only signs in after the
 *   8-digit code mailed to it is entered.
 * - Sign-up never reveals whether an address is registered: new, unverified
 *   and verified addresses all get the same answer ("check your email"), and
 *   the email says what happened. An unverified account (a squatter's, or an
 *   abandoned sign-up) takes the new password.
 * - Every flow is rate limited (LIMITS in rateLimit.ts): sign-up per address
 *   and per client IP, sign-in per account and per client IP (code entries
 *   count per IP too), counted before the credentials are checked; each
 *   lockout is audited for the account's groups.
 * - Addresses on a verified domain whose group enforces SSO are refused.
 *
 * Client flows (`signIn("password", { flow, ... })`):
 *   signUp             { email, password, name }  → not signed in; a code is mailed
 *   email-verification { email, code }            → signed in
 *   signIn             { email, password }        → signed in, or a code is mailed if unverified
 */
const PROVIDER = "password";
const CODE_PROVIDER = "password-code";
const CODE_TTL_S = 15 * 60;

const flowSchema = z.discriminatedUnion("flow", [
  z.object({ flow: z.literal("signUp"), email: emailField, password: passwordField, name: personNameField }),
  z.object({ flow: z.literal("signIn"), email: emailField, password: z.string().min(1).max(128) }),
  z.object({ flow: z.literal("email-verification"), email: emailField, code: codeField }),
]);

const scrypt = new Scrypt();

export const passwordCode = Email({
  id: CODE_PROVIDER,
  maxAge: CODE_TTL_S,
  generateVerificationToken: async () => randomDigits(8),
  // A code only works together with the address it was sent to.
  authorize: async (params, account) => {
    if (typeof params.email !== "string" || normalizeEmail(params.email) !== account.providerAccountId) {
      throw new Error("The code was sent to another address");
    }
  },
  // @convex-dev/auth passes the action context as a second argument its types leave out.
  sendVerificationRequest: mailVerificationCode as unknown as (params: VerificationRequest) => Promise<void>,
});

interface VerificationRequest {
  identifier: string;
  token: string;
  expires: Date;
}

async function mailVerificationCode({ identifier, token, expires }: VerificationRequest, ctx: ActionCtx): Promise<void> {
  await ctx.runMutation(internal.engine.password.mailCode, { email: identifier, code: token, expiresTime: expires.getTime() });
}

type AccountState = {
  accountId: Id<"authAccounts">;
  userId: Id<"users">;
  verified: boolean;
  deactivated: boolean;
} | null;

type Authorized = { userId: Id<"users">; sessionId?: Id<"authSessions"> } | null;

export const password = ConvexCredentials({
  id: PROVIDER,
  extraProviders: [passwordCode],
  crypto: {
    hashSecret: (secret) => scrypt.hash(secret),
    verifySecret: (secret, hash) => scrypt.verify(hash, secret),
  },
  authorize: async (params, ctx): Promise<Authorized> => {
    const input = parse(flowSchema, params);
    const attestation = params[ATTESTED_CLIENT_IP_PARAM];
    const admission: Admission = await ctx.runMutation(internal.engine.password.guard, {
      email: input.email,
      flow: input.flow,
      ...(typeof attestation === "string" ? { attestedClientIp: attestation } : {}),
    });
    if (!admission.admitted) fail("RATE_LIMITED", admission.message);
    const succeeded = () => ctx.runMutation(internal.engine.password.settle, { email: input.email, flow: input.flow, ip: admission.ip });
    const account: AccountState = await ctx.runQuery(internal.engine.password.accountState, { email: input.email });
    const sendCode = async (accountId: Id<"authAccounts">): Promise<null> => {
      await signInViaProvider(ctx, passwordCode, { accountId, params: { email: input.email } });
      return null;
    };

    switch (input.flow) {
      case "signUp": {
        if (!account) {
          // Someone SSO already provisioned gets a password on the same user (once the
          // emailed code proves the address), never a second user; their name stays.
          const ssoUser: boolean = await ctx.runQuery(internal.engine.password.hasVerifiedUser, { email: input.email });
          const created = await createAccount(ctx, {
            provider: PROVIDER,
            account: { id: input.email, secret: input.password },
            profile: ssoUser ? { email: input.email } : { email: input.email, name: input.name },
            shouldLinkViaEmail: true,
          });
          return await sendCode(created.account._id);
        }
        if (!account.verified) {
          await modifyAccountCredentials(ctx, { provider: PROVIDER, account: { id: input.email, secret: input.password } });
          await ctx.runMutation(internal.engine.password.rename, { userId: account.userId, name: input.name });
        } else {
          // Spend the same hashing time as the branches above, so timing does not tell them apart.
          await scrypt.hash(input.password);
        }
        return await sendCode(account.accountId);
      }
      case "signIn": {
        const retrieved = await retrieveAccount(ctx, {
          provider: PROVIDER,
          account: { id: input.email, secret: input.password },
        }).catch((error: unknown) => {
          if (String((error as Error).message).includes("TooManyFailedAttempts")) {
            fail("RATE_LIMITED", "Too many failed attempts. Try again in an hour.");
          }
          return null;
        });
        if (!retrieved || !account || account.deactivated) fail("INVALID_CREDENTIALS", "Wrong email or password.");
        await succeeded();
        if (!account.verified) return await sendCode(account.accountId);
        return { userId: retrieved.user._id };
      }
      case "email-verification": {
        if (!account || account.deactivated) fail("INVALID_CODE", "That code is wrong or has expired.");
        // The library throws for a wrong code and returns null for a used or expired one.
        const signedIn = await signInViaProvider(ctx, passwordCode, {
          accountId: account.accountId,
          params: { email: input.email, code: input.code },
        }).catch(() => null);
        if (!signedIn) fail("INVALID_CODE", "That code is wrong or has expired.");
        await succeeded();
        return signedIn;
      }
    }
  },
});

type Flow = z.infer<typeof flowSchema>["flow"];

type Admission = { admitted: true; ip: string } | { admitted: false; message: string };

/**
 * Runs before any credential is checked, in its own transaction (so what it
 * counts stays counted whatever happens next). Refuses addresses on a
 * verified domain whose group enforces SSO — except, with the group's
 * break-glass setting, a password sign-in by one of its owners (audited) —
 * then counts the attempt against the flow's limits, or refuses it.
 */
export const guard = internalMutation({
  args: { email: v.string(), flow: v.string(), attestedClientIp: v.optional(v.string()) },
  returns: v.union(v.object({ admitted: v.literal(true), ip: v.string() }), v.object({ admitted: v.literal(false), message: v.string() })),
  handler: async (ctx, { email, flow, attestedClientIp }): Promise<Admission> => {
    const enforcing = await ssoEnforcement(ctx, email);
    const owner = enforcing && flow !== "signUp" && enforcing.ownerBreakGlass ? await ownerOf(ctx, email, enforcing.groupId) : null;
    if (enforcing && !owner) {
      fail("SSO_REQUIRED", "Your organization signs in with single sign-on. Continue with your work email instead of a password.");
    }
    const ip = await clientIp(ctx, attestedClientIp);
    const refused = await takeAll(ctx, checksFor(flow as Flow, email, ip));
    if (refused) {
      await recordLockout(ctx, { name: refused.check.name, key: refused.check.key, refusal: refused.refusal, ip, ...(await accountScopes(ctx, email)) });
      return { admitted: false, message: retryMessage(refused.refusal) };
    }
    if (enforcing && owner) {
      await recordEvent(ctx, {
        groupId: enforcing.groupId,
        kind: "login.break_glass",
        actor: { type: "user", id: owner, label: email },
        reason: "Owner used a password on an SSO-enforced domain",
        metadata: { flow },
      });
    }
    return { admitted: true, ip };
  },
});

/** The limits an attempt counts against. Sign-ups count whatever happens; sign-ins and codes are given back on success (`settle`). */
function checksFor(flow: Flow, email: string, ip: string): Array<{ name: LimitName; key: string; limit: Limit }> {
  const check = (name: LimitName, key: string) => ({ name, key, limit: LIMITS[name] });
  switch (flow) {
    case "signUp":
      return [check("signUpPerIp", `signUp:ip:${ip}`), check("signUpPerEmail", `signUp:email:${email}`)];
    case "signIn":
      return [check("signInPerIp", `signIn:ip:${ip}`), check("signInPerAccount", `signIn:account:${email}`)];
    case "email-verification":
      return [check("signInPerIp", `signIn:ip:${ip}`)];
  }
}

/**
 * After a correct password or code: the account's failures are forgotten
 * (only its owner gets here), and the client's counter gets this one attempt
 * back — but not the rest of its window, so signing in to an account of
 * one's own between guesses buys an attacker nothing.
 */
export const settle = internalMutation({
  args: { email: v.string(), flow: v.string(), ip: v.string() },
  returns: v.null(),
  handler: async (ctx, { email, flow, ip }) => {
    if (flow === "signIn") await clear(ctx, `signIn:account:${email}`);
    await refund(ctx, `signIn:ip:${ip}`, LIMITS.signInPerIp);
    return null;
  },
});

async function ssoEnforcement(ctx: QueryCtx, email: string) {
  const claim = await ctx.db
    .query("domains")
    .withIndex("by_domain", (q) => q.eq("domain", emailDomain(email)))
    .unique();
  if (!claim || claim.status !== "verified") return null;
  const policy = await getPolicy(ctx, claim.groupId);
  return policy.ssoEnforced ? { groupId: claim.groupId, ownerBreakGlass: policy.ownerBreakGlass } : null;
}

async function ownerOf(ctx: QueryCtx, email: string, groupId: Id<"groups">): Promise<Id<"users"> | null> {
  const user = await ctx.db
    .query("users")
    .withIndex("email", (q) => q.eq("email", email))
    .first();
  const membership = user ? await getMembership(ctx, { userId: user._id, groupId }) : null;
  return membership?.role === "owner" && membership.status === "active" ? user!._id : null;
}

async function passwordAccount(ctx: QueryCtx, email: string) {
  return await ctx.db
    .query("authAccounts")
    .withIndex("providerAndAccountId", (q) => q.eq("provider", PROVIDER).eq("providerAccountId", email))
    .unique();
}

export const accountState = internalQuery({
  args: { email: v.string() },
  handler: async (ctx, { email }): Promise<AccountState> => {
    const account = await passwordAccount(ctx, email);
    if (!account) return null;
    const user = await ctx.db.get(account.userId);
    return {
      accountId: account._id,
      userId: account.userId,
      verified: Boolean(account.emailVerified),
      deactivated: user?.status === "deactivated",
    };
  },
});

export const hasVerifiedUser = internalQuery({
  args: { email: v.string() },
  returns: v.boolean(),
  handler: async (ctx, { email }) => {
    const user = await ctx.db
      .query("users")
      .withIndex("email", (q) => q.eq("email", email))
      .first();
    return Boolean(user?.emailVerificationTime);
  },
});

export const rename = internalMutation({
  args: { userId: v.id("users"), name: v.string() },
  returns: v.null(),
  handler: async (ctx, { userId, name }) => {
    await ctx.db.patch(userId, { name });
    return null;
  },
});

/** The code email, or — for an address that already has an account — a notice instead of a code. */
export const mailCode = internalMutation({
  args: { email: v.string(), code: v.string(), expiresTime: v.number() },
  returns: v.null(),
  handler: async (ctx, { email, code, expiresTime }) => {
    const account = await passwordAccount(ctx, email);
    if (account?.emailVerified) {
      await sendMail(ctx, {
        to: email,
        subject: "You already have an account",
        text:
          `Someone, maybe you, tried to create an account with ${email}.\n\n` +
          `You already have one. Sign in at ${siteUrl("/sign-in")}.\n\n` +
          "If this wasn't you, you can ignore this email: nothing has changed.",
      });
      return null;
    }
    const minutes = Math.round((expiresTime - Date.now()) / 60_000);
    await sendMail(ctx, {
      to: email,
      subject: `Your verification code: ${code}`,
      text: `Your verification code is ${code}.\n\nIt expires in ${minutes} minutes. If you didn't ask for it, ignore this email.`,
    });
    return null;
  },
});
