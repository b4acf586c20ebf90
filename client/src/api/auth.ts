import type {
  AuthResult,
  ChangePasswordInput,
  LoginInput,
  Me,
  RegisterInput,
  ResetCodeResult,
  ResetPasswordInput,
  UpdateMeInput,
} from "@carecircle/shared";
import { call } from "./call";
import { ROUTES } from "./routes.gen";
import { clearSession, getSession, saveAuthResult, updateStoredUser } from "./session";

/** Log in and keep the session. */
export async function login(input: LoginInput): Promise<AuthResult> {
  const r = await call(ROUTES.login, { body: input });
  saveAuthResult(r);
  return r;
}

/**
 * Register a caregiver (optionally joining a family by invite code), then log in. The server
 * answers the same for a taken email or number (decisions 084, 108), so a failed login
 * afterwards means it already had an account with another password.
 */
export async function register(input: RegisterInput): Promise<AuthResult> {
  await call(ROUTES.register, { body: input });
  return login({ identifier: (input.phone ?? input.email) as string, password: input.password });
}

/** Set a new password with a reset code from a social worker; signs in (every other session ends). */
export async function resetPassword(input: ResetPasswordInput): Promise<AuthResult> {
  const r = await call(ROUTES.resetPassword, { body: input });
  saveAuthResult(r);
  return r;
}

/** Change own password; every session ends, so the caller signs in again with the new one. */
export async function changePassword(input: ChangePasswordInput): Promise<void> {
  await call(ROUTES.changePassword, { body: input });
}

/** A one-time reset code for `userId` (social worker or admin), to read out to her by phone. */
export function issueResetCode(userId: string): Promise<ResetCodeResult> {
  return call(ROUTES.issueResetCode, { params: { id: userId } });
}

/** Revoke the refresh token (its HttpOnly cookie; best effort) and forget the session. */
export async function logout(): Promise<void> {
  const s = getSession();
  clearSession();
  if (s) {
    try {
      await call(ROUTES.logout, { body: {} });
    } catch {
      // already gone or offline: the token expires on its own
    }
  }
}

/** Sign out everywhere: every device's tokens and live connections end at once (this one too). */
export async function logoutEverywhere(): Promise<void> {
  await call(ROUTES.logoutEverywhere);
  clearSession();
}

export async function fetchMe(): Promise<Me> {
  const me = await call(ROUTES.getMe);
  updateStoredUser(me);
  return me;
}

export async function updateMe(input: UpdateMeInput): Promise<Me> {
  const me = await call(ROUTES.updateMe, { body: input });
  updateStoredUser(me);
  return me;
}
