import { z } from "zod";
import { DISABILITY_TYPES, SERVICE_TYPES } from "../enums.js";
import { BOOKING_LIMITS, LocalDate, LocalTime } from "./booking-common.js";
import { Id, IsoDateTime, text } from "./common.js";

/**
 * Why a slot cannot be booked (or joined) for a given child right now. `full` alone still allows
 * joining the waitlist.
 */
export const BOOKABILITY_REASONS = [
  "cancelled",
  "too_late",
  "not_open_yet",
  "type_not_accepted",
  "already_booked",
  "overlap",
  "quota_reached",
  /** A care need of the child has no qualified staff member on shift for the whole slot (decision 137). */
  "needs_unmet",
  /** The staff on shift cannot take another child at the service's ratio; the waitlist is open. */
  "ratio_full",
  "full",
] as const;
export type BookabilityReason = (typeof BOOKABILITY_REASONS)[number];

const capacity = z.number().int().min(1).max(BOOKING_LIMITS.slotCapacityMax);
const maxSlotMs = BOOKING_LIMITS.slotHoursMax * 3600_000;

/** One concrete slot (station staff of the station, social workers, admins). */
export const SlotCreateSchema = z
  .strictObject({
    stationId: Id,
    serviceType: z.enum(SERVICE_TYPES),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    capacity,
  })
  .refine((v) => Date.parse(v.startsAt) % 60_000 === 0, {
    message: "must be on a whole minute",
    path: ["startsAt"],
  })
  .refine((v) => Date.parse(v.endsAt) % 60_000 === 0, {
    message: "must be on a whole minute",
    path: ["endsAt"],
  })
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), {
    message: "must end after it starts",
    path: ["endsAt"],
    params: { i18n: "validation.endBeforeStart" },
  })
  .refine((v) => Date.parse(v.endsAt) - Date.parse(v.startsAt) <= maxSlotMs, {
    message: `must last at most ${BOOKING_LIMITS.slotHoursMax} hours`,
    path: ["endsAt"],
    params: { i18n: "validation.slotTooLong", hours: BOOKING_LIMITS.slotHoursMax },
  });
export type SlotCreateInput = z.infer<typeof SlotCreateSchema>;

/** Change a slot's capacity. Raising it promotes waitlisted families at once. */
export const SlotUpdateSchema = z.strictObject({ capacity });
export type SlotUpdateInput = z.infer<typeof SlotUpdateSchema>;

/** Cancel a slot: every booked and waitlisted family is told, and the children's time is freed. */
export const SlotCancelSchema = z.strictObject({ reason: text(1, 500) });

/** Search slots; with `childId`, each slot says whether that child can book it and why not. */
export const SlotSearchQuery = z
  .strictObject({
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
    stationId: Id.optional(),
    serviceType: z.enum(SERVICE_TYPES).optional(),
    disabilityType: z.enum(DISABILITY_TYPES).optional(),
    childId: Id.optional(),
    includeCancelled: z.enum(["true", "false"]).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), {
    message: "must be after from",
    path: ["to"],
  })
  .refine(
    (q) =>
      !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= BOOKING_LIMITS.searchDaysMax * 86_400_000,
    { message: `the range must be at most ${BOOKING_LIMITS.searchDaysMax} days`, path: ["to"] },
  );
export type SlotSearchInput = z.infer<typeof SlotSearchQuery>;

export const SlotGetQuery = z.strictObject({ childId: Id.optional() });

/** For one child: can it be booked, can the family join the waitlist, and if not why. */
export const BookabilitySchema = z.object({
  childId: Id,
  bookable: z.boolean(),
  canWaitlist: z.boolean(),
  reasons: z.array(z.enum(BOOKABILITY_REASONS)),
  /** With `needs_unmet`: the need codes no qualified staff member on shift covers. */
  unmetNeeds: z.array(z.string()).optional(),
});
export type Bookability = z.infer<typeof BookabilitySchema>;

/** A slot with seats left. Times carry the station's UTC offset; `local*` are station-local. */
export const SlotSchema = z.object({
  id: Id,
  stationId: Id,
  station: z.object({ id: Id, name: z.string(), district: z.string(), timeZone: z.string() }),
  ruleId: Id.nullable(),
  serviceType: z.enum(SERVICE_TYPES),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  localDate: z.string(),
  localStartTime: z.string(),
  localEndTime: z.string(),
  capacity: z.number().int(),
  confirmedCount: z.number().int(),
  seatsLeft: z.number().int(),
  waitlistCount: z.number().int(),
  cancelled: z.boolean(),
  cancelReason: z.string().nullable(),
  bookability: BookabilitySchema.optional(),
  /** Staff on shift for the whole slot, with the needs each is qualified for on its date. */
  onShift: z.array(z.object({ userId: Id, displayName: z.string(), needs: z.array(z.string()) })).optional(),
});
export type Slot = z.infer<typeof SlotSchema>;

const weekdays = z
  .array(z.number().int().min(1).max(7))
  .min(1)
  .max(7)
  .refine((a) => new Set(a).size === a.length, { message: "must not repeat a weekday" });

const ruleShape = {
  serviceType: z.enum(SERVICE_TYPES),
  /** ISO weekdays: 1 = Monday ... 7 = Sunday. */
  weekdays,
  startTime: LocalTime,
  endTime: LocalTime,
  capacity,
  validFrom: LocalDate,
  validTo: LocalDate.nullable(),
  weeksAhead: z.number().int().min(1).max(BOOKING_LIMITS.ruleWeeksAheadMax),
};

const timesInOrder = (v: { startTime?: string | undefined; endTime?: string | undefined }) =>
  !v.startTime || !v.endTime || v.startTime < v.endTime;
const datesInOrder = (v: { validFrom?: string | undefined; validTo?: string | null | undefined }) =>
  !v.validFrom || !v.validTo || v.validFrom <= v.validTo;

/** Weekly recurrence at a station, materialised into concrete slots `weeksAhead` weeks ahead. */
export const SlotRuleCreateSchema = z
  .strictObject({
    stationId: Id,
    ...ruleShape,
    validTo: ruleShape.validTo.default(null),
    weeksAhead: ruleShape.weeksAhead.default(4),
  })
  .refine(timesInOrder, {
    message: "must be after startTime",
    path: ["endTime"],
    params: { i18n: "validation.endBeforeStart" },
  })
  .refine(datesInOrder, { message: "must not be before validFrom", path: ["validTo"] });
export type SlotRuleCreateInput = z.infer<typeof SlotRuleCreateSchema>;

/** Change a rule. Future slots without bookings are regenerated; booked slots are left alone. */
export const SlotRuleUpdateSchema = z
  .strictObject({
    serviceType: ruleShape.serviceType.optional(),
    weekdays: ruleShape.weekdays.optional(),
    startTime: ruleShape.startTime.optional(),
    endTime: ruleShape.endTime.optional(),
    capacity: ruleShape.capacity.optional(),
    validFrom: ruleShape.validFrom.optional(),
    validTo: ruleShape.validTo.optional(),
    weeksAhead: ruleShape.weeksAhead.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update" })
  .refine(timesInOrder, {
    message: "must be after startTime",
    path: ["endTime"],
    params: { i18n: "validation.endBeforeStart" },
  })
  .refine(datesInOrder, { message: "must not be before validFrom", path: ["validTo"] });
export type SlotRuleUpdateInput = z.infer<typeof SlotRuleUpdateSchema>;

export const SlotRuleListQuery = z.strictObject({ stationId: Id });

export const SlotRuleSchema = z.object({
  id: Id,
  stationId: Id,
  serviceType: z.enum(SERVICE_TYPES),
  weekdays: z.array(z.number().int()),
  startTime: z.string(),
  endTime: z.string(),
  capacity: z.number().int(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  weeksAhead: z.number().int(),
  archived: z.boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type SlotRule = z.infer<typeof SlotRuleSchema>;

/** What a rule change did to the materialised slots. */
export const SlotRuleResultSchema = z.object({
  rule: SlotRuleSchema,
  /** Slots created by this run. */
  created: z.number().int(),
  /** Unbooked future slots removed because the rule no longer produces them. */
  removed: z.number().int(),
  /** Future slots kept as they were because families had booked them. */
  keptBooked: z.number().int(),
});
export type SlotRuleResult = z.infer<typeof SlotRuleResultSchema>;
