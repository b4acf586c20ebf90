import type { KeyObject } from "node:crypto";
import type { Role, UserStatus } from "@carecircle/shared";
import jwt from "jsonwebtoken";
import { AppError, unauthenticated } from "../../errors.js";
import { hmacKey } from "../../lib/hmac-key.js";

/** The authenticated caller, as routes and socket handlers see it. */
export interface AuthUser {
  id: string;
  role: Role;
  displayName: string;
  familyId: string | null;
  status: UserStatus;
  showPresence: boolean;
  locale: "zh-CN" | "en";
}

const MAX_REMEMBERED = 10_000;

/** What a verified access token says: its user, session version and expiry. */
export interface AccessClaims {
  sub: string;
  /** The user's token version when it was signed; a lower one than the account's is ended. */
  ver: number;
  expMs: number;
}

/** Tokens already verified, so a request (rate limit, then route) and its sockets verify once. */
const remembered = new Map<string, AccessClaims & { key: KeyObject }>();

/**
 * Verify an access token (HS256 only) and return its claims. A token verified before with the
 * same key is answered from a bounded memo until its own expiry; any other string (a tampered
 * copy included) is verified in full. Whether its version is still current is the account's
 * business (`authenticate`), checked on every request against the row read anyway.
 */
export function accessTokenClaims(token: string, secret: string): AccessClaims {
  const key = hmacKey(secret);
  const hit = remembered.get(token);
  if (hit && hit.key === key && hit.expMs > Date.now()) return hit;
  try {
    const payload = jwt.verify(token, key, { algorithms: ["HS256"] });
    if (typeof payload !== "object" || typeof payload.sub !== "string" || payload.typ !== "access") {
      throw unauthenticated("Invalid token");
    }
    const ver = typeof payload.ver === "number" ? payload.ver : 0;
    const claims = { sub: payload.sub, ver, expMs: (payload.exp ?? 0) * 1000 };
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(token, { ...claims, key });
    return claims;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof jwt.TokenExpiredError)
      throw unauthenticated("Your session has expired, please log in again");
    throw unauthenticated("Invalid token");
  }
}

/** Verify an access token and return the user id it names (see `accessTokenClaims`). */
export function verifyAccessToken(token: string, secret: string): string {
  return accessTokenClaims(token, secret).sub;
}

/** Extract the bearer token from an Authorization header value. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header.trim());
  return match?.[1];
}
