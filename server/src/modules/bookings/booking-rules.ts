import type { BookabilityReason, BookingStatus } from "@carecircle/shared";
import { localMonthBounds, localWeekBounds } from "../slots/local-time.js";

/** Statuses that hold one of the slot's seats (counted in `slots.confirmed_count` and quotas). */
export const SEAT_HOLDING: readonly BookingStatus[] = ["confirmed", "checked_in", "completed", "no_show"];
/** Statuses during which the child's time is taken (the exclusion constraint's statuses). */
export const CHILD_BUSY: readonly BookingStatus[] = ["confirmed", "checked_in"];
/** Statuses that count as "already has this slot" (the partial unique index's statuses). */
export const ACTIVE_FOR_SLOT: readonly BookingStatus[] = ["confirmed", "waitlisted", "checked_in"];

export interface RuleStation {
  timeZone: string;
  disabilityTypes: string[];
  bookingWindowDays: number;
  maxBookingsPerWeek: number;
  maxHoursPerMonth: number;
}

export interface RuleSlot {
  id: string;
  stationId: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  confirmedCount: number;
  cancelled: boolean;
}

/** One of the family's bookings, as far as the rules care. */
export interface FamilyBookingFact {
  slotId: string;
  stationId: string;
  childId: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
}

export interface BookabilityInput {
  now: Date;
  station: RuleStation;
  slot: RuleSlot;
  child: { id: string; disabilityTypes: string[] };
  /** The family's non-cancelled bookings around the slot (a month either side is enough). */
  familyBookings: readonly FamilyBookingFact[];
}

export interface BookabilityVerdict {
  reasons: BookabilityReason[];
  /** Which quota is reached, when `quota_reached` is among the reasons. */
  quota?: "week" | "month";
}

const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;

/**
 * Every booking rule for one child and one slot, in one pure function used both by search (to
 * explain) and inside the booking transaction (to decide, on rows read under lock):
 * the slot is not cancelled and has not started; booking has opened (window); the station accepts
 * every disability type of the child; the child does not hold this slot or an overlapping one; the
 * family stays within the station's weekly count and monthly hours (station-local week and month);
 * and a seat is left. An empty list means bookable.
 */
export function bookability(input: BookabilityInput): BookabilityVerdict {
  const { now, station, slot, child, familyBookings } = input;
  const reasons: BookabilityReason[] = [];
  let quota: "week" | "month" | undefined;
  if (slot.cancelled) reasons.push("cancelled");
  if (slot.startsAt <= now) reasons.push("too_late");
  else if (slot.startsAt.getTime() > now.getTime() + station.bookingWindowDays * 86_400_000)
    reasons.push("not_open_yet");
  if (!child.disabilityTypes.every((t) => station.disabilityTypes.includes(t)))
    reasons.push("type_not_accepted");

  const own = familyBookings.filter((b) => b.childId === child.id);
  if (own.some((b) => b.slotId === slot.id && ACTIVE_FOR_SLOT.includes(b.status)))
    reasons.push("already_booked");
  if (
    own.some(
      (b) =>
        b.slotId !== slot.id &&
        CHILD_BUSY.includes(b.status) &&
        b.startsAt < slot.endsAt &&
        slot.startsAt < b.endsAt,
    )
  )
    reasons.push("overlap");

  const seatHolding = familyBookings.filter(
    (b) => b.stationId === slot.stationId && b.slotId !== slot.id && SEAT_HOLDING.includes(b.status),
  );
  const week = localWeekBounds(slot.startsAt, station.timeZone);
  const inWeek = seatHolding.filter((b) => b.startsAt >= week.start && b.startsAt < week.end).length;
  const month = localMonthBounds(slot.startsAt, station.timeZone);
  const monthHours = seatHolding
    .filter((b) => b.startsAt >= month.start && b.startsAt < month.end)
    .reduce((sum, b) => sum + hours(b.startsAt, b.endsAt), 0);
  if (inWeek >= station.maxBookingsPerWeek) quota = "week";
  else if (monthHours + hours(slot.startsAt, slot.endsAt) > station.maxHoursPerMonth + 1e-9) quota = "month";
  if (quota) reasons.push("quota_reached");

  if (slot.confirmedCount >= slot.capacity) reasons.push("full");
  return quota ? { reasons, quota } : { reasons };
}

/** The last moment a cancellation is free: the cut-off before start, or a later grace period. */
export function freeCancelUntil(startsAt: Date, cutoffHours: number, graceUntil: Date | null): Date {
  const cutoff = new Date(startsAt.getTime() - cutoffHours * 3_600_000);
  return graceUntil && graceUntil > cutoff ? graceUntil : cutoff;
}
