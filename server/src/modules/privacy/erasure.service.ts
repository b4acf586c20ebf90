import type { AccountDeleted, AccountDeletionPreview, DeletionBlocker } from "@carecircle/shared";
import type { DbOrTx, Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { AppError, conflict, forbidden, unauthenticated } from "../../errors.js";
import { createMemoryFailureStore, type FailureStore } from "../../lib/failure-store.js";
import { pseudonym } from "../../lib/pseudonym.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { LoginThrottle } from "../auth/login-throttle.js";
import { verifyPassword } from "../auth/passwords.js";
import { presentViews } from "../bookings/bookings.presenter.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import { cancelBooking } from "../bookings/cancel-booking.js";
import { groupsRepo } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import { recordChanges, stampMessage } from "../messages/message-changes.js";
import type { MessageRow } from "../messages/messages.repo.js";
import { usersRepo } from "../users/users.repo.js";
import { erasureRepo } from "./erasure.repo.js";

/** Reason recorded on bookings cancelled because their family's last caregiver left. */
export const ERASURE_CANCEL_REASON = "the family's account was deleted";

/** What the rule decides for one caregiver, read inside or outside the erasure transaction. */
async function decide(db: DbOrTx, userId: string, familyId: string, now: Date) {
  const others = await erasureRepo.otherCaregivers(db, familyId, userId);
  const familyErased = others.length === 0;
  const blockers: DeletionBlocker[] = [];
  if (familyErased && (await erasureRepo.visitsInProgress(db, familyId, now)) > 0)
    blockers.push("visit_in_progress");
  return { others, familyErased, blockers };
}

/**
 * Inside the erasure unit, when the family goes: cancel its bookings through the one cancel path
 * (seats freed, waitlists promoted) and present them for the stations' rosters, captured before
 * the rows go with the children. Answers how many were cancelled.
 */
async function eraseBookings(tx: Tx, uow: UnitOfWork, me: { id: string }, familyId: string, now: Date) {
  const ids = await erasureRepo.cancellableBookingIds(tx, familyId, now);
  const ctx = { tx, uow, now, actorId: me.id };
  for (const id of ids)
    await cancelBooking(ctx, id, { familySide: true, reason: ERASURE_CANCEL_REASON, exceptUserId: me.id });
  for (const booking of await presentViews(tx, await bookingsRepo.viewsByIds(tx, ids), now))
    uow.publish({ type: "booking.presented", booking, caregiverIds: [] });
  return ids.length;
}

/**
 * Inside the erasure unit: the person's messages become tombstones in place (same seq, no gaps)
 * and their reactions go, each change stamped with the group's change sequence so reconnecting
 * clients catch up on it. Answers the changed rows; their views are read once all is erased.
 */
async function eraseMessages(tx: Tx, userId: string, now: Date) {
  const own = await erasureRepo.messagesOf(tx, userId);
  const tombstones: MessageRow[] = [];
  for (const m of own)
    tombstones.push(
      await stampMessage(tx, m, {
        body: null,
        senderId: null,
        mentions: [],
        deletedAt: m.deletedAt ?? now,
        purgedAt: now,
        pinnedAt: null,
        pinnedBy: null,
      }),
    );
  const ownIds = own.map((m) => m.id);
  await erasureRepo.deleteEdits(tx, ownIds);
  await erasureRepo.forgetSenderName(tx, ownIds);
  const unreacted: MessageRow[] = [];
  for (const m of await erasureRepo.messagesReactedBy(tx, userId)) {
    unreacted.push(await stampMessage(tx, m, {}));
    await erasureRepo.deleteReactions(tx, userId, m.id);
  }
  return { tombstones, unreacted };
}

/** Inside the erasure unit: leave every group; answers their ids. */
async function leaveGroups(tx: Tx, userId: string): Promise<string[]> {
  const left: string[] = [];
  for (const ms of await groupsRepo.membershipsOf(tx, userId)) {
    await groupsRepo.deleteMember(tx, ms.groupId, userId);
    left.push(ms.groupId);
  }
  return left;
}

/**
 * Account erasure ("right to be forgotten") for caregivers. The rule: a family's children,
 * stress check-ins and bookings are erased only when its last caregiver leaves; while another
 * caregiver remains, only the leaving person's own data goes (account, messages, reactions,
 * memberships, notifications, their own check-ins) and the family keeps the rest. Everything
 * happens in one transaction; live events go out after it commits. See docs/decisions/050.
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

  /**
   * The erasure itself, one step per resource, in one unit of work (re-run whole on a deadlock).
   * Lock order: account, family, then (through the cancel path) slots and bookings, then groups.
   * After commit, in this order: the person's sessions end; notifications, seats and promotions;
   * the erased bookings to their stations; tombstones; reactions; group rooms left.
   */
  async function erase(tx: Tx, uow: UnitOfWork, userId: string) {
    const now = new Date();
    const me = await erasureRepo.lockUser(tx, userId);
    if (!me) throw unauthenticated("This account no longer exists");
    const familyId = me.familyId;
    if (me.role !== "caregiver" || !familyId) throw forbidden("Only caregivers can delete their account");
    uow.publish({ type: "user.disconnected", userId: me.id, reason: "deleted" });
    await erasureRepo.lockFamily(tx, familyId);
    const { familyErased, blockers } = await decide(tx, me.id, familyId, now);
    if (blockers.length > 0)
      throw conflict(
        "A child of your family is at a station right now. Please delete your account after the visit ends.",
        { reason: blockers[0] },
      );
    const bookingsCancelled = familyErased ? await eraseBookings(tx, uow, me, familyId, now) : 0;
    const { tombstones, unreacted } = await eraseMessages(tx, me.id, now);
    const leftGroups = await leaveGroups(tx, me.id);
    const summary = {
      familyErased,
      messagesTombstoned: tombstones.length,
      bookingsCancelled,
      childrenErased: familyErased ? await erasureRepo.countChildren(tx, familyId) : 0,
      checkinsErased: familyErased
        ? await erasureRepo.countCheckins(tx, { familyId })
        : await erasureRepo.deleteCheckinsOf(tx, me.id),
    };
    // The audit log keeps the fact, under a pseudonym: no id, name or email of the person.
    await auditRepo.append(tx, {
      actorId: null,
      action: "account_deleted",
      after: {
        subject: pseudonym(jwtSecret, "account", me.id),
        ...(familyErased ? { family: pseudonym(jwtSecret, "family", familyId) } : {}),
        requestedBy: "self",
        ...summary,
      },
    });
    await erasureRepo.deleteUser(tx, me.id);
    if (familyErased) await erasureRepo.deleteFamily(tx, familyId);
    await recordChanges(tx, uow, "message:deleted", tombstones);
    await recordChanges(tx, uow, "message:updated", unreacted);
    for (const groupId of leftGroups)
      uow.publish({
        type: "member.left",
        userId: me.id,
        groupId,
        change: { groupId, status: "left" },
        groups: chat.groups,
      });
    return summary;
  }

  return {
    /** What deleting the caller's account would do now (the UI explains it before asking). */
    async preview(user: AuthUser): Promise<AccountDeletionPreview> {
      const familyId = caregiverFamily(user);
      const now = new Date();
      const { others, familyErased, blockers } = await decide(db, user.id, familyId, now);
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
      const result = await unitOfWork(deps, (tx, uow) => erase(tx, uow, user.id), { retry: true });
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
