import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { fail } from "./errors";
import { describeIdpHealth } from "./idpHealth";
import { runOidcValidation } from "./oidcValidation";
import { parse } from "./parse";
import type { ValidationRun } from "./protocolShapes";
import { samlInput, serviceProviderUrls, spEntityId } from "./samlConfig";
import { certificateState, checkSamlConfig } from "./samlValidation";
import { oidcRedirectUri } from "./urls";

/**
 * What both set-up surfaces share, the console (api.auth.group) and setup
 * links (api.auth.setup): each protocol's status view, and the action halves
 * of saving SAML and validating. Callers authorize first; these only act on
 * the connection they are given.
 */

/** The settings setOidc takes, parsed by oidcConfig.ts's schema (a Convex validator would only repeat it, less well). */
export const oidcSettingsArgs = {
  discovery: v.any(),
  client: v.any(),
  request: v.optional(v.any()),
  security: v.optional(v.any()),
  profile: v.optional(v.any()),
};

/** The settings setSaml takes, parsed by samlConfig.ts's schema. */
export const samlSettingsArgs = {
  metadata: v.optional(v.any()),
  request: v.optional(v.any()),
  security: v.optional(v.any()),
  serviceProvider: v.optional(v.any()),
  idpInitiated: v.optional(v.any()),
  profile: v.optional(v.any()),
};

/** OIDC set-up at a glance: the redirect URI to register, whether a secret is saved, the last validation and test. */
export function oidcStatus(connection: Doc<"connections">) {
  const { oidc, lastTest } = connection;
  return {
    configured: Boolean(oidc),
    redirectUri: oidcRedirectUri(),
    hasSecret: Boolean(oidc?.client.secret),
    validation: oidc?.validation ?? null,
    lastTest: lastTest ?? null,
    health: describeIdpHealth(connection),
  };
}

/** SAML set-up at a glance: our values for the IdP, its certificates' expiry, the last refresh, validation and test. */
export function samlStatus(connection: Doc<"connections">) {
  const urls = serviceProviderUrls(connection._id);
  const saml = connection.saml;
  return {
    configured: Boolean(saml),
    entityId: spEntityId(connection._id, saml),
    acsUrl: urls.acsUrl,
    metadataUrl: urls.metadataUrl,
    certificates: (saml?.metadata.certificates ?? []).map(({ fingerprint, notAfter }) => ({ fingerprint, notAfter, state: certificateState(notAfter) })),
    lastRefresh: saml?.metadata.lastRefresh ?? null,
    validation: saml?.validation ?? null,
    lastTest: connection.lastTest ?? null,
    health: describeIdpHealth(connection),
  };
}

/** Fetches the IdP's discovery document and keys with the saved settings; the run is stored too. */
export async function validateOidcNow(ctx: ActionCtx, connectionId: Id<"connections">): Promise<ValidationRun> {
  const config = await ctx.runQuery(internal.engine.oidcValidation.load, { connectionId });
  const { run, discovered } = await runOidcValidation(config);
  await ctx.runMutation(internal.engine.oidcValidation.store, { connectionId, issuer: config.discovery.issuer, run, discovered });
  return run;
}

/** Checks the saved SAML settings (no network); the run is stored too. */
export async function validateSamlNow(ctx: ActionCtx, connectionId: Id<"connections">): Promise<ValidationRun> {
  const { config } = await ctx.runQuery(internal.engine.samlStore.load, { connectionId });
  const run = checkSamlConfig(config, { requireHttps: process.env.ALLOW_PRIVATE_IDP_URLS !== "true" });
  await ctx.runMutation(internal.engine.samlStore.storeValidation, { connectionId, run });
  return run;
}

/**
 * The IdP metadata a SAML save uses, read (fetched from its URL, or the
 * pasted XML) and parsed in a Node action: the input's, or else the saved
 * one's source again. The input is checked before anything is fetched; the
 * saving mutation checks it again.
 */
export async function readSamlMetadata(ctx: ActionCtx, connectionId: Id<"connections">, input: unknown) {
  const parsed = parse(samlInput, input, { nameField: true });
  const metadata = parsed.metadata ?? (await ctx.runQuery(internal.engine.samlStore.savedMetadata, { connectionId })) ?? fail("INVALID_INPUT", "metadata: give the IdP metadata as a URL or as XML.");
  return await ctx.runAction(internal.engine.samlNode.readMetadata, { ...metadata, maxSize: parsed.security.maxMetadataSize });
}
