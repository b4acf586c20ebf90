import type { AuthResult } from "@carecircle/shared";
import type { Request, Response } from "express";
import { AppError, unauthenticated } from "../../errors.js";

/** The HttpOnly cookie that carries the browser's refresh token (decision 086). */
export const REFRESH_COOKIE = "cc_refresh";
/** Only the auth routes ever receive it. */
export const REFRESH_COOKIE_PATH = "/api/auth";
/**
 * The browser client sends `X-Requested-With: carecircle`: it asks for the cookie instead of a
 * token in the body, and is the CSRF proof when a request relies on the cookie (a cross-site
 * form cannot set it, and a cross-site script cannot without passing CORS).
 */
export const CLIENT_HEADER = "x-requested-with";
export const CLIENT_HEADER_VALUE = "carecircle";

const isWebClient = (req: Request) => req.headers[CLIENT_HEADER] === CLIENT_HEADER_VALUE;

function readCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === REFRESH_COOKIE) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** The refresh token of this request: the body's (API clients), else the cookie's (browsers, CSRF-checked). */
export function refreshTokenOf(req: Request, bodyToken: string | undefined): string {
  if (bodyToken) return bodyToken;
  const cookie = readCookie(req);
  if (!cookie) throw unauthenticated("Your session has ended, please log in again");
  if (!isWebClient(req))
    throw new AppError("FORBIDDEN", "The session cookie needs the X-Requested-With header", {
      reason: "csrf",
    });
  return cookie;
}

/**
 * Hand a fresh token pair to the caller: the refresh token always goes into the HttpOnly cookie;
 * the browser client gets it only there, other clients also in the body (as before).
 */
export function deliverTokens(
  req: Request,
  res: Response,
  result: AuthResult,
  maxAgeSeconds: number,
): AuthResult {
  res.cookie(REFRESH_COOKIE, result.refreshToken, {
    httpOnly: true,
    secure: true,
    sameSite: "strict",
    path: REFRESH_COOKIE_PATH,
    maxAge: maxAgeSeconds * 1000,
  });
  if (!isWebClient(req)) return result;
  const { refreshToken: _kept, ...rest } = result;
  return rest;
}

/** Forget the cookie (logout). */
export function clearRefreshCookie(res: Response): void {
  res.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    secure: true,
    sameSite: "strict",
    path: REFRESH_COOKIE_PATH,
  });
}
