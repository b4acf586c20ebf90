import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import type { AuthResult, ResetCodeResult, ResetPasswordInput } from "@carecircle/shared";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { AppError, forbidden, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import { familiesRepo } from "../families/families.repo.js";
import { type UserRow, usersRepo } from "../users/users.repo.js";
import type { AuthUser } from "./access-token.js";
import type { LoginThrottle } from "./login-throttle.js";
import { hashNewPassword } from "./passwords.js";
import { resetCodesRepo } from "./reset-codes.repo.js";
import { bumpTokenVersion } from "./sessions.js";
import { refreshTokensRepo } from "./tokens.js";

/** How long a code works, and how many wrong tries drop it (decision 109). */
export const RESET_CODE = { ttlMs: 24 * 60 * 60_000, maxFailures: 10 } as const;

/** The one answer for an unknown identifier, no code, a wrong, used or expired code alike. */
const invalidCode = () =>
  new AppError(
    "INVALID_CREDENTIALS",
    "The phone number, email or code is not correct, or the code has expired",
  );

/** Who may hear `target`'s code: her family's social worker, or an admin (never for an admin). */
async function mayIssue(deps: Deps, actor: AuthUser, target: UserRow | undefined): Promise<UserRow> {
  if (!target) throw notFound("user");
  if (actor.role === "admin") {
    // An admin resetting another admin would take over a peer; admins use the server's CLI.
    if (target.role === "admin") throw forbidden("Reset codes are not issued for admin accounts");
    return target;
  }
  const assigned =
    target.role === "caregiver" &&
    target.familyId !== null &&
    (await familiesRepo.isAssigned(deps.db, target.familyId, actor.id));
  if (!assigned) throw notFound("user");
  return target;
}

/**
 * Recovery without email or SMS: a social worker or admin issues a one-time code and reads it
 * out by phone; the caregiver enters it with a new password. Codes are stored as an HMAC keyed
 * by the server secret (a copy of the database alone cannot test 10^8 codes).
 */
export function createResetCodes(
  deps: Deps,
  throttle: LoginThrottle,
  issueSession: (user: UserRow) => Promise<AuthResult>,
) {
  const { db, jwtSecret, logger, realtime } = deps;
  const digest = (userId: string, code: string) =>
    createHmac("sha256", jwtSecret).update(`reset-code:${userId}:${code}`).digest("hex");
  const matches = (user: UserRow | undefined, hash: string) =>
    !!user?.resetCodeHash &&
    user.status === "active" &&
    (user.resetCodeExpiresAt?.getTime() ?? 0) > Date.now() &&
    timingSafeEqual(Buffer.from(user.resetCodeHash), Buffer.from(hash));

  return {
    /**
     * A new code for `userId` (shown once; the previous one stops working); audited, and the
     * account's owner is told who issued it (by role: in-app and always pushed; never the code).
     */
    async issueResetCode(actor: AuthUser, userId: string): Promise<ResetCodeResult> {
      const target = await mayIssue(deps, actor, await usersRepo.byId(db, userId));
      const code = String(randomInt(0, 100_000_000)).padStart(8, "0");
      const expiresAt = new Date(Date.now() + RESET_CODE.ttlMs);
      await unitOfWork(deps, async (tx, uow) => {
        await resetCodesRepo.store(tx, target.id, digest(target.id, code), expiresAt);
        await auditRepo.append(tx, {
          actorId: actor.id,
          action: "reset_code_issued",
          targetUserId: target.id,
          after: { role: actor.role, familyId: target.familyId, expiresAt: expiresAt.toISOString() },
        });
        uow.notify({
          userId: target.id,
          kind: "reset_code_issued",
          payload: { issuedBy: actor.role, expiresAt: expiresAt.toISOString() },
        });
      });
      logger.info(
        { event: "reset_code_issued", actorId: actor.id, targetId: target.id },
        "reset code issued",
      );
      return { code, expiresAt: expiresAt.toISOString() };
    },

    /**
     * Set a new password with a code: throttled like login per identifier and address, the same
     * answer for every failure; ends every session of the account, then signs in anew.
     */
    async resetPassword(input: ResetPasswordInput, address = "unknown"): Promise<AuthResult> {
      const id = input.identifier;
      await throttle.check(id, address);
      const user = await usersRepo.byIdentifier(db, id);
      const hash = digest(user?.id ?? "none", input.code);
      if (!user || !matches(user, hash)) {
        await throttle.failed(id, address);
        if (user?.resetCodeHash) await resetCodesRepo.failed(db, user.id, RESET_CODE.maxFailures);
        throw invalidCode();
      }
      const passwordHash = await hashNewPassword(input.newPassword, "newPassword");
      const used = await db.transaction(async (tx) => {
        if (!(await resetCodesRepo.consume(tx, user.id, hash, passwordHash))) return false;
        await refreshTokensRepo.revokeAll(tx, user.id);
        await bumpTokenVersion(tx, user.id);
        await auditRepo.append(tx, { actorId: user.id, action: "reset_code_used", targetUserId: user.id });
        return true;
      });
      if (!used) throw invalidCode();
      await throttle.succeeded(id, address);
      realtime.disconnectUser(user.id, "logout");
      return issueSession((await usersRepo.byId(db, user.id)) as UserRow);
    },
  };
}
