import type { KeyObject } from "node:crypto";
import type { Role, UserStatus } from "@carecircle/shared";
import jwt from "jsonwebtoken";
import { AppError, unauthenticated } from "../errors.js";
import { hmacKey } from "../lib/hmac-key.js";

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
/** Tokens already verified, so a request (rate limit, then route) and its sockets verify once. */
const remembered = new Map<string, { sub: string; expMs: number; key: KeyObject }>();

/**
 * Verify an access token (HS256 only) and return the user id it names. A token verified before
 * with the same key is answered from a bounded memo until its own expiry; any other string (a
 * tampered copy included) is verified in full.
 */
export function verifyAccessToken(token: string, secret: string): string {
  const key = hmacKey(secret);
  const hit = remembered.get(token);
  if (hit && hit.key === key && hit.expMs > Date.now()) return hit.sub;
  try {
    const payload = jwt.verify(token, key, { algorithms: ["HS256"] });
    if (typeof payload !== "object" || typeof payload.sub !== "string" || payload.typ !== "access") {
      throw unauthenticated("Invalid token");
    }
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(token, { sub: payload.sub, expMs: (payload.exp ?? 0) * 1000, key });
    return payload.sub;
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof jwt.TokenExpiredError)
      throw unauthenticated("Your session has expired, please log in again");
    throw unauthenticated("Invalid token");
  }
}

/** Extract the bearer token from an Authorization header value. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header.trim());
  return match?.[1];
}
