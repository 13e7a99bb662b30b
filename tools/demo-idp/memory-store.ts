import type { Adapter, AdapterPayload } from "oidc-provider";

/**
 * oidc-provider's storage (sessions, interactions, codes, tokens, grants) in
 * memory, as one store that successive provider instances share: rotating the
 * signing key swaps the instance (see oidc-idp.ts), and a sign-in that is half
 * way through must survive that. (oidc-provider's own memory adapter is
 * per instance.) Nothing outlives the process, which suits a demo IdP.
 */
export function createMemoryStore(): (model: string) => Adapter {
  const entries = new Map<string, { payload: AdapterPayload; expiresAt: number }>();

  const read = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  return (model) => {
    const keyOf = (id: string) => `${model}:${id}`;
    const keysOfModel = () => [...entries.keys()].filter((key) => key.startsWith(`${model}:`));
    return {
      async upsert(id, payload, expiresIn) {
        const expiresAt = expiresIn === undefined ? Infinity : Date.now() + expiresIn * 1000;
        entries.set(keyOf(id), { payload, expiresAt });
      },
      async find(id) {
        return read(keyOf(id));
      },
      async findByUid(uid) {
        // Only sessions are looked up by uid, and a demo has a handful of them.
        return read(keysOfModel().find((key) => entries.get(key)?.payload.uid === uid) ?? "");
      },
      async consume(id) {
        const payload = read(keyOf(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        // Each model (codes, access tokens…) revokes its own artifacts of the grant.
        for (const key of keysOfModel()) {
          if (entries.get(key)?.payload.grantId === grantId) entries.delete(key);
        }
      },
    };
  };
}
