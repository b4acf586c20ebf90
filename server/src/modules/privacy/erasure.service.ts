import type { AccountDeleted, AccountDeletionPreview } from "@carecircle/shared";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { AppError, forbidden, unauthenticated } from "../../errors.js";
import { createMemoryFailureStore, type FailureStore } from "../../lib/failure-store.js";
import { pseudonym } from "../../lib/pseudonym.js";
import type { AuthUser } from "../auth/access-token.js";
import { LoginThrottle } from "../auth/login-throttle.js";
import { verifyPassword } from "../auth/passwords.js";
import type { GroupsService } from "../groups/groups.service.js";
import { usersRepo } from "../users/users.repo.js";
import { decideErasure, eraseAccount } from "./erase-account.js";
import { erasureRepo } from "./erasure.repo.js";

/**
 * Account erasure ("right to be forgotten") for caregivers. The rule: a family's children,
 * stress check-ins and bookings are erased only when its last caregiver leaves; while another
 * caregiver remains, only the leaving person's own data goes (account, messages, reactions,
 * memberships, notifications, their own check-ins) and the family keeps the rest. Everything
 * happens in one transaction; live events go out after it commits. See docs/decisions/050. The
 * erasure itself, one step per resource, is in `erase-account.ts` (decision 100).
 */
export function createErasureService(
  deps: Deps,
  chat: { groups: Pick<GroupsService, "leaveRooms"> },
  failures: FailureStore = createMemoryFailureStore(),
) {
  const { db, logger, jwtSecret } = deps;
  // Re-authentication is a password check: slowed like logins (per account and per address).
  const throttle = new LoginThrottle({}, failures, "reauth");

  function caregiverFamily(user: AuthUser): string {
    if (user.role !== "caregiver" || !user.familyId)
      throw forbidden(
        "Only caregivers can delete their account themselves; staff accounts are closed by an admin",
      );
    return user.familyId;
  }

  async function reauthenticate(user: AuthUser, password: string, address: string): Promise<void> {
    await throttle.check(user.id, address);
    const row = await usersRepo.byId(db, user.id);
    if (!row) throw unauthenticated("This account no longer exists");
    if (!(await verifyPassword(row.passwordHash, password))) {
      await throttle.failed(user.id, address);
      logger.info(
        { event: "reauth_failed", userId: user.id, purpose: "account_deletion" },
        "re-authentication failed",
      );
      throw new AppError("INVALID_CREDENTIALS", "The password is not correct");
    }
    await throttle.succeeded(user.id, address);
  }

  return {
    /** What deleting the caller's account would do now (the UI explains it before asking). */
    async preview(user: AuthUser): Promise<AccountDeletionPreview> {
      const familyId = caregiverFamily(user);
      const now = new Date();
      const { others, familyErased, blockers } = await decideErasure(db, user.id, familyId, now);
      return {
        allowed: blockers.length === 0,
        blockers,
        familyErased,
        otherCaregivers: others.map((o) => ({ displayName: o.displayName })),
        counts: {
          messages: await erasureRepo.countMessagesOf(db, user.id),
          children: familyErased ? await erasureRepo.countChildren(db, familyId) : 0,
          activeBookings: familyErased
            ? (await erasureRepo.cancellableBookingIds(db, familyId, now)).length
            : 0,
          checkins: await erasureRepo.countCheckins(db, familyErased ? { familyId } : { userId: user.id }),
        },
      };
    },

    /**
     * Delete the caller's account after checking their password. A second call (or a concurrent
     * one that lost the race) finds no account: 401. A wrong password changes nothing.
     */
    async deleteAccount(user: AuthUser, password: string, address = "unknown"): Promise<AccountDeleted> {
      caregiverFamily(user);
      await reauthenticate(user, password, address);

      // The erasure stands even if a live push fails (clients catch up through the change sequence).
      const result = await unitOfWork(
        deps,
        (tx, uow) =>
          eraseAccount(tx, uow, user.id, {
            jwtSecret,
            groups: chat.groups,
            caseRetentionYears: deps.config.caseRetentionYears,
          }),
        { retry: true },
      );
      logger.info(
        {
          event: "account_deleted",
          subject: pseudonym(jwtSecret, "account", user.id),
          familyErased: result.familyErased,
        },
        "account deleted at the owner's request",
      );
      return { deleted: true, ...result };
    },
  };
}
export type ErasureService = ReturnType<typeof createErasureService>;
