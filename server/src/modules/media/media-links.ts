import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { MEDIA_LIMITS, type MediaVariant } from "@carecircle/shared";

/** Who a link was issued to: any reader of the message, or a moderator (hidden messages too). */
export type LinkScope = "r" | "m";

/** A new per-file URL key (decision 111): 32 random bytes, base64url. */
export function newUrlKey(): string {
  return randomBytes(32).toString("base64url");
}

/** HMAC-SHA256 of id, variant, expiry and scope under the file's own key, base64url. */
export function mediaSignature(
  urlKey: string,
  id: string,
  variant: MediaVariant,
  exp: number,
  scope: LinkScope,
): string {
  return createHmac("sha256", Buffer.from(urlKey, "base64url"))
    .update(`${id}/${variant}/${exp}/${scope}`)
    .digest("base64url");
}

/** The signed path of one variant, valid until `exp` (unix seconds). */
export function signedMediaPath(
  urlKey: string,
  id: string,
  variant: MediaVariant,
  exp: number,
  scope: LinkScope,
): string {
  const sig = mediaSignature(urlKey, id, variant, exp, scope);
  return `/api/media/${id}/${variant}?exp=${exp}&scope=${scope}&sig=${sig}`;
}

/** Expiry of links issued now: a whole number of seconds, rounded up to the next minute so
 *  links issued in the same minute are equal (and a browser cache can reuse them). */
export function linkExpiry(now = Date.now()): number {
  const exp = Math.floor(now / 1000) + MEDIA_LIMITS.urlTtlSeconds;
  return exp - (exp % 60) + 60;
}

/** Constant-time check of a presented signature. */
export function signatureMatches(
  urlKey: string,
  q: { id: string; variant: MediaVariant; exp: number; scope: LinkScope; sig: string },
): boolean {
  const expected = Buffer.from(mediaSignature(urlKey, q.id, q.variant, q.exp, q.scope));
  const given = Buffer.from(q.sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
