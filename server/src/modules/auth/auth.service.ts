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
import { networkPrefix } from "../../lib/network-prefix.js";
import { familiesRepo } from "../families/families.repo.js";
import type { MembershipService } from "../families/membership.service.js";
import type { NotificationRow } from "../notifications/notifications.repo.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { acceptCaregiverName, cleanDisplayName } from "../users/display-name.js";
import { presentMe, toAuthUser } from "../users/users.presenter.js";
import { type UserRow, usersRepo } from "../users/users.repo.js";
import { type AuthUser, accessTokenClaims } from "./access-token.js";
import { LoginThrottle, RegistrationLimit } from "./login-throttle.js";
import { hashNewPassword, verifyPassword } from "./passwords.js";
import { bumpTokenVersion } from "./sessions.js";
import { refreshTokensRepo, signAccessToken, type TokenFamily } from "./tokens.js";

/** Wrong invite codes allowed per (email, prefix), per network prefix and per email in 15 minutes. */
const INVITE_LIMITS = { perPair: 5, perAddress: 10, perAccount: 5, slowMs: 60_000 };

/** A registration for an email that already has an account: rolled back, answered like any other. */
class TakenEmail extends Error {
  constructor(readonly userId: string) {
    super("taken email");
  }
}

const invalidCredentials = () => new AppError("INVALID_CREDENTIALS", "The email or password is not correct");

/** Registration, login, token refresh and the caller's own account. */
export function createAuthService(
  deps: Deps,
  membership: MembershipService,
  notifications: NotificationsService,
  opts: { failures?: FailureStore } = {},
) {
  const { db, jwtSecret, logger, config } = deps;
  const failures = opts.failures ?? createMemoryFailureStore();
  const throttle = new LoginThrottle({}, failures, "login");
  // Wrong invite codes: the prefix limit stops guessing; per email only slows one address down.
  const inviteThrottle = new LoginThrottle(INVITE_LIMITS, failures, "invite");
  const registrations = new RegistrationLimit(failures, config.registrationsPerHour);
  const maxSessionMs = config.sessionMaxDays * 24 * 60 * 60 * 1000;

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
    /**
     * A new caregiver in a family of her own; with an invite code she also asks to join that
     * family (decision 080). The answer is the same whether or not the email is taken (decision
     * 084): for a taken email nothing is created or used up, and the attempt is only logged.
     * Registrations are limited per network prefix; wrong codes per email and per prefix.
     */
    async register(input: RegisterInput, address = "unknown"): Promise<{ ok: true }> {
      await registrations.take(address);
      const prefix = networkPrefix(address);
      if (input.inviteCode) await inviteThrottle.check(input.email, prefix);
      const displayName = await acceptCaregiverName(db, input.displayName);
      const passwordHash = await hashNewPassword(input.password);
      let told: NotificationRow[] = [];
      try {
        await db.transaction(async (tx) => {
          // The code is checked (and used up) before the email, so its answer never depends on the
          // email; a taken email rolls the transaction back, so the code is not used up then.
          const joining = input.inviteCode ? await membership.takeInvite(tx, input.inviteCode) : undefined;
          const existing = await usersRepo.byEmail(tx, input.email);
          if (existing) throw new TakenEmail(existing.id);
          const family = await familiesRepo.insert(tx, config.familyInviteDays);
          const created = await usersRepo.insert(tx, {
            email: input.email,
            passwordHash,
            displayName,
            role: "caregiver",
            locale: input.locale,
            familyId: family.id,
          });
          if (joining) told = await membership.askToJoin(tx, joining.id, created.id, displayName);
        });
      } catch (err) {
        if (err instanceof TakenEmail) {
          logger.info(
            { event: "register_existing_email", userId: err.userId },
            "registration for a taken email",
          );
          return { ok: true };
        }
        if (input.inviteCode && err instanceof AppError && err.code === "VALIDATION_FAILED")
          await inviteThrottle.failed(input.email, prefix);
        throw err;
      }
      notifications.push(told);
      return { ok: true };
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
      if (patch.displayName !== undefined)
        patch = {
          ...patch,
          displayName:
            caller.role === "caregiver"
              ? await acceptCaregiverName(db, patch.displayName)
              : cleanDisplayName(patch.displayName),
        };
      return presentMe(assertFound(await usersRepo.update(db, caller.id, patch), "user"));
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
