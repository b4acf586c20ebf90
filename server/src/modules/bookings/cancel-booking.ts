import { AppError, conflict, notFound } from "../../errors.js";
import { slotsRepo } from "../slots/slots.repo.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { freeCancelUntil } from "./booking-rules.js";
import { bookingChanged, slotChanged } from "./bookings.events.js";
import { type BookingRow, bookingsRepo } from "./bookings.repo.js";
import { bookingPayload, fillFreedSeats, notifyFamily, type SeatContext } from "./seat-changes.js";

export interface CancelOptions {
  /** A family-side cancellation (caregiver, social worker) is "late" after the cut-off. */
  familySide: boolean;
  reason?: string | undefined;
  /** Caregivers who must not be told (the one cancelling, or one whose account is going away). */
  exceptUserId?: string | null;
}

/**
 * Inside a booking transaction: cancel one confirmed or waitlisted booking. Locks the slot, then
 * the booking, re-reads fresh state, records the event, tells the family's other caregivers and,
 * for a confirmed booking, frees the seat and promotes the waitlist in the same transaction.
 * The only way a booking is cancelled (the family's own cancel and account erasure share it).
 */
export async function cancelBooking(
  ctx: SeatContext,
  bookingId: string,
  opts: CancelOptions,
): Promise<BookingRow> {
  const { tx, now } = ctx;
  const pre = await bookingsRepo.byId(tx, bookingId);
  if (!pre) throw notFound("booking");
  const slot = await slotsRepo.lock(tx, pre.slotId);
  const b = await bookingsRepo.lock(tx, bookingId);
  const station = await stationsRepo.byId(tx, pre.stationId);
  if (!slot || !b || !station) throw notFound("booking");
  if (b.status !== "confirmed" && b.status !== "waitlisted")
    throw conflict(`This booking is already ${b.status.replace("_", " ")}`, { status: b.status });
  if (b.status === "confirmed" && slot.startsAt <= now)
    throw new AppError("NOT_BOOKABLE", "The slot has started; staff record attendance instead", {
      reason: "too_late",
    });
  const late =
    b.status === "confirmed" &&
    opts.familySide &&
    now > freeCancelUntil(slot.startsAt, station.cancelCutoffHours, b.graceUntil);
  const row = await bookingsRepo.transition(tx, b.id, [b.status], {
    status: "cancelled",
    cancelledAt: now,
    lateCancel: late,
  });
  const why = opts.reason?.trim()
    ? opts.reason.trim()
    : b.status === "waitlisted"
      ? "left the waitlist"
      : "cancelled";
  await bookingsRepo.insertEvent(tx, {
    bookingId: b.id,
    actorId: ctx.actorId,
    fromStatus: b.status,
    toStatus: "cancelled",
    reason: late ? `${why} (late: after the cut-off)` : why,
  });
  // The family's other caregivers (and all of them, when staff or a social worker cancel) are told.
  await notifyFamily(
    ctx,
    b.familyId,
    "booking_cancelled",
    bookingPayload(b, slot, station, { childId: b.childId, reason: why }),
    opts.exceptUserId,
  );
  // Recorded after the notifications: families hear of a change before they see it (decision 095).
  ctx.uow.publish(bookingChanged(b.id));
  ctx.uow.publish(slotChanged(slot.id));
  if (b.status === "confirmed") {
    await bookingsRepo.releaseSeat(tx, slot.id);
    await fillFreedSeats(ctx, slot.id, station, "a seat was freed by a cancellation");
  }
  return row!;
}
