import { z } from "zod";
import { SERVICE_TYPES } from "../enums.js";
import { LocalDate, LocalTime } from "./booking-common.js";
import { Id, IsoDateTime, label, text } from "./common.js";

/** Limits of the care-needs and staffing contract. */
export const CARE_NEED_LIMITS = {
  needsPerChild: 20,
  instructionsMax: 1000,
  ratioMax: 50,
} as const;

/** A care-need code: lower-case words joined by underscores (`tube_feeding`). */
export const NeedCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, "must be a lower_snake_case code");

/** One entry of the managed list of care needs (decision 137). */
export const CareNeedTypeSchema = z.object({
  code: NeedCode,
  labelZh: z.string(),
  labelEn: z.string(),
  oneToOne: z.boolean(),
  active: z.boolean(),
});
export type CareNeedType = z.infer<typeof CareNeedTypeSchema>;

export const CareNeedTypeCreateSchema = z.strictObject({
  code: NeedCode,
  labelZh: label(1, 60),
  labelEn: label(1, 60),
  oneToOne: z.boolean().default(false),
});

/** A child's care need with its instructions (private like the care notes). */
export const ChildCareNeedSchema = z.object({ code: NeedCode, instructions: z.string() });
export type ChildCareNeed = z.infer<typeof ChildCareNeedSchema>;

export const ChildCareNeedsSchema = z.object({ childId: Id, needs: z.array(ChildCareNeedSchema) });
export type ChildCareNeeds = z.infer<typeof ChildCareNeedsSchema>;

/** Replace a child's care needs (the whole list). */
export const ChildCareNeedsPutSchema = z.strictObject({
  needs: z
    .array(
      z.strictObject({
        code: NeedCode,
        instructions: text(0, CARE_NEED_LIMITS.instructionsMax).default(""),
      }),
    )
    .max(CARE_NEED_LIMITS.needsPerChild)
    .refine((a) => new Set(a.map((n) => n.code)).size === a.length, { message: "must not repeat a need" }),
});
export type ChildCareNeedsPutInput = z.infer<typeof ChildCareNeedsPutSchema>;

export const ChildIdParams = z.strictObject({ childId: Id });
export const UserIdParams = z.strictObject({ userId: Id });

/** A staff member's qualification for a need, valid through `expiresOn`. */
export const QualificationSchema = z.object({
  id: Id,
  userId: Id,
  needCode: NeedCode,
  expiresOn: LocalDate,
  enteredBy: Id.nullable(),
  updatedAt: IsoDateTime,
});
export type Qualification = z.infer<typeof QualificationSchema>;

export const QualificationCreateSchema = z.strictObject({ needCode: NeedCode, expiresOn: LocalDate });
export const QualificationUpdateSchema = z.strictObject({ expiresOn: LocalDate });

const timeOrder = <T extends { startTime?: string | null; endTime?: string | null }>(v: T) =>
  !v.startTime || !v.endTime || v.endTime > v.startTime;
const endAfterStart = { message: "must end after it starts", path: ["endTime"] };

/** A weekly shift at a station (station-local times). */
export const ShiftSchema = z.object({
  id: Id,
  stationId: Id,
  userId: Id,
  displayName: z.string(),
  weekday: z.number().int().min(1).max(7),
  startTime: LocalTime,
  endTime: LocalTime,
  validFrom: LocalDate,
  validUntil: LocalDate.nullable(),
});
export type Shift = z.infer<typeof ShiftSchema>;

export const ShiftCreateSchema = z
  .strictObject({
    userId: Id,
    weekday: z.number().int().min(1).max(7),
    startTime: LocalTime,
    endTime: LocalTime,
    validFrom: LocalDate,
    validUntil: LocalDate.nullable().default(null),
  })
  .refine(timeOrder, endAfterStart)
  .refine((v) => !v.validUntil || v.validUntil >= v.validFrom, {
    message: "must not be before validFrom",
    path: ["validUntil"],
  });
export type ShiftCreateInput = z.infer<typeof ShiftCreateSchema>;

export const ShiftUpdateSchema = z
  .strictObject({
    startTime: LocalTime.optional(),
    endTime: LocalTime.optional(),
    validUntil: LocalDate.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "must change something" });
export type ShiftUpdateInput = z.infer<typeof ShiftUpdateSchema>;

/** One date's change to the weekly shifts. */
export const ShiftExceptionSchema = z.object({
  id: Id,
  stationId: Id,
  userId: Id,
  displayName: z.string(),
  date: LocalDate,
  kind: z.enum(["off", "extra"]),
  startTime: LocalTime.nullable(),
  endTime: LocalTime.nullable(),
});
export type ShiftException = z.infer<typeof ShiftExceptionSchema>;

export const ShiftExceptionCreateSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("off"), userId: Id, date: LocalDate }),
  z
    .strictObject({
      kind: z.literal("extra"),
      userId: Id,
      date: LocalDate,
      startTime: LocalTime,
      endTime: LocalTime,
    })
    .refine(timeOrder, endAfterStart),
]);
export type ShiftExceptionCreateInput = z.infer<typeof ShiftExceptionCreateSchema>;

export const RatioSchema = z.object({
  serviceType: z.enum(SERVICE_TYPES),
  childrenPerStaff: z.number().int().min(1).max(CARE_NEED_LIMITS.ratioMax),
});
export type Ratio = z.infer<typeof RatioSchema>;

/** Set (a number) or lift (null) a service's staff-to-child ratio at a station. */
export const RatioPutSchema = z.strictObject({
  serviceType: z.enum(SERVICE_TYPES),
  childrenPerStaff: z.number().int().min(1).max(CARE_NEED_LIMITS.ratioMax).nullable(),
});

/** A station's staffing: its staff with their qualifications, weekly shifts, upcoming exceptions and ratios. */
export const StationStaffingSchema = z.object({
  stationId: Id,
  staff: z.array(
    z.object({ userId: Id, displayName: z.string(), qualifications: z.array(QualificationSchema) }),
  ),
  shifts: z.array(ShiftSchema),
  exceptions: z.array(ShiftExceptionSchema),
  ratios: z.array(RatioSchema),
});
export type StationStaffing = z.infer<typeof StationStaffingSchema>;

export const ShiftIdParams = z.strictObject({ id: Id });

/** A confirmed booking a staffing change left uncovered (ids and times only). */
export const CoverageItemSchema = z.object({
  bookingId: Id,
  slotId: Id,
  childId: Id,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  reason: z.enum(["needs_unmet", "ratio_full"]),
  unmetNeeds: z.array(z.string()),
});

/** The list a `coverage_lost` notification points to (decision 139). */
export const CoverageAlertSchema = z.object({
  id: Id,
  stationId: Id,
  stationName: z.string(),
  cause: z.string(),
  createdAt: IsoDateTime,
  /** `familyId` lets a social worker open the family's bookings (decision 153). */
  items: z.array(CoverageItemSchema.extend({ childNickname: z.string(), familyId: Id })),
});
export type CoverageAlert = z.infer<typeof CoverageAlertSchema>;

/** A coverage alert a staffing change just raised: its id, station and how many bookings it lists. */
export const RaisedAlertSchema = z.object({ id: Id, stationId: Id, count: z.number().int().min(1) });
export type RaisedAlert = z.infer<typeof RaisedAlertSchema>;

/**
 * What a staffing change's answer adds: the coverage alerts it raised (empty when it uncovered
 * nothing), so the page can say so at once (decision 153). `Schema.extend(RAISED_ALERTS)`.
 */
export const RAISED_ALERTS = { coverageAlerts: z.array(RaisedAlertSchema) };
