import type { AuthResult, LoginInput, Me, RegisterInput, UpdateMeInput } from "@carecircle/shared";
import { api, publicApi } from "./client";
import { clearSession, getSession, saveAuthResult, updateStoredUser } from "./session";

/** Log in and keep the session. */
export async function login(input: LoginInput): Promise<AuthResult> {
  const r = await publicApi<AuthResult>("POST", "/api/auth/login", input);
  saveAuthResult(r);
  return r;
}

/**
 * Register a caregiver (optionally joining a family by invite code), then log in. The server
 * answers the same for a taken email (decision 084), so a failed login afterwards means the
 * email already had an account with another password.
 */
export async function register(input: RegisterInput): Promise<AuthResult> {
  await publicApi<{ ok: true }>("POST", "/api/auth/register", input);
  return login({ email: input.email, password: input.password });
}

/** Revoke the refresh token (its HttpOnly cookie; best effort) and forget the session. */
export async function logout(): Promise<void> {
  const s = getSession();
  clearSession();
  if (s) {
    try {
      await publicApi("POST", "/api/auth/logout", {});
    } catch {
      // already gone or offline: the token expires on its own
    }
  }
}

/** Sign out everywhere: every device's tokens and live connections end at once (this one too). */
export async function logoutEverywhere(): Promise<void> {
  await api("POST", "/api/auth/logout-everywhere");
  clearSession();
}

export async function fetchMe(): Promise<Me> {
  const me = await api<Me>("GET", "/api/me");
  updateStoredUser(me);
  return me;
}

export async function updateMe(input: UpdateMeInput): Promise<Me> {
  const me = await api<Me>("PATCH", "/api/me", input);
  updateStoredUser(me);
  return me;
}
