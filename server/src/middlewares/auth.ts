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

/** Verify an access token (HS256 only) and return the user id it names. */
export function verifyAccessToken(token: string, secret: string): string {
  try {
    const payload = jwt.verify(token, hmacKey(secret), { algorithms: ["HS256"] });
    if (typeof payload !== "object" || typeof payload.sub !== "string" || payload.typ !== "access") {
      throw unauthenticated("Invalid token");
    }
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
