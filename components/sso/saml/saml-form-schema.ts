import * as z from "zod";
import { fieldErrors, linesField, optional, optionalRecord, urlField, wholeNumberField } from "@/components/sso/form-schema";
import { extraFieldRule, formatLines, normalizeLines } from "@/components/sso/key-value-lines";
import { SAML_LIMITS } from "@/convex/engine/samlConfig";
import { DEFAULT_AFTER_SIGN_IN, parseRedirectTo } from "@/lib/redirect";

/**
 * The SAML form: its working copy (`SamlDraft`, every field as typed), the
 * zod schema that checks it before anything is sent, and the conversions
 * between it and the server's shapes (`SamlView` in, the `setSaml`
 * arguments out). The server re-reads the metadata on every save, so the
 * payload always carries it; it validates again and has the last word.
 */

const KB = 1024;
export const MIN_DOCUMENT_KB = 8;
export const MAX_DOCUMENT_KB = SAML_LIMITS.maxDocumentSize / KB;
export const MAX_CLOCK_SKEW_SECONDS = SAML_LIMITS.maxClockSkewSeconds;
/** The server's defaults (convex/engine/samlConfig.ts, `samlInput`): strict, with a minute of clock skew. */
export const SAML_DEFAULTS = {
  clockSkewSeconds: 60,
  documentSize: SAML_LIMITS.defaultDocumentSize,
  weakAlgorithmHandling: "reject",
} as const;
const MAX_ATTRIBUTE_LENGTH = 300;
const MAX_EXTRA_FIELDS = 20;

/** NameID formats to ask for (SAML Core §8.3); "" asks for none: the identity provider decides. */
export const NAME_ID_FORMATS = [
  { value: "", label: "Any: the identity provider decides" },
  { value: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", label: "Email address" },
  { value: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", label: "Persistent (a stable, opaque ID)" },
  { value: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient", label: "Transient (a new ID each time)" },
  { value: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified", label: "Unspecified" },
] as const;

export type WeakAlgorithmHandling = "warn" | "reject";

/** In the form's order (focus goes to the first field with a problem). */
export type SamlDraft = {
  /** How the metadata is given: fetched from its URL, or pasted/uploaded XML. */
  metadataMode: "url" | "xml";
  metadataUrl: string;
  metadataXml: string;
  /** "" means the NameID. */
  subjectAttribute: string;
  emailAttribute: string;
  nameAttribute: string;
  firstNameAttribute: string;
  lastNameAttribute: string;
  groupsAttribute: string;
  rolesAttribute: string;
  /** One `field=attribute` per line. */
  extraFields: string;
  idpInitiated: boolean;
  defaultRedirect: string;
  requireSignedAssertions: boolean;
  requireTimestamps: boolean;
  weakAlgorithms: WeakAlgorithmHandling;
  clockSkew: string;
  maxResponseKb: string;
  maxMetadataKb: string;
  nameIdFormat: string;
  forceAuthn: boolean;
  signAuthnRequests: boolean;
  /** "keep": the saved key stays (nothing is sent); "set": `signingKey` replaces it. */
  signingKeyMode: "keep" | "set";
  signingKey: string;
  signingCert: string;
  /** "" means the default, our SP metadata URL. */
  spEntityId: string;
  encryptionKeyMode: "keep" | "set";
  encryptionKey: string;
  encryptionCert: string;
};

export type SamlField = keyof SamlDraft;
export type SamlFieldErrors = Partial<Record<SamlField, string>>;

type Mapping = { subject?: string; email: string; name?: string; firstName?: string; lastName?: string; groups?: string; roles?: string };

/** What `setSaml` takes besides the connection id (see convex/engine/samlConfig.ts). */
export type SamlPayload = {
  metadata: { url: string } | { xml: string };
  request: { signAuthnRequests: boolean; nameIdFormat?: string; forceAuthn: boolean };
  security: {
    requireSignedAssertions: boolean;
    requireTimestamps: boolean;
    clockSkewSeconds: number;
    weakAlgorithmHandling: WeakAlgorithmHandling;
    maxMetadataSize: number;
    maxResponseSize: number;
  };
  serviceProvider: { entityId?: string; signingCert?: string; signingKey?: string; encryptionCert?: string; encryptionKey?: string };
  idpInitiated: { enabled: boolean; defaultRedirect: string };
  profile: { mapping: Mapping; extraFields?: Record<string, string> };
};

/** The saved configuration as `getSaml` returns it (keys only as `has…Key`; the metadata XML not at all). */
export type SavedSaml = {
  metadata: { url: string | null };
  request: { signAuthnRequests: boolean; nameIdFormat?: string; forceAuthn: boolean };
  security: SamlPayload["security"];
  serviceProvider: {
    entityId: string;
    metadataUrl: string;
    signingCert: string | null;
    encryptionCert: string | null;
    hasSigningKey: boolean;
    hasEncryptionKey: boolean;
  };
  idpInitiated: { enabled: boolean; defaultRedirect: string };
  profile: { mapping: Mapping; extraFields?: Record<string, string> };
};

/** What the checks need to know of the saved settings. */
export type SamlSavedState = {
  /** The saved metadata was given as XML, which isn't returned: it has to be given again. */
  savedAsXml: boolean;
  hasSigningKey: boolean;
  hasEncryptionKey: boolean;
};

export function savedState(saved: SavedSaml | null): SamlSavedState {
  return {
    savedAsXml: saved !== null && saved.metadata.url === null,
    hasSigningKey: saved?.serviceProvider.hasSigningKey ?? false,
    hasEncryptionKey: saved?.serviceProvider.hasEncryptionKey ?? false,
  };
}

// Field checks

function attributeField(what: string, required: boolean) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (value === "" && required) ctx.addIssue({ code: "custom", message: `Enter the attribute that holds the ${what}.` });
      else if (value.length > MAX_ATTRIBUTE_LENGTH) ctx.addIssue({ code: "custom", message: `Use at most ${MAX_ATTRIBUTE_LENGTH} characters.` });
    });
}

/** PEM text of the given kind ("CERTIFICATE", "PRIVATE KEY"), or nothing. */
function pemField(what: string, kind: "CERTIFICATE" | "PRIVATE KEY") {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (value === "") return;
      if (value.length > SAML_LIMITS.maxPem) ctx.addIssue({ code: "custom", message: `The ${what} is too long.` });
      else if (!/^-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----$/.test(value) || !value.includes(kind)) {
        ctx.addIssue({ code: "custom", message: `Paste the ${what} in PEM form (-----BEGIN ${kind}-----).` });
      }
    });
}

const documentKb = (what: string) =>
  wholeNumberField(MIN_DOCUMENT_KB, MAX_DOCUMENT_KB, `Enter whole KB from ${MIN_DOCUMENT_KB} to ${MAX_DOCUMENT_KB} for the ${what}.`);

const EXTRA_FIELD_RULE = extraFieldRule({ source: "attribute", max: MAX_EXTRA_FIELDS, maxLength: MAX_ATTRIBUTE_LENGTH, spaces: true });

/** Metadata documents name their root (md:)EntityDescriptor, or EntitiesDescriptor around several. */
const ENTITY_DESCRIPTOR = /<(?:[\w.-]+:)?EntityDescriptor[\s>]/;

const fields = z.object({
  metadataMode: z.enum(["url", "xml"]),
  metadataUrl: urlField("metadata URL", { required: false }),
  metadataXml: z.string().trim(),
  subjectAttribute: attributeField("user's stable ID", false),
  emailAttribute: attributeField("email address", true),
  nameAttribute: attributeField("name", false),
  firstNameAttribute: attributeField("first name", false),
  lastNameAttribute: attributeField("last name", false),
  groupsAttribute: attributeField("groups", false),
  rolesAttribute: attributeField("roles", false),
  extraFields: linesField(EXTRA_FIELD_RULE),
  idpInitiated: z.boolean(),
  defaultRedirect: z.string().trim(),
  requireSignedAssertions: z.boolean(),
  requireTimestamps: z.boolean(),
  clockSkew: wholeNumberField(0, MAX_CLOCK_SKEW_SECONDS, `Enter whole seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS}.`),
  weakAlgorithms: z.enum(["warn", "reject"]),
  maxResponseKb: documentKb("response"),
  maxMetadataKb: documentKb("metadata"),
  signAuthnRequests: z.boolean(),
  nameIdFormat: z.string().trim().max(200, "Use at most 200 characters."),
  forceAuthn: z.boolean(),
  spEntityId: z.string().trim().max(500, "Use at most 500 characters."),
  signingCert: pemField("signing certificate", "CERTIFICATE"),
  signingKeyMode: z.enum(["keep", "set"]),
  signingKey: pemField("signing key", "PRIVATE KEY"),
  encryptionCert: pemField("encryption certificate", "CERTIFICATE"),
  encryptionKeyMode: z.enum(["keep", "set"]),
  encryptionKey: pemField("encryption key", "PRIVATE KEY"),
});

type Values = z.output<typeof fields>;

/** The checks between fields (on the draft as typed, so they run even when a field fails its own check). */
function crossChecks(draft: SamlDraft, saved: SamlSavedState): SamlFieldErrors {
  const errors: SamlFieldErrors = {};
  const url = draft.metadataUrl.trim();
  const xml = draft.metadataXml.trim();
  const signingKey = draft.signingKey.trim();
  const encryptionKey = draft.encryptionKey.trim();
  const encryptionCert = draft.encryptionCert.trim();
  if (draft.metadataMode === "url" && url === "") errors.metadataUrl = "Enter the metadata URL.";
  if (draft.metadataMode === "xml") {
    const bytes = new TextEncoder().encode(xml).length;
    const limitKb = Number(draft.maxMetadataKb);
    if (xml === "") {
      errors.metadataXml = saved.savedAsXml
        ? "Paste or upload the metadata again to save changes (or switch to its URL)."
        : "Paste the metadata XML, or upload its file.";
    } else if (!ENTITY_DESCRIPTOR.test(xml)) {
      errors.metadataXml = "This isn't SAML metadata: it has no EntityDescriptor.";
    } else if (Number.isInteger(limitKb) && bytes > limitKb * KB) {
      errors.metadataXml = `The metadata is ${Math.ceil(bytes / KB)} KB; the limit (under Advanced settings) is ${limitKb} KB.`;
    }
  }
  if (draft.idpInitiated && parseRedirectTo(draft.defaultRedirect.trim()) === null) {
    errors.defaultRedirect = "Enter a path on this site, like /dashboard.";
  }
  const newSigningKey = draft.signingKeyMode === "set" && signingKey !== "";
  if (draft.signingKeyMode === "set" && signingKey === "" && saved.hasSigningKey) {
    errors.signingKey = "Paste the new signing key, or keep the saved one.";
  } else if (draft.signAuthnRequests && !newSigningKey && !saved.hasSigningKey) {
    errors.signingKey = "Signing requests needs the SP signing key (PEM).";
  }
  if (draft.signAuthnRequests && draft.signingCert.trim() === "") {
    errors.signingCert = "Add the signing key's certificate: your identity provider checks the signatures with it.";
  }
  const newEncryptionKey = draft.encryptionKeyMode === "set" && encryptionKey !== "";
  if (draft.encryptionKeyMode === "set" && encryptionKey === "" && saved.hasEncryptionKey) {
    errors.encryptionKey = "Paste the new encryption key, or keep the saved one.";
  } else if (encryptionCert !== "" && !newEncryptionKey && !saved.hasEncryptionKey) {
    errors.encryptionKey = "Add the encryption key too: without it, encrypted assertions can't be read.";
  } else if (newEncryptionKey && encryptionCert === "") {
    errors.encryptionCert = "Add the encryption key's certificate: your identity provider encrypts with it.";
  }
  return errors;
}

/** The draft checked: the `setSaml` arguments, or the first message for each field with a problem (all at once). */
export function parseSamlDraft(
  draft: SamlDraft,
  saved: SamlSavedState,
): { ok: true; payload: SamlPayload } | { ok: false; errors: SamlFieldErrors } {
  const parsed = fields.safeParse(draft);
  // A field's own problem comes first; the checks between fields fill in the rest.
  const errors = { ...crossChecks(draft, saved), ...(parsed.success ? {} : fieldErrors<SamlField>(parsed.error.issues)) };
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, payload: toPayload(parsed.data) };
}

/** Checked form values in `setSaml`'s shape: empty optional fields left out, keys only when replaced. */
export function toPayload(values: Values): SamlPayload {
  return {
    metadata: values.metadataMode === "url" ? { url: values.metadataUrl } : { xml: values.metadataXml },
    request: { signAuthnRequests: values.signAuthnRequests, nameIdFormat: optional(values.nameIdFormat), forceAuthn: values.forceAuthn },
    security: {
      requireSignedAssertions: values.requireSignedAssertions,
      requireTimestamps: values.requireTimestamps,
      clockSkewSeconds: values.clockSkew,
      weakAlgorithmHandling: values.weakAlgorithms,
      maxMetadataSize: values.maxMetadataKb * KB,
      maxResponseSize: values.maxResponseKb * KB,
    },
    serviceProvider: {
      entityId: optional(values.spEntityId),
      signingCert: optional(values.signingCert),
      signingKey: values.signingKeyMode === "set" ? optional(values.signingKey) : undefined,
      encryptionCert: optional(values.encryptionCert),
      encryptionKey: values.encryptionKeyMode === "set" ? optional(values.encryptionKey) : undefined,
    },
    // The landing path is checked by the server even while the option is off.
    idpInitiated: { enabled: values.idpInitiated, defaultRedirect: parseRedirectTo(values.defaultRedirect) ?? DEFAULT_AFTER_SIGN_IN },
    profile: {
      mapping: {
        subject: optional(values.subjectAttribute),
        email: values.emailAttribute,
        name: optional(values.nameAttribute),
        firstName: optional(values.firstNameAttribute),
        lastName: optional(values.lastNameAttribute),
        groups: optional(values.groupsAttribute),
        roles: optional(values.rolesAttribute),
      },
      extraFields: optionalRecord(values.extraFields),
    },
  };
}

/** A form for a new configuration: the server's defaults and plain attribute names (templates fill in their own). */
export function emptyDraft(): SamlDraft {
  return {
    metadataMode: "url",
    metadataUrl: "",
    metadataXml: "",
    subjectAttribute: "",
    emailAttribute: "email",
    nameAttribute: "name",
    firstNameAttribute: "firstName",
    lastNameAttribute: "lastName",
    groupsAttribute: "groups",
    rolesAttribute: "",
    extraFields: "",
    idpInitiated: false,
    defaultRedirect: DEFAULT_AFTER_SIGN_IN,
    requireSignedAssertions: true,
    requireTimestamps: true,
    weakAlgorithms: SAML_DEFAULTS.weakAlgorithmHandling,
    clockSkew: String(SAML_DEFAULTS.clockSkewSeconds),
    maxResponseKb: String(SAML_DEFAULTS.documentSize / KB),
    maxMetadataKb: String(SAML_DEFAULTS.documentSize / KB),
    nameIdFormat: "",
    forceAuthn: false,
    signAuthnRequests: false,
    signingKeyMode: "set",
    signingKey: "",
    signingCert: "",
    spEntityId: "",
    encryptionKeyMode: "set",
    encryptionKey: "",
    encryptionCert: "",
  };
}

/** The saved configuration as a form (`null`: nothing saved yet). Private keys and pasted metadata are never in it. */
export function toDraft(saved: SavedSaml | null): SamlDraft {
  if (!saved) return emptyDraft();
  const { metadata, request, security, serviceProvider, idpInitiated, profile } = saved;
  return {
    metadataMode: metadata.url === null ? "xml" : "url",
    metadataUrl: metadata.url ?? "",
    metadataXml: "",
    subjectAttribute: profile.mapping.subject ?? "",
    emailAttribute: profile.mapping.email,
    nameAttribute: profile.mapping.name ?? "",
    firstNameAttribute: profile.mapping.firstName ?? "",
    lastNameAttribute: profile.mapping.lastName ?? "",
    groupsAttribute: profile.mapping.groups ?? "",
    rolesAttribute: profile.mapping.roles ?? "",
    extraFields: formatLines(profile.extraFields),
    idpInitiated: idpInitiated.enabled,
    defaultRedirect: idpInitiated.defaultRedirect,
    requireSignedAssertions: security.requireSignedAssertions,
    requireTimestamps: security.requireTimestamps,
    weakAlgorithms: security.weakAlgorithmHandling,
    clockSkew: String(security.clockSkewSeconds),
    maxResponseKb: String(Math.round(security.maxResponseSize / KB)),
    maxMetadataKb: String(Math.round(security.maxMetadataSize / KB)),
    nameIdFormat: request.nameIdFormat ?? "",
    forceAuthn: request.forceAuthn,
    signAuthnRequests: request.signAuthnRequests,
    signingKeyMode: serviceProvider.hasSigningKey ? "keep" : "set",
    signingKey: "",
    signingCert: serviceProvider.signingCert ?? "",
    spEntityId: serviceProvider.entityId === serviceProvider.metadataUrl ? "" : serviceProvider.entityId,
    encryptionKeyMode: serviceProvider.hasEncryptionKey ? "keep" : "set",
    encryptionKey: "",
    encryptionCert: serviceProvider.encryptionCert ?? "",
  };
}

/** A comparable form of the draft, for "is there anything to save?": surrounding whitespace and blank lines don't count. */
export function draftFingerprint(draft: SamlDraft): string {
  return JSON.stringify({
    ...Object.fromEntries(Object.entries(draft).map(([key, value]) => [key, typeof value === "string" ? value.trim() : value])),
    extraFields: normalizeLines(draft.extraFields),
  });
}
