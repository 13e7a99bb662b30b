import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";

/** The key the IdP signs ID tokens with: the private JWK for oidc-provider, the public one for its JWKS. */
export interface SigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** A fresh RS256 key pair whose `kid` is its RFC 7638 thumbprint, so every key has a distinct one. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const exportedPublic = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(exportedPublic);
  const labels = { kid, alg: "RS256", use: "sig" };
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), ...labels },
    publicJwk: { ...exportedPublic, ...labels },
  };
}
