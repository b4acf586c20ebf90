import { z } from "zod";
import { BOOKING_STATUSES, SERVICE_TYPES } from "../enums.js";
import { Id, IsoDateTime, text } from "./common.js";
import { HandoverPersonSchema } from "./station-day.js";

/** Longest note a family may leave the station's staff for one visit. */
export const BOOKING_NOTE_MAX = 300;

/**
 * Book a slot for a child. With `waitlist: true` a full slot puts the child on its waitlist.
 * `note`: for this visit, to the station's staff (shown on their roster line).
 */
export const BookingCreateSchema = z.strictObject({
  slotId: Id,
  childId: Id,
  waitlist: z.boolean().default(false),
  note: text(0, BOOKING_NOTE_MAX).optional(),
});
export type BookingCreateInput = z.infer<typeof BookingCreateSchema>;

/** Cancel a booking or leave a waitlist. */
export const BookingCancelSchema = z
  .strictObject({ reason: text(0, 500).optional() })
  .optional()
  .transform((v) => v ?? {});
export type BookingCancelInput = z.infer<typeof BookingCancelSchema>;

export const BookingListQuery = z.strictObject({
  /** Social workers and admins: whose bookings (an assigned family). Caregivers: own family only. */
  familyId: Id.optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});
export type BookingListInput = z.infer<typeof BookingListQuery>;

/** A booking as the family, its social worker and the station's staff see it (no care notes). */
export const BookingSchema = z.object({
  id: Id,
  slotId: Id,
  stationId: Id,
  childId: Id,
  familyId: Id,
  status: z.enum(BOOKING_STATUSES),
  serviceType: z.enum(SERVICE_TYPES),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  station: z.object({ id: Id, name: z.string(), address: z.string(), timeZone: z.string() }),
  child: z.object({ id: Id, nickname: z.string() }),
  /** Booked by staff or a social worker for the family. */
  onBehalf: z.boolean(),
  /**
   * Booked on the family's behalf by station staff and not yet confirmed by a caregiver; the
   * station sees no care notes for it until then (decision 088).
   */
  awaitingFamily: z.boolean(),
  bookedBy: Id.nullable(),
  /** The booker's note for this visit to the station's staff (`null`: none). */
  note: z.string().nullable(),
  lateCancel: z.boolean(),
  /** Until then the family may cancel freely even past the cut-off (after a promotion). */
  graceUntil: IsoDateTime.nullable(),
  /** Latest time a cancellation is free (the cut-off, or the grace period if later). */
  freeCancelUntil: IsoDateTime,
  /** Why the last promotion attempt skipped this waitlisted booking. */
  skipReason: z.string().nullable(),
  /** 1-based place in the waitlist order (waitlisted bookings only). */
  waitlistPosition: z.number().int().nullable(),
  waitlistedAt: IsoDateTime.nullable(),
  confirmedAt: IsoDateTime.nullable(),
  cancelledAt: IsoDateTime.nullable(),
  checkedInAt: IsoDateTime.nullable(),
  checkedOutAt: IsoDateTime.nullable(),
  /** Who brought the child (set at check-in, cleared by its undo). */
  broughtBy: HandoverPersonSchema.nullable(),
  /** Who collected the child (set at pick-up, cleared by its undo). */
  collectedBy: HandoverPersonSchema.nullable(),
  noShowAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Booking = z.infer<typeof BookingSchema>;

/** One entry of a booking's history. */
export const BookingEventSchema = z.object({
  id: Id,
  actor: z.object({ id: Id, displayName: z.string(), role: z.string() }).nullable(),
  fromStatus: z.enum(BOOKING_STATUSES).nullable(),
  toStatus: z.enum(BOOKING_STATUSES),
  reason: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type BookingEvent = z.infer<typeof BookingEventSchema>;

/** A family's booking record at a glance (for the family and its social worker). */
export const FamilyBookingStatsSchema = z.object({
  noShowCount: z.number().int(),
  lateCancelCount: z.number().int(),
  /** Hours of care received (checked in or completed) in the last 30 days. */
  hoursLast30Days: z.number(),
});
export type FamilyBookingStats = z.infer<typeof FamilyBookingStatsSchema>;

export const BookingResultSchema = z.object({ booking: BookingSchema });
export const BookingDetailSchema = z.object({ booking: BookingSchema, history: z.array(BookingEventSchema) });
export const BookingListSchema = z.object({
  bookings: z.array(BookingSchema),
  stats: FamilyBookingStatsSchema,
});

/** The caller's iCalendar feed. The URL (with its secret) is shown only when created. */
export const CalendarFeedSchema = z.object({ active: z.boolean(), url: z.string().nullable() });
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>;
export const CalendarTokenParams = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "is not a calendar token"),
});
