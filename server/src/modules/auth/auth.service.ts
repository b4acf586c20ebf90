import {
  type AuthResult,
  type ChangePasswordInput,
  type LoginInput,
  type Me,
  type RegisterInput,
  TOKEN_TTL,
  type UpdateMeInput,
} from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { AppError, assertFound, invalid, unauthenticated } from "../../errors.js";
import { createMemoryFailureStore, type FailureStore } from "../../lib/failure-store.js";
import { type AuthUser, accessTokenClaims } from "../../middlewares/auth.js";
import { conversationsRepo } from "../conversations/conversations.repo.js";
import { familiesRepo } from "../families/families.repo.js";
import { presentMe, toAuthUser } from "../users/users.presenter.js";
import { type UserRow, usersRepo } from "../users/users.repo.js";
import { LoginThrottle } from "./login-throttle.js";
import { hashNewPassword, verifyPassword } from "./passwords.js";
import { bumpTokenVersion } from "./sessions.js";
import { refreshTokensRepo, signAccessToken } from "./tokens.js";

const invalidCredentials = () => new AppError("INVALID_CREDENTIALS", "The email or password is not correct");

/** Registration, login, token refresh and the caller's own account. */
export function createAuthService(deps: Deps, opts: { failures?: FailureStore } = {}) {
  const { db, jwtSecret, logger } = deps;
  const throttle = new LoginThrottle({}, opts.failures ?? createMemoryFailureStore(), "login");

  async function issue(user: UserRow): Promise<AuthResult> {
    const refreshToken = await refreshTokensRepo.issue(db, user.id);
    return {
      token: signAccessToken(user.id, user.role, jwtSecret, user.tokenVersion),
      refreshToken,
      expiresIn: TOKEN_TTL.accessSeconds,
      user: presentMe(user),
    };
  }

  return {
    async register(input: RegisterInput): Promise<AuthResult> {
      const passwordHash = await hashNewPassword(input.password);
      const user = await db.transaction(async (tx) => {
        if (await usersRepo.byEmail(tx, input.email)) {
          throw new AppError("CONFLICT", "An account with this email already exists");
        }
        let familyId: string;
        if (input.inviteCode) {
          const family = await familiesRepo.byInviteCode(tx, input.inviteCode);
          if (!family) {
            throw new AppError("VALIDATION_FAILED", "inviteCode: no family has this code", {
              fields: { inviteCode: "no family has this code" },
            });
          }
          familyId = family.id;
        } else {
          familyId = (await familiesRepo.insert(tx)).id;
        }
        const created = await usersRepo.insert(tx, {
          email: input.email,
          passwordHash,
          displayName: input.displayName,
          role: "caregiver",
          locale: input.locale,
          familyId,
        });
        // Membership of private conversations follows the family (decision 075).
        if (input.inviteCode) await conversationsRepo.addCaregiver(tx, familyId, created.id);
        return created;
      });
      return issue(user);
    },

    async login(input: LoginInput, address = "unknown"): Promise<AuthResult> {
      await throttle.check(input.email, address);
      const user = await usersRepo.byEmail(db, input.email);
      const ok = await verifyPassword(user?.passwordHash, input.password);
      if (!user || !ok) {
        await throttle.failed(input.email, address);
        logger.info({ event: "login_failed", userId: user?.id ?? null }, "login failed");
        throw invalidCredentials();
      }
      await throttle.succeeded(input.email, address);
      if (user.status !== "active") throw new AppError("ACCOUNT_DISABLED", "This account has been disabled");
      return issue(user);
    },

    async refresh(refreshToken: string): Promise<AuthResult> {
      const userId = await refreshTokensRepo.consume(db, refreshToken);
      if (!userId) throw unauthenticated("Your session has ended, please log in again");
      const user = await usersRepo.byId(db, userId);
      if (user?.status !== "active") throw unauthenticated("Your session has ended, please log in again");
      return issue(user);
    },

    /** Revoke the refresh token and end the user's access tokens and sockets at once. */
    async logout(refreshToken: string): Promise<void> {
      const userId = await db.transaction(async (tx) => {
        const owner = await refreshTokensRepo.revoke(tx, refreshToken);
        if (owner) await bumpTokenVersion(tx, owner);
        return owner;
      });
      if (userId) deps.realtime.disconnectUser(userId);
    },

    /** Sign out everywhere: every refresh token, access token and socket of the caller ends. */
    async logoutEverywhere(caller: AuthUser): Promise<void> {
      await db.transaction(async (tx) => {
        await refreshTokensRepo.revokeAll(tx, caller.id);
        await bumpTokenVersion(tx, caller.id);
      });
      deps.realtime.disconnectUser(caller.id, "logout");
    },

    async changePassword(caller: AuthUser, input: ChangePasswordInput, address = "unknown"): Promise<void> {
      // A stolen access token must not become a password-guessing oracle: same throttle as login.
      const key = `password-change:${caller.id}`;
      await throttle.check(key, address);
      const user = assertFound(await usersRepo.byId(db, caller.id), "user");
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await throttle.failed(key, address);
        throw invalidCredentials();
      }
      await throttle.succeeded(key, address);
      const passwordHash = await hashNewPassword(input.newPassword, "newPassword");
      await db.transaction(async (tx) => {
        await usersRepo.update(tx, user.id, { passwordHash });
        await refreshTokensRepo.revokeAll(tx, user.id);
        await bumpTokenVersion(tx, user.id);
      });
      deps.realtime.disconnectUser(user.id, "logout");
    },

    /**
     * Resolve an access token to an active user (every request, socket handshake and socket
     * token refresh). A token signed before the account's last session end is refused.
     */
    async authenticate(token: string): Promise<AuthUser> {
      const claims = accessTokenClaims(token, jwtSecret);
      const user = await usersRepo.byId(db, claims.sub);
      if (!user) throw unauthenticated("Invalid token");
      if (user.status !== "active") throw new AppError("ACCOUNT_DISABLED", "This account has been disabled");
      if (claims.ver !== user.tokenVersion)
        throw unauthenticated("Your session has ended, please log in again");
      return toAuthUser(user);
    },

    async me(caller: AuthUser): Promise<Me> {
      return presentMe(assertFound(await usersRepo.byId(db, caller.id), "user"));
    },

    /** Change own settings; only caregivers keep a phone number (staff are reached at work). */
    async updateMe(caller: AuthUser, patch: UpdateMeInput): Promise<Me> {
      if (patch.phone !== undefined && patch.phone !== null && caller.role !== "caregiver")
        throw invalid("phone", "only caregivers add a phone number");
      return presentMe(assertFound(await usersRepo.update(db, caller.id, patch), "user"));
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
