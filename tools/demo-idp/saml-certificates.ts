import { X509Certificate } from "node:crypto";
import selfsigned from "selfsigned";

/** A key pair and the self-signed certificate the SAML IdP publishes for it, as SAML IdPs do. */
export interface SamlSigningCertificate {
  privateKeyPem: string;
  certificatePem: string;
  expiresAt: Date;
  /** SHA-256 of the DER certificate, colon-separated hex: what admin consoles show to compare certificates. */
  sha256Fingerprint: string;
}

const SUBJECT = [{ name: "commonName", value: "Acme demo IdP" }];
const KEY_BITS = 2048;
const VALID_DAYS = 365;
/** A signing certificate and nothing else (selfsigned's default makes a CA with a made-up SAN). */
const EXTENSIONS = [
  { name: "basicConstraints", cA: false },
  { name: "keyUsage", critical: true, digitalSignature: true },
];

export function generateSamlSigningCertificate(): Promise<SamlSigningCertificate> {
  return new Promise((resolve, reject) => {
    // With a callback, selfsigned generates the key with Node's crypto off the main thread.
    selfsigned.generate(SUBJECT, { keySize: KEY_BITS, days: VALID_DAYS, algorithm: "sha256", extensions: EXTENSIONS }, (error, pems) => {
      if (error) return reject(error);
      const certificate = new X509Certificate(pems.cert);
      resolve({
        privateKeyPem: pems.private,
        certificatePem: pems.cert,
        expiresAt: new Date(certificate.validTo),
        sha256Fingerprint: certificate.fingerprint256,
      });
    });
  });
}

/** The base64 DER between the PEM armour lines: what goes in an X509Certificate element. */
export function certificateBase64(certificatePem: string): string {
  return certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}
