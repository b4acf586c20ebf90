import { createSecretKey, type KeyObject } from "node:crypto";

const keys = new Map<string, KeyObject>();

/**
 * The HS256 key for `secret`, built once per secret. Given a string, jsonwebtoken first tries to
 * parse it as a PEM public key (which throws) on every verify; profiling showed that at about a
 * third of the CPU of a booking request, so verify and sign get a ready KeyObject instead.
 */
export function hmacKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, "utf8"));
    keys.set(secret, key);
  }
  return key;
}
