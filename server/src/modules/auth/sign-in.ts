import { type AuthResult, type LoginInput, TOKEN_TTL } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { AppError, unauthenticated } from "../../errors.js";
import { presentMe, toAuthUser } from "../users/users.presenter.js";
import { type UserRow, usersRepo } from "../users/users.repo.js";
import { type AuthUser, accessTokenClaims } from "./access-token.js";
import type { LoginThrottle } from "./login-throttle.js";
import { verifyPassword } from "./passwords.js";
import { bumpTokenVersion } from "./sessions.js";
import { refreshTokensRepo, signAccessToken, type TokenFamily } from "./tokens.js";

/** The one answer for an unknown email or number and a wrong password alike. */
export const invalidCredentials = () =>
  new AppError("INVALID_CREDENTIALS", "The email, phone number or password is not correct");

/** Sessions: login (throttled), token refresh, logout, and resolving an access token to its user. */
export function createSignIn(deps: Deps, throttle: LoginThrottle) {
  const { db, jwtSecret, logger, config } = deps;
  const maxSessionMs = config.sessionMaxDays * 24 * 60 * 60 * 1000;

  /** A new sign-in for `user` (login, reset), or the next token of `family` (refresh). */
  async function issue(user: UserRow, family?: TokenFamily): Promise<AuthResult> {
    const refreshToken = await refreshTokensRepo.issue(db, user.id, maxSessionMs, family);
    return {
      token: signAccessToken(user.id, user.role, jwtSecret, user.tokenVersion),
      refreshToken,
      expiresIn: TOKEN_TTL.accessSeconds,
      user: presentMe(user),
    };
  }

  return {
    issue,

    async login(input: LoginInput, address = "unknown"): Promise<AuthResult> {
      // Throttled per identifier as typed, normalised: a number and its `+86` form count as one.
      const id = input.identifier;
      await throttle.check(id, address);
      const user = await usersRepo.byIdentifier(db, id);
      const ok = await verifyPassword(user?.passwordHash, input.password);
      if (!user || !ok) {
        await throttle.failed(id, address);
        logger.info({ event: "login_failed", userId: user?.id ?? null }, "login failed");
        throw invalidCredentials();
      }
      await throttle.succeeded(id, address);
      if (user.status !== "active") throw new AppError("ACCOUNT_DISABLED", "This account has been disabled");
      return issue(user);
    },

    async refresh(refreshToken: string): Promise<AuthResult> {
      const used = await refreshTokensRepo.consume(db, refreshToken, maxSessionMs);
      if (!used) throw unauthenticated("Your session has ended, please log in again");
      const user = await usersRepo.byId(db, used.userId);
      if (user?.status !== "active") throw unauthenticated("Your session has ended, please log in again");
      return issue(user, used.family);
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
  };
}
