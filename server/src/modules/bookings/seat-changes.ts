import { BOOKING_LIMITS, type BookabilityReason, type NotificationKind } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { isPgError, PG } from "../../db/errors.js";
import type { UnitOfWork } from "../../db/unit-of-work.js";
import { childrenRepo } from "../children/children.repo.js";
import { planReminders } from "../reminders/reminder-plan.js";
import { toOffsetIso } from "../slots/local-time.js";
import { type SlotRow, slotsRepo } from "../slots/slots.repo.js";
import { rosterRepo } from "../staffing/roster.repo.js";
import type { StationRow } from "../stations/stations.repo.js";
import { bookability } from "./booking-rules.js";
import { bookingChanged, slotChanged } from "./bookings.events.js";
import { type BookingRow, bookingsRepo } from "./bookings.repo.js";
import { type ChildNeeds, type SlotStaffing, withSeated } from "./staffing-rules.js";
import { waitlistRepo } from "./waitlist.repo.js";
import { orderWaitlist } from "./waitlist-order.js";

/** The transaction a seat change runs in. The slot row is already locked by the caller. */
export interface SeatContext {
  tx: Tx;
  uow: UnitOfWork;
  now: Date;
  actorId: string | null;
}

/** Reasons that keep a waitlisted booking from being promoted (it stays waitlisted with the reason). */
const PROMOTION_BLOCKERS: readonly BookabilityReason[] = [
  "type_not_accepted",
  "overlap",
  "quota_reached",
  "needs_unmet",
  "ratio_full",
];
const DAY = 86_400_000;

/** The window of family bookings the rules look at for `slot` (its week, month and overlaps). */
export function factsWindow(slot: { startsAt: Date }): { from: Date; to: Date } {
  return {
    from: new Date(slot.startsAt.getTime() - 32 * DAY),
    to: new Date(slot.startsAt.getTime() + 32 * DAY),
  };
}

/** Queue a notification for every caregiver of a family except `exceptUserId`. */
export async function notifyFamily(
  ctx: SeatContext,
  familyId: string,
  kind: NotificationKind,
  payload: Record<string, unknown>,
  exceptUserId?: string | null,
): Promise<void> {
  for (const c of await bookingsRepo.caregiversOf(ctx.tx, [familyId])) {
    if (c.id !== exceptUserId) ctx.uow.notify({ userId: c.id, kind, payload });
  }
}

/** Short, non-private facts about a booking for notification payloads. */
export function bookingPayload(
  b: BookingRow,
  slot: SlotRow,
  station: StationRow,
  extra: Record<string, unknown> = {},
) {
  return {
    bookingId: b.id,
    slotId: slot.id,
    stationId: station.id,
    stationName: station.name,
    startsAt: toOffsetIso(slot.startsAt, station.timeZone),
    endsAt: toOffsetIso(slot.endsAt, station.timeZone),
    ...extra,
  };
}

type Candidate = Awaited<ReturnType<typeof waitlistRepo.waitlist>>[number];

/** Why `c` cannot take a seat of `slot` now (its family locked, every rule re-checked), if anything. */
async function promotionBlocker(
  ctx: SeatContext,
  slot: SlotRow,
  station: StationRow,
  staffing: SlotStaffing,
  c: Candidate,
): Promise<{ blocker?: BookabilityReason; needs: ChildNeeds }> {
  const { tx, now } = ctx;
  const window = factsWindow(slot);
  await bookingsRepo.lockFamily(tx, c.familyId);
  const child = await childrenRepo.byId(tx, c.childId);
  const facts = await bookingsRepo.familyFacts(tx, c.familyId, window.from, window.to);
  const needs = (await rosterRepo.childNeeds(tx, [c.childId])).get(c.childId)!;
  const verdict = bookability({
    now,
    station,
    slot: { ...slot, cancelled: false, confirmedCount: 0 },
    child: { id: c.childId, disabilityTypes: child?.disabilityTypes ?? [], needs },
    familyBookings: facts,
    staffing,
  });
  return { blocker: verdict.reasons.find((r) => PROMOTION_BLOCKERS.includes(r)), needs };
}

/**
 * Confirm `c` and take its seat, in a savepoint. The exclusion constraint is the last word on
 * overlaps, even if a check missed one: then the answer is "overlap".
 */
async function confirmFromWaitlist(
  ctx: SeatContext,
  slot: SlotRow,
  c: Candidate,
  graceUntil: Date | null,
): Promise<BookingRow | undefined | "overlap"> {
  try {
    return await ctx.tx.transaction(async (sp) => {
      const changed = await bookingsRepo.transition(sp, c.bookingId, ["waitlisted"], {
        status: "confirmed",
        confirmedAt: ctx.now,
        graceUntil,
        skipReason: null,
      });
      if (changed && !(await bookingsRepo.takeSeat(sp, slot.id)))
        throw new Error("a free seat vanished while the slot was locked");
      return changed;
    });
  } catch (err) {
    if (!isPgError(err, PG.exclusionViolation)) throw err;
    return "overlap";
  }
}

/** A candidate stays waitlisted with the reason (recorded once per reason). */
async function skip(ctx: SeatContext, c: Candidate, blocker: BookabilityReason): Promise<void> {
  if (c.skipReason === blocker) return;
  await bookingsRepo.setSkipReason(ctx.tx, c.bookingId, blocker);
  await bookingsRepo.insertEvent(ctx.tx, {
    bookingId: c.bookingId,
    actorId: ctx.actorId,
    fromStatus: "waitlisted",
    toStatus: "waitlisted",
    reason: `skipped: ${blocker}`,
  });
  ctx.uow.publish(bookingChanged(c.bookingId));
}

/**
 * Give the slot's free seats to its waitlist, in the documented order, inside the transaction
 * that freed them. Each candidate's family is locked and every rule re-checked; a candidate who
 * can no longer take the seat (child now busy, quota reached, type no longer accepted) is skipped
 * and stays waitlisted with the reason. A promoted family gets a grace period to cancel freely and
 * a `booking_promoted` notification. Returns the promoted booking ids.
 */
export async function fillFreedSeats(
  ctx: SeatContext,
  slotId: string,
  station: StationRow,
  cause: string,
): Promise<string[]> {
  const { tx, now, uow } = ctx;
  const slot = await slotsRepo.byId(tx, slotId);
  if (!slot || slot.cancelledAt || slot.startsAt <= now) return [];
  let free = slot.capacity - slot.confirmedCount;
  if (free <= 0) return [];
  uow.publish(slotChanged(slot.id));
  const promoted: string[] = [];
  const graceMs = station.promotionGraceMinutes * 60_000;
  const graceUntil = graceMs > 0 ? new Date(now.getTime() + graceMs) : null;
  const queue = orderWaitlist(
    await waitlistRepo.waitlist(tx, [slot.id], now, BOOKING_LIMITS.priorityLookbackDays),
  );
  if (queue.length === 0) return [];
  let staffing = (await rosterRepo.slotStaffing(tx, [slot], () => station.timeZone)).get(slot.id)!;
  for (const c of queue) {
    if (free <= 0) break;
    const { blocker, needs } = await promotionBlocker(ctx, slot, station, staffing, c);
    const row = blocker ?? (await confirmFromWaitlist(ctx, slot, c, graceUntil));
    if (typeof row === "string") {
      await skip(ctx, c, row);
      continue;
    }
    if (!row) continue;
    free--;
    staffing = withSeated(staffing, needs);
    promoted.push(row.id);
    await bookingsRepo.insertEvent(tx, {
      bookingId: row.id,
      actorId: ctx.actorId,
      fromStatus: "waitlisted",
      toStatus: "confirmed",
      reason: `promoted from the waitlist: ${cause}`,
    });
    const payload = bookingPayload(row, slot, station, {
      childId: row.childId,
      graceUntil: graceUntil?.toISOString() ?? null,
    });
    await notifyFamily(ctx, row.familyId, "booking_promoted", payload);
    await planReminders(tx, station, [{ bookingId: row.id, startsAt: slot.startsAt }], now);
    uow.publish(bookingChanged(row.id));
  }
  return promoted;
}

/**
 * Cancel a slot and every active booking on it: each booked or waitlisted family is told
 * (`slot_cancelled`), the children's time is released (cancelled bookings leave the exclusion
 * constraint) and the seats return to zero. With `detachRule` the slot no longer blocks its rule.
 */
export async function cancelSlotWithBookings(
  ctx: SeatContext,
  slot: SlotRow,
  station: StationRow,
  reason: string,
  detachRule = false,
): Promise<number> {
  const active = await bookingsRepo.activeOfSlot(ctx.tx, slot.id);
  for (const b of active) {
    const row = await bookingsRepo.transition(ctx.tx, b.id, ["confirmed", "waitlisted"], {
      status: "cancelled",
      cancelledAt: ctx.now,
    });
    if (!row) continue;
    await bookingsRepo.insertEvent(ctx.tx, {
      bookingId: b.id,
      actorId: ctx.actorId,
      fromStatus: b.status,
      toStatus: "cancelled",
      reason: `slot cancelled: ${reason}`,
    });
    await notifyFamily(
      ctx,
      b.familyId,
      "slot_cancelled",
      bookingPayload(b, slot, station, { childId: b.childId, reason }),
    );
    ctx.uow.publish(bookingChanged(b.id));
  }
  await slotsRepo.markCancelled(ctx.tx, slot.id, reason, detachRule);
  ctx.uow.publish(slotChanged(slot.id));
  return active.length;
}
