import { z } from "zod";
import { DISABILITY_TYPES, SERVICE_TYPES } from "../enums.js";
import { BOOKING_LIMITS, LocalDate, LocalTime, TimeZone } from "./booking-common.js";
import { Id, IsoDateTime, label, text } from "./common.js";

const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .min(1)
    .max(max)
    .refine((a) => new Set(a).size === a.length, { message: "must not repeat a value" });

/**
 * Weekly opening hours keyed by ISO weekday ("1" = Monday ... "7" = Sunday), each a list of
 * `[open, close]` local times. An empty object means "no fixed hours" (slots are not restricted).
 */
export const OpeningHoursSchema = z
  .partialRecord(
    z.enum(["1", "2", "3", "4", "5", "6", "7"]),
    z
      .array(
        z
          .tuple([LocalTime, LocalTime])
          .refine(([open, close]) => open < close, { message: "must close after it opens" }),
      )
      .max(4),
  )
  .default({});
export type OpeningHours = Partial<Record<"1" | "2" | "3" | "4" | "5" | "6" | "7", [string, string][]>>;

const policy = {
  bookingWindowDays: z.number().int().min(1).max(BOOKING_LIMITS.bookingWindowDaysMax),
  cancelCutoffHours: z.number().int().min(0).max(168),
  maxBookingsPerWeek: z.number().int().min(1).max(50),
  maxHoursPerMonth: z.number().int().min(1).max(744),
  promotionGraceMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /** Station-local hour (0-23) of the evening-before reminder of each booking (decision 107). */
  reminderHour: z.number().int().min(0).max(23),
};

const stationFields = {
  name: label(1, 80),
  district: label(1, 80),
  address: label(1, 200),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9][0-9 -]{4,24}$/, "must be a phone number"),
  openingHours: OpeningHoursSchema,
  /**
   * What a map search should look for (a landmark or the address as maps know it); `null`: the
   * address. Clients open a plain map-search link, no map SDK (decision 145).
   */
  mapQuery: label(1, 200).nullable().default(null),
  disabilityTypes: uniqueList(z.enum(DISABILITY_TYPES), DISABILITY_TYPES.length),
  serviceTypes: uniqueList(z.enum(SERVICE_TYPES), SERVICE_TYPES.length),
};

/** Create a station (social worker, admin). Policy fields default to the documented values. */
export const StationCreateSchema = z.strictObject({
  ...stationFields,
  timeZone: TimeZone.default("Asia/Shanghai"),
  bookingWindowDays: policy.bookingWindowDays.default(14),
  cancelCutoffHours: policy.cancelCutoffHours.default(24),
  maxBookingsPerWeek: policy.maxBookingsPerWeek.default(3),
  maxHoursPerMonth: policy.maxHoursPerMonth.default(40),
  promotionGraceMinutes: policy.promotionGraceMinutes.default(120),
  reminderHour: policy.reminderHour.default(18),
});
export type StationCreateInput = z.infer<typeof StationCreateSchema>;

/** Change a station. The time zone is fixed at creation: existing slots are instants in it. */
export const StationUpdateSchema = z
  .strictObject({
    name: stationFields.name.optional(),
    district: stationFields.district.optional(),
    address: stationFields.address.optional(),
    phone: stationFields.phone.optional(),
    openingHours: OpeningHoursSchema.optional(),
    mapQuery: label(1, 200).nullable().optional(),
    disabilityTypes: stationFields.disabilityTypes.optional(),
    serviceTypes: stationFields.serviceTypes.optional(),
    bookingWindowDays: policy.bookingWindowDays.optional(),
    cancelCutoffHours: policy.cancelCutoffHours.optional(),
    maxBookingsPerWeek: policy.maxBookingsPerWeek.optional(),
    maxHoursPerMonth: policy.maxHoursPerMonth.optional(),
    promotionGraceMinutes: policy.promotionGraceMinutes.optional(),
    reminderHour: policy.reminderHour.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update" });
export type StationUpdateInput = z.infer<typeof StationUpdateSchema>;

export const StationListQuery = z.strictObject({
  disabilityType: z.enum(DISABILITY_TYPES).optional(),
  serviceType: z.enum(SERVICE_TYPES).optional(),
  district: label(1, 80).optional(),
});

export const StationStaffAddSchema = z.strictObject({ userId: Id });
export const StationStaffParams = z.strictObject({ id: Id, userId: Id });

/** A station as everyone sees it (staff names included: families want to know who cares). */
export const StationSchema = z.object({
  id: Id,
  name: z.string(),
  district: z.string(),
  address: z.string(),
  phone: z.string(),
  timeZone: z.string(),
  openingHours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
  mapQuery: z.string().nullable(),
  disabilityTypes: z.array(z.enum(DISABILITY_TYPES)),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)),
  bookingWindowDays: z.number().int(),
  cancelCutoffHours: z.number().int(),
  maxBookingsPerWeek: z.number().int(),
  maxHoursPerMonth: z.number().int(),
  promotionGraceMinutes: z.number().int(),
  reminderHour: z.number().int(),
  staff: z.array(z.object({ id: Id, displayName: z.string() })),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Station = z.infer<typeof StationSchema>;

/** Close a station on one local date (holiday, closure). */
export const BlackoutCreateSchema = z.strictObject({
  date: LocalDate,
  reason: text(0, 200).default(""),
});
export type BlackoutCreateInput = z.infer<typeof BlackoutCreateSchema>;
export const BlackoutParams = z.strictObject({ id: Id, date: LocalDate });

export const BlackoutSchema = z.object({
  stationId: Id,
  date: z.string(),
  reason: z.string(),
  createdAt: IsoDateTime,
});
export type Blackout = z.infer<typeof BlackoutSchema>;
