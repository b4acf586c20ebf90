import type { Booking, BookingEvent, BookingStatus, HandoverPerson, ServiceType } from "@carecircle/shared";
import { BOOKING_LIMITS } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { toOffsetIso } from "../slots/local-time.js";
import { freeCancelUntil } from "./booking-rules.js";
import type { BookingRow, BookingView } from "./bookings.repo.js";
import { waitlistRepo } from "./waitlist.repo.js";
import { orderWaitlist } from "./waitlist-order.js";

const isoOrNull = (d: Date | null) => d?.toISOString() ?? null;

/** A booking DTO: slot times in the station's offset, never the child's care notes. */
export function presentBooking(v: BookingView, waitlistPosition: number | null = null): Booking {
  const b = v.booking;
  const tz = v.station.timeZone;
  return {
    id: b.id,
    slotId: b.slotId,
    stationId: b.stationId,
    childId: b.childId,
    familyId: b.familyId,
    status: b.status,
    serviceType: v.slot.serviceType as ServiceType,
    startsAt: toOffsetIso(v.slot.startsAt, tz),
    endsAt: toOffsetIso(v.slot.endsAt, tz),
    station: { id: v.station.id, name: v.station.name, address: v.station.address, timeZone: tz },
    child: { id: v.child.id, nickname: v.child.nickname },
    onBehalf: b.onBehalf,
    awaitingFamily: b.awaitingFamily,
    bookedBy: b.bookedBy,
    note: b.note,
    lateCancel: b.lateCancel,
    graceUntil: isoOrNull(b.graceUntil),
    freeCancelUntil: freeCancelUntil(
      v.slot.startsAt,
      v.station.cancelCutoffHours,
      b.graceUntil,
    ).toISOString(),
    skipReason: b.status === "waitlisted" ? b.skipReason : null,
    waitlistPosition: b.status === "waitlisted" ? waitlistPosition : null,
    waitlistedAt: isoOrNull(b.waitlistedAt),
    confirmedAt: isoOrNull(b.confirmedAt),
    cancelledAt: isoOrNull(b.cancelledAt),
    checkedInAt: isoOrNull(b.checkedInAt),
    checkedOutAt: isoOrNull(b.checkedOutAt),
    broughtBy: (b.broughtBy as HandoverPerson | null) ?? null,
    collectedBy: (b.collectedBy as HandoverPerson | null) ?? null,
    noShowAt: isoOrNull(b.noShowAt),
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

/** One history entry. */
export function presentBookingEvent(row: {
  event: { id: string; fromStatus: string | null; toStatus: string; reason: string | null; createdAt: Date };
  actor: { id: string; displayName: string; role: string } | null;
}): BookingEvent {
  return {
    id: row.event.id,
    actor: row.actor,
    fromStatus: row.event.fromStatus as BookingStatus | null,
    toStatus: row.event.toStatus as BookingStatus,
    reason: row.event.reason,
    createdAt: row.event.createdAt.toISOString(),
  };
}

/** 1-based waitlist positions of the waitlisted bookings among `views`, in the documented order. */
export async function waitlistPositions(
  db: DbOrTx,
  views: BookingView[],
  now: Date,
): Promise<Map<string, number>> {
  const slotIds = [
    ...new Set(views.filter((v) => v.booking.status === "waitlisted").map((v) => v.booking.slotId)),
  ];
  const rows = await waitlistRepo.waitlist(db, slotIds, now, BOOKING_LIMITS.priorityLookbackDays);
  const positions = new Map<string, number>();
  for (const slotId of slotIds) {
    const ordered = orderWaitlist(rows.filter((r) => r.slotId === slotId));
    for (const [i, r] of ordered.entries()) positions.set(r.bookingId, i + 1);
  }
  return positions;
}

/** Present booking views with their waitlist positions. */
export async function presentViews(db: DbOrTx, views: BookingView[], now = new Date()): Promise<Booking[]> {
  const positions = await waitlistPositions(db, views, now);
  return views.map((v) => presentBooking(v, positions.get(v.booking.id) ?? null));
}

export type { BookingRow };
