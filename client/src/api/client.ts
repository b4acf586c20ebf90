import type { ApiError, AuthResult, ErrorBody, ErrorCode, HttpMethod } from "@carecircle/shared";
import { ROUTES } from "./routes.gen";
import { clearSession, getSession, type StoredSession, saveAuthResult } from "./session";

/** A failed API call, carrying the server's shared error object. */
export class ApiRequestError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, error: ApiError) {
    super(error.message);
    this.status = status;
    this.code = error.code;
    this.details = error.details;
  }
  /** `field -> reason` from a VALIDATION_FAILED answer. */
  get fields(): Record<string, string> {
    const f = this.details?.fields;
    return f && typeof f === "object" ? (f as Record<string, string>) : {};
  }
}

/** The network itself failed (offline, server down). */
export class NetworkError extends Error {}

let refreshing: Promise<StoredSession | null> | null = null;

/** Asks the server for the refresh cookie instead of a token in the body, and is its CSRF proof. */
const CLIENT_HEADERS = { "X-Requested-With": "carecircle" };

async function doRefresh(spent: string): Promise<StoredSession | null> {
  // Another tab may already have rotated the token while we waited for the lock.
  const now = getSession();
  if (!now) return null;
  if (now.token !== spent && now.expiresAt > Date.now()) return now;
  let res: Response;
  try {
    res = await fetch(ROUTES.refresh.path, {
      method: ROUTES.refresh.method.toUpperCase(),
      headers: { "Content-Type": "application/json", ...CLIENT_HEADERS },
      body: "{}",
    });
  } catch {
    throw new NetworkError("offline");
  }
  if (!res.ok) {
    if (res.status === 401 || res.status === 403 || res.status === 400) clearSession();
    return null;
  }
  return saveAuthResult((await res.json()) as AuthResult);
}

/**
 * Exchange the refresh cookie for a new pair. Refresh tokens are single use, so at most one refresh
 * runs at a time in this tab (a shared promise) and across tabs (a Web Lock, where available).
 */
export function refreshSession(): Promise<StoredSession | null> {
  const spent = getSession()?.token;
  if (!spent) return Promise.resolve(null);
  refreshing ??= (async () => {
    try {
      if (typeof navigator !== "undefined" && navigator.locks) {
        return await navigator.locks.request("cc-refresh", () => doRefresh(spent));
      }
      return await doRefresh(spent);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** A valid access token, refreshed first when it is about to expire. */
export async function getFreshToken(): Promise<string | null> {
  const s = getSession();
  if (!s) return null;
  if (s.expiresAt > Date.now()) return s.token;
  return (await refreshSession())?.token ?? null;
}

async function send(method: HttpMethod, url: string, body: unknown, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json", ...CLIENT_HEADERS };
  // a file upload (a photo, a recording) goes as its raw bytes with its own type
  const raw = body instanceof Blob;
  if (raw) headers["Content-Type"] = body.type || "application/octet-stream";
  else if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(url, {
      method: method.toUpperCase(),
      headers,
      body: raw ? body : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new NetworkError("offline");
  }
}

async function errorOf(res: Response): Promise<ApiRequestError> {
  try {
    const b = (await res.json()) as ErrorBody;
    if (b?.error?.code) return new ApiRequestError(res.status, b.error);
  } catch {
    // not JSON: fall through
  }
  return new ApiRequestError(res.status, { code: "INTERNAL", message: res.statusText });
}

/**
 * Send one request and answer its JSON body; use `call()` (./call.ts), which builds `url` from the
 * route table. With `auth`, the session's token goes along, and on 401 (other than a wrong
 * password) the token is refreshed once and the call retried; if that fails the session ends (the
 * app then shows the login page). A `Blob` body is sent as is (uploads). Without it (public routes: register, login, logout) no token is
 * sent and a failure leaves the session alone.
 */
export async function request(
  method: HttpMethod,
  url: string,
  body: unknown,
  auth: boolean,
): Promise<unknown> {
  if (!auth) {
    const res = await send(method, url, body, null);
    if (!res.ok) throw await errorOf(res);
    return await res.json();
  }
  let res = await send(method, url, body, await getFreshToken());
  // A wrong password when re-confirming (change password, delete account) is not an expired
  // session: retrying it would only count a second failed attempt.
  if (res.status === 401 && getSession() && (await errorOf(res.clone())).code !== "INVALID_CREDENTIALS") {
    const s = await refreshSession();
    if (s) res = await send(method, url, body, s.token);
  }
  if (!res.ok) {
    const err = await errorOf(res);
    if (err.code === "UNAUTHENTICATED" || err.code === "ACCOUNT_DISABLED") clearSession();
    throw err;
  }
  if (res.status === 204) return undefined;
  // A route that `produces` a file (CSV) answers it as a Blob.
  if (!(res.headers.get("content-type") ?? "").includes("json")) return await res.blob();
  return await res.json();
}
