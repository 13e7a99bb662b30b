import type { SamlConfig, ValidationCheck, ValidationRun } from "./protocolShapes";

/**
 * validateSaml's checks on the saved settings: what sign-in needs from the
 * IdP's metadata (entity ID, a redirect endpoint, usable certificates) and
 * from our side (a key when AuthnRequests are signed). Certificates expiring
 * within CERT_WARNING_MS are warned about.
 */
export const CERT_WARNING_MS = 30 * 24 * 60 * 60 * 1000;

export function certificateState(notAfter: number, now = Date.now()): "valid" | "expiring" | "expired" {
  return notAfter <= now ? "expired" : notAfter - now <= CERT_WARNING_MS ? "expiring" : "valid";
}

export function checkSamlConfig(config: SamlConfig, { requireHttps }: { requireHttps: boolean }, now = Date.now()): ValidationRun {
  const checks: ValidationCheck[] = [];
  const add = (id: string, ok: boolean, message: string, severity: ValidationCheck["severity"] = "error") => checks.push({ id, ok, severity, message });
  add("entityId", config.metadata.entityId.length > 0, `The IdP's entity ID is ${config.metadata.entityId}.`);
  const sso = config.metadata.ssoUrls.redirect;
  add("ssoUrl", Boolean(sso), sso ? `Sign-in starts at ${sso} (HTTP-Redirect).` : "The IdP offers no HTTP-Redirect sign-in endpoint, which sign-in uses.");
  if (sso && requireHttps) add("https", sso.startsWith("https://"), sso.startsWith("https://") ? "The IdP's endpoint uses HTTPS." : "The IdP's sign-in endpoint is not HTTPS.");
  const states = config.metadata.certificates.map((cert) => ({ cert, state: certificateState(cert.notAfter, now) }));
  const usable = states.filter(({ state }) => state !== "expired");
  add("certificates", usable.length > 0, usable.length > 0 ? `${usable.length} usable signing certificate${usable.length === 1 ? "" : "s"}.` : "Every signing certificate has expired.");
  for (const { cert, state } of states.filter(({ state }) => state !== "valid")) {
    const when = new Date(cert.notAfter).toISOString().slice(0, 10);
    add(`certificate:${cert.fingerprint}`, false, state === "expired" ? `A signing certificate expired on ${when}.` : `A signing certificate expires on ${when}: ask the IdP to publish its next one.`, "warning");
  }
  if (config.request.signAuthnRequests) add("signingKey", Boolean(config.serviceProvider.signingKey), config.serviceProvider.signingKey ? "AuthnRequests are signed with the saved SP key." : "Signing AuthnRequests needs an SP signing key.");
  add("signedAssertions", config.security.requireSignedAssertions, config.security.requireSignedAssertions ? "Assertions must be signed." : "Assertions may be unsigned (the response must then be signed): prefer signed assertions.", "warning");
  return { ok: checks.every((check) => check.ok || check.severity === "warning"), time: now, checks };
}
