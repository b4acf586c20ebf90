import type { DeletionBlocker } from "@carecircle/shared";
import type { DbOrTx, Tx } from "../../db/client.js";
import type { UnitOfWork } from "../../db/unit-of-work.js";
import { conflict, forbidden, unauthenticated } from "../../errors.js";
import { pseudonym } from "../../lib/pseudonym.js";
import { auditRepo } from "../audit/audit.repo.js";
import { presentViews } from "../bookings/bookings.presenter.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import { cancelBooking } from "../bookings/cancel-booking.js";
import { eraseFromCases } from "../cases/case-retention.js";
import { childrenRepo } from "../children/children.repo.js";
import { groupsRepo } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import { recordChanges, stampMessage } from "../messages/message-changes.js";
import type { MessageRow } from "../messages/messages.repo.js";
import { erasureRepo } from "./erasure.repo.js";

/** Reason recorded on bookings cancelled because their family's last caregiver left. */
export const ERASURE_CANCEL_REASON = "the family's account was deleted";

/** What the rule decides for one caregiver, read inside or outside the erasure transaction. */
export async function decideErasure(db: DbOrTx, userId: string, familyId: string, now: Date) {
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
 * The erasure itself, one step per resource, in one unit of work (re-run whole on a deadlock).
 * Lock order: account, family, then (through the cancel path) slots and bookings, then groups.
 * After commit, in this order: the person's sessions end; notifications, seats and promotions;
 * the erased bookings to their stations; tombstones; reactions; group rooms left.
 */
export async function eraseAccount(
  tx: Tx,
  uow: UnitOfWork,
  userId: string,
  {
    jwtSecret,
    groups,
    caseRetentionYears,
  }: { jwtSecret: string; groups: Pick<GroupsService, "leaveRooms">; caseRetentionYears: number },
) {
  const now = new Date();
  const me = await erasureRepo.lockUser(tx, userId);
  if (!me) throw unauthenticated("This account no longer exists");
  const familyId = me.familyId;
  if (me.role !== "caregiver" || !familyId) throw forbidden("Only caregivers can delete their account");
  uow.publish({ type: "user.disconnected", userId: me.id, reason: "deleted" });
  await erasureRepo.lockFamily(tx, familyId);
  const { familyErased, blockers } = await decideErasure(tx, me.id, familyId, now);
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
  // The family's case stays as a social-work record, without her name (decision 124).
  const childNames = familyErased ? (await childrenRepo.byFamily(tx, familyId)).map((c) => c.nickname) : [];
  await eraseFromCases(tx, {
    familyId,
    names: [me.displayName, ...childNames],
    familyErased,
    retentionYears: caseRetentionYears,
  });
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
      groups,
    });
  return summary;
}
