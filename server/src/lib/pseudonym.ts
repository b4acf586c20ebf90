import { createHmac } from "node:crypto";

const derived = new Map<string, Buffer>();

/**
 * A stable pseudonym for an erased record: a keyed hash (HMAC-SHA-256 under a key derived from
 * the server secret) of its id. Whoever holds the id and the secret (the operator) can recompute
 * it to answer "was this account erased, and when?"; nobody can turn it back into the id, name or
 * email. Only as stable as the secret: rotating JWT_SECRET changes future pseudonyms.
 */
export function pseudonym(secret: string, kind: "account" | "family", id: string): string {
  let key = derived.get(secret);
  if (!key) {
    key = createHmac("sha256", secret).update("carecircle/pseudonym/v1").digest();
    derived.set(secret, key);
  }
  return `${kind}:${createHmac("sha256", key).update(`${kind}:${id}`).digest("base64url").slice(0, 22)}`;
}
