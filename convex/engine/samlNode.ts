"use node";

import { SAML } from "@node-saml/node-saml";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalAction } from "../_generated/server";
import { fail } from "./errors";
import { allowPrivateIdpUrls } from "./oidcConfig";
import { OutboundFailure } from "./outboundFetch";
import { fetchOutboundPinned } from "./outboundNode";
import { MetadataRefused, parseIdpMetadata } from "./samlMetadata";
import { SamlFailure, validateSamlResponse } from "./samlResponse";
import { open } from "./secret";

/**
 * The SAML work that needs Node (node-saml, X.509): reading IdP metadata,
 * building the AuthnRequest URL, and validating a posted response. Each
 * loads what it needs through samlStore.ts.
 */

/** Fetches metadata from the IdP (guarded like every server-side fetch) or takes it as pasted, and parses it. */
export const readMetadata = internalAction({
  args: { url: v.optional(v.string()), xml: v.optional(v.string()), maxSize: v.number() },
  handler: async (_ctx, args) => {
    const xml = args.url !== undefined ? await fetchMetadata(args.url, args.maxSize) : args.xml!;
    try {
      return { xml, parsed: parseIdpMetadata(xml, args.maxSize), url: args.url };
    } catch (error) {
      return fail("INVALID_INPUT", error instanceof MetadataRefused ? error.message : "The IdP metadata can't be read.");
    }
  },
});

async function fetchMetadata(url: string, maxSize: number): Promise<string> {
  let response: Response;
  try {
    response = await fetchOutboundPinned(url, { headers: { accept: "application/samlmetadata+xml, application/xml, text/xml" } }, { allowPrivate: allowPrivateIdpUrls(), maxBytes: maxSize });
  } catch (error) {
    if (!(error instanceof OutboundFailure)) throw error;
    if (error.kind === "too_large") fail("INVALID_INPUT", `The metadata is larger than ${Math.round(maxSize / 1024)} KB.`);
    return fail("INVALID_URL", error.kind === "refused" ? error.message : `Couldn't fetch the metadata: ${error.message}`);
  }
  if (response.status !== 200) fail("INVALID_URL", `The metadata URL answered ${response.status}.`);
  return await response.text();
}

/** The IdP URL that starts a sign-in: an AuthnRequest (HTTP-Redirect binding, signed if configured) with our state as RelayState. */
export const authorizeUrl = internalAction({
  args: { connectionId: v.id("connections"), requestId: v.string(), relayState: v.string() },
  handler: async (ctx, args): Promise<string> => {
    const { config, spEntityId, acsUrl } = await ctx.runQuery(internal.engine.samlStore.load, { connectionId: args.connectionId });
    const entryPoint = config.metadata.ssoUrls.redirect;
    if (!entryPoint) throw new SamlFailure("connection_unavailable", "The IdP offers no HTTP-Redirect sign-in endpoint.");
    const signingKey = config.request.signAuthnRequests && config.serviceProvider.signingKey ? await open(config.serviceProvider.signingKey) : undefined;
    const saml = new SAML({
      entryPoint,
      issuer: spEntityId,
      callbackUrl: acsUrl,
      idpCert: config.metadata.certificates.map((cert) => cert.pem),
      identifierFormat: config.request.nameIdFormat ?? null,
      forceAuthn: config.request.forceAuthn,
      disableRequestedAuthnContext: true,
      generateUniqueId: () => args.requestId,
      ...(signingKey ? { privateKey: signingKey, signatureAlgorithm: "sha256" as const } : {}),
    });
    return await saml.getAuthorizeUrlAsync(args.relayState, undefined, {});
  },
});

/** Validates a posted SAMLResponse; never throws for a bad response, it reports why. */
export const validate = internalAction({
  args: { connectionId: v.id("connections"), samlResponse: v.string() },
  handler: async (ctx, args) => {
    const { config, spEntityId, acsUrl } = await ctx.runQuery(internal.engine.samlStore.load, { connectionId: args.connectionId });
    const decryptionKey = config.serviceProvider.encryptionKey ? await open(config.serviceProvider.encryptionKey) : undefined;
    try {
      const assertion = await validateSamlResponse(args.samlResponse, { config, spEntityId, acsUrl, decryptionKey });
      return { ok: true as const, assertion: { ...assertion, attributes: JSON.stringify(assertion.attributes) } };
    } catch (error) {
      if (error instanceof SamlFailure) return { ok: false as const, code: error.code, detail: error.message };
      return { ok: false as const, code: "assertion_invalid" as const, detail: `The response couldn't be validated: ${error instanceof Error ? error.message : String(error)}.` };
    }
  },
});
