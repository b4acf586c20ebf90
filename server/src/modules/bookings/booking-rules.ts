import type { BookabilityReason, BookingStatus } from "@carecircle/shared";
import { localMonthBounds, localWeekBounds } from "../slots/local-time.js";
import { type ChildNeeds, type SlotStaffing, staffingVerdict } from "./staffing-rules.js";

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
  child: { id: string; disabilityTypes: string[]; needs: ChildNeeds };
  /** Who is on shift for the slot and who is seated (decisions 137 and 138). */
  staffing: SlotStaffing;
  /** The family's non-cancelled bookings around the slot (a month either side is enough). */
  familyBookings: readonly FamilyBookingFact[];
}

export interface BookabilityVerdict {
  reasons: BookabilityReason[];
  /** Which quota is reached, when `quota_reached` is among the reasons. */
  quota?: "week" | "month";
  /** The need codes nobody on shift covers, when `needs_unmet` is among the reasons. */
  unmetNeeds?: string[];
}

const hours = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;

/**
 * Every booking rule for one child and one slot, in one pure function used both by search (to
 * explain) and inside the booking transaction (to decide, on rows read under lock):
 * the slot is not cancelled and has not started; booking has opened (window); the station accepts
 * every disability type of the child; the child does not hold this slot or an overlapping one; the
 * family stays within the station's weekly count and monthly hours (station-local week and month);
 * each care need of the child is covered by a qualified staff member on shift for the whole slot;
 * the staff on shift can take one more child at the ratio; and a seat is left. An empty list
 * means bookable; `ratio_full` and `full` alone still allow the waitlist.
 */
export function bookability(input: BookabilityInput): BookabilityVerdict {
  const { now, station, slot, child, familyBookings, staffing } = input;
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

  const staff = staffingVerdict(staffing, child.needs);
  if (staff.unmetNeeds.length > 0) reasons.push("needs_unmet");
  // With a need nobody on shift can meet, the ratio is beside the point: one reason, not two.
  else if (staff.ratioFull) reasons.push("ratio_full");
  if (slot.confirmedCount >= slot.capacity) reasons.push("full");
  const verdict: BookabilityVerdict = { reasons };
  if (quota) verdict.quota = quota;
  if (staff.unmetNeeds.length > 0) verdict.unmetNeeds = staff.unmetNeeds;
  return verdict;
}

/** Reasons that still let a request join the waitlist (a seat or a staff place may free up). */
export const WAITLISTABLE: readonly BookabilityReason[] = ["ratio_full", "full"];

/** The last moment a cancellation is free: the cut-off before start, or a later grace period. */
export function freeCancelUntil(startsAt: Date, cutoffHours: number, graceUntil: Date | null): Date {
  const cutoff = new Date(startsAt.getTime() - cutoffHours * 3_600_000);
  return graceUntil && graceUntil > cutoff ? graceUntil : cutoff;
}
