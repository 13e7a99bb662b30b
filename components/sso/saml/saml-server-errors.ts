import type { SamlDraft, SamlField } from "./saml-form-schema";

/**
 * A refused `setSaml`, read for the form: the server names the argument a
 * message is about (`security.clockSkewSeconds: …`, convex/engine/parse.ts);
 * the form marks that field and says it by the name the form shows.
 */

/** The form field for each setSaml argument path the server names in its messages (`security.clockSkewSeconds: …`). */
const SERVER_PATHS: ReadonlyArray<readonly [string, SamlField]> = [
  ["metadata.url", "metadataUrl"],
  ["metadata.xml", "metadataXml"],
  ["request.nameIdFormat", "nameIdFormat"],
  ["security.clockSkewSeconds", "clockSkew"],
  ["security.maxMetadataSize", "maxMetadataKb"],
  ["security.maxResponseSize", "maxResponseKb"],
  ["serviceProvider.entityId", "spEntityId"],
  ["serviceProvider.signingCert", "signingCert"],
  ["serviceProvider.signingKey", "signingKey"],
  ["serviceProvider.encryptionCert", "encryptionCert"],
  ["serviceProvider.encryptionKey", "encryptionKey"],
  ["idpInitiated.defaultRedirect", "defaultRedirect"],
  ["profile.mapping.subject", "subjectAttribute"],
  ["profile.mapping.email", "emailAttribute"],
  ["profile.mapping.name", "nameAttribute"],
  ["profile.mapping.firstName", "firstNameAttribute"],
  ["profile.mapping.lastName", "lastNameAttribute"],
  ["profile.mapping.groups", "groupsAttribute"],
  ["profile.mapping.roles", "rolesAttribute"],
  ["profile.extraFields", "extraFields"],
];

/** Field names as the form shows them, for messages about a field. */
export const SAML_FIELD_LABELS: Record<SamlField, string> = {
  metadataMode: "Metadata",
  metadataUrl: "Metadata URL",
  metadataXml: "Metadata XML",
  subjectAttribute: "Subject attribute",
  emailAttribute: "Email attribute",
  nameAttribute: "Name attribute",
  firstNameAttribute: "First name attribute",
  lastNameAttribute: "Last name attribute",
  groupsAttribute: "Groups attribute",
  rolesAttribute: "Roles attribute",
  extraFields: "Extra profile fields",
  idpInitiated: "IdP-initiated sign-in",
  defaultRedirect: "Landing page",
  requireSignedAssertions: "Require signed assertions",
  requireTimestamps: "Require validity times",
  clockSkew: "Clock skew",
  weakAlgorithms: "Weak algorithms",
  maxResponseKb: "Largest response",
  maxMetadataKb: "Largest metadata",
  signAuthnRequests: "Sign requests",
  nameIdFormat: "NameID format",
  forceAuthn: "Always ask to sign in",
  spEntityId: "SP entity ID",
  signingCert: "Signing certificate",
  signingKeyMode: "Signing key",
  signingKey: "Signing key",
  encryptionCert: "Encryption certificate",
  encryptionKeyMode: "Encryption key",
  encryptionKey: "Encryption key",
};

/**
 * The field a refused save is about, and the message without the argument
 * path: INVALID_URL is about the metadata URL; INVALID_INPUT names its
 * argument, or, naming none, is about the metadata (which the server reads
 * after checking the rest). Anything else (FORBIDDEN, …) is about no field.
 */
export function fieldOfSamlError(error: { code: string; message: string }, draft: Pick<SamlDraft, "metadataMode">): { field: SamlField; message: string } | null {
  const metadataField: SamlField = draft.metadataMode === "url" ? "metadataUrl" : "metadataXml";
  if (error.code === "INVALID_URL") return { field: "metadataUrl", message: error.message };
  if (error.code !== "INVALID_INPUT") return null;
  const named = /^([A-Za-z]+(?:\.[A-Za-z0-9_]+)*): ([\s\S]*)$/.exec(error.message);
  if (!named) return { field: metadataField, message: error.message };
  const [, path, message] = named as unknown as [string, string, string];
  const entry = SERVER_PATHS.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`));
  const field = entry?.[1] ?? (path === "metadata" || path.startsWith("metadata.") ? metadataField : null);
  return field ? { field, message: message.charAt(0).toUpperCase() + message.slice(1) } : null;
}

/** A refused save for the form's alert: the field by the name the form shows rather than its argument path. */
export function describeSamlError(error: { code: string; message: string }, draft: Pick<SamlDraft, "metadataMode">): string {
  const named = fieldOfSamlError(error, draft);
  return named ? `${SAML_FIELD_LABELS[named.field]}: ${named.message}` : error.message;
}
