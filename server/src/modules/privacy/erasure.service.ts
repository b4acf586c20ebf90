import type { AccountDeleted, AccountDeletionPreview, Booking, DeletionBlocker } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { AppError, conflict, forbidden, unauthenticated } from "../../errors.js";
import { createMemoryFailureStore, type FailureStore } from "../../lib/failure-store.js";
import { pseudonym } from "../../lib/pseudonym.js";
import { rooms } from "../../realtime/rooms.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { LoginThrottle } from "../auth/login-throttle.js";
import { verifyPassword } from "../auth/passwords.js";
import { bookingTx, createPublisher, presentViews } from "../bookings/booking-tx.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import { cancelBooking } from "../bookings/cancel-booking.js";
import { groupsRepo } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import type { MessageRow } from "../messages/messages.repo.js";
import type { MessagesService } from "../messages/messages.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
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
 * Account erasure ("right to be forgotten") for caregivers. The rule: a family's children,
 * stress check-ins and bookings are erased only when its last caregiver leaves; while another
 * caregiver remains, only the leaving person's own data goes (account, messages, reactions,
 * memberships, notifications, their own check-ins) and the family keeps the rest. Everything
 * happens in one transaction; live events go out after it commits. See docs/decisions/050.
 */
export function createErasureService(
  deps: Deps,
  chat: { messages: MessagesService; groups: GroupsService },
  notifications: NotificationsService,
  failures: FailureStore = createMemoryFailureStore(),
) {
  const { db, realtime, logger, jwtSecret } = deps;
  const publishBookings = createPublisher(deps, notifications);
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

      let tombstones: MessageRow[] = [];
      let unreacted: MessageRow[] = [];
      let leftGroups: string[] = [];
      let erasedBookings: Booking[] = [];
      const { result, outbox } = await bookingTx(db, notifications, async (tx, outbox) => {
        const now = new Date();
        // Lock order: account, family, then (through the cancel path) slots and bookings, then groups.
        const me = await erasureRepo.lockUser(tx, user.id);
        if (!me) throw unauthenticated("This account no longer exists");
        const familyId = me.familyId;
        if (me.role !== "caregiver" || !familyId) throw forbidden("Only caregivers can delete their account");
        await erasureRepo.lockFamily(tx, familyId);
        const { familyErased, blockers } = await decide(tx, me.id, familyId, now);
        if (blockers.length > 0)
          throw conflict(
            "A child of your family is at a station right now. Please delete your account after the visit ends.",
            { reason: blockers[0] },
          );

        let bookingsCancelled = 0;
        if (familyErased) {
          const ids = await erasureRepo.cancellableBookingIds(tx, familyId, now);
          const ctx = { tx, outbox, now, actorId: me.id };
          for (const id of ids)
            await cancelBooking(ctx, id, {
              familySide: true,
              reason: ERASURE_CANCEL_REASON,
              exceptUserId: me.id,
            });
          bookingsCancelled = ids.length;
          // Captured before the rows go with the children, so the stations' rosters hear of it.
          erasedBookings = await presentViews(tx, await bookingsRepo.viewsByIds(tx, ids), now);
        }

        // Messages become tombstones in place (same seq, no gaps), each change stamped with the
        // group's change sequence so reconnecting clients catch up on it.
        const own = await erasureRepo.messagesOf(tx, me.id);
        tombstones = [];
        for (const m of own)
          tombstones.push(
            await chat.messages.stamp(tx, m, {
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
        unreacted = [];
        for (const m of await erasureRepo.messagesReactedBy(tx, me.id)) {
          unreacted.push(await chat.messages.stamp(tx, m, {}));
          await erasureRepo.deleteReactions(tx, me.id, m.id);
        }
        leftGroups = [];
        for (const ms of await groupsRepo.membershipsOf(tx, me.id)) {
          await groupsRepo.deleteMember(tx, ms.groupId, me.id);
          leftGroups.push(ms.groupId);
        }

        const childrenErased = familyErased ? await erasureRepo.countChildren(tx, familyId) : 0;
        const checkinsErased = familyErased
          ? await erasureRepo.countCheckins(tx, { familyId })
          : await erasureRepo.deleteCheckinsOf(tx, me.id);
        const summary = {
          familyErased,
          messagesTombstoned: own.length,
          bookingsCancelled,
          childrenErased,
          checkinsErased,
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
        return summary;
      });

      // After commit: seats and promotions, then tombstones, then the person's sessions end. The
      // erasure stands even if a live push fails (clients catch up through the change sequence).
      realtime.disconnectUser(user.id, "deleted");
      try {
        await publishBookings(outbox);
        for (const b of erasedBookings) realtime.emitTo(rooms.station(b.stationId), "booking:updated", b);
        for (const m of tombstones) await chat.messages.publish("message:deleted", m);
        for (const m of unreacted) await chat.messages.publish("message:updated", m);
        for (const groupId of leftGroups)
          chat.groups.leaveRooms(user.id, groupId, { groupId, status: "left" });
      } catch (err) {
        logger.warn({ err }, "account deleted; some live updates could not be pushed");
      }
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
