import { z } from "zod";
import { REPORT_REASONS } from "../enums.js";
import { LIMITS } from "../limits.js";
import { MeSchema } from "./auth.js";
import { BookingSeriesSchema } from "./booking-series.js";
import { BookingEventSchema, BookingSchema } from "./bookings.js";
import { ChildCareNeedsSchema } from "./care-needs.js";
import { FamilyCaseSchema } from "./case-family.js";
import { CheckinSchema } from "./checkins.js";
import { ChildSchema } from "./children.js";
import { Id, IsoDateTime } from "./common.js";
import { GROUP_ROLES } from "./groups.js";
import { NotificationSchema } from "./notifications.js";
import { PushPreferencesSchema } from "./push.js";
import { AdministrationDetailSchema } from "./scales.js";
import { CarePlanSchema, IncidentSchema } from "./station-day.js";
import { SupportMapSnapshotSchema, SupportTieSchema } from "./support-map.js";

/** Identifies the export file format; bumped when a field changes meaning. */
export const DATA_EXPORT_FORMAT = { name: "carecircle-data-export", version: 1 } as const;

/** One of the caller's own messages, as they wrote it (never anyone else's words). */
export const ExportedMessageSchema = z.object({
  id: Id,
  groupId: Id,
  groupName: z.string(),
  seq: z.number().int(),
  /** Null once deleted (by the author or a moderator): the export shows what the API shows. */
  body: z.string().nullable(),
  replyToSeq: z.number().int().nullable(),
  createdAt: IsoDateTime,
  editedAt: IsoDateTime.nullable(),
  deletedAt: IsoDateTime.nullable(),
  /** Hidden from other members by reports or a moderator (the author still sees it). */
  hidden: z.boolean(),
  /** Earlier versions of an edited message, oldest first. */
  edits: z.array(z.object({ body: z.string().nullable(), editedAt: IsoDateTime })),
});
export type ExportedMessage = z.infer<typeof ExportedMessageSchema>;

/** One of the caller's own photos or voice messages (as stored: re-encoded, no metadata). */
export const ExportedMediaSchema = z.object({
  id: Id,
  groupId: Id,
  /** The message that carries it; null for an upload never sent. */
  messageId: Id.nullable(),
  kind: z.enum(["photo", "voice"]),
  mime: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  createdAt: IsoDateTime,
  /** The file itself, base64. */
  data: z.string(),
});

/**
 * `GET /api/me/export`: everything the platform holds about the caller and (for a caregiver) their
 * family, in one JSON document. It never holds more than the API already shows the caller, and
 * no secrets (password hash, invite code, calendar or refresh tokens).
 */
export const DataExportSchema = z.object({
  format: z.literal(DATA_EXPORT_FORMAT.name),
  version: z.literal(DATA_EXPORT_FORMAT.version),
  exportedAt: IsoDateTime,
  account: MeSchema.extend({ calendarFeedActive: z.boolean() }),
  /** Caregivers only: the family, its caregivers and social workers by display name. */
  family: z
    .object({
      id: Id,
      createdAt: IsoDateTime,
      urgent: z.boolean(),
      caregivers: z.array(z.object({ displayName: z.string(), you: z.boolean() })),
      socialWorkers: z.array(z.object({ displayName: z.string() })),
    })
    .nullable(),
  /** Full child profiles, care notes and emergency contacts included. */
  children: z.array(ChildSchema),
  /** Each child's care needs with their instructions (issue 19 §1). */
  childCareNeeds: z.array(ChildCareNeedsSchema),
  /** Every booking of the family (any status), each with its history. */
  bookings: z.array(z.object({ booking: BookingSchema, history: z.array(BookingEventSchema) })),
  /** The family's recurring bookings (each week is also among `bookings`). */
  bookingSeries: z.array(BookingSeriesSchema.omit({ occurrences: true })),
  /** The family's stress check-ins (each caregiver's own ratings, as the family sees them). */
  stressCheckins: z.array(CheckinSchema),
  /**
   * The family's cases as its caregivers see them (decision 124): stage, goals, strengths and the
   * records shared with the family; never unshared process notes, risk level or stage reasons.
   */
  cases: z.array(FamilyCaseSchema),
  /** The family's questionnaires (scales) with their answers and scores (decision 126). */
  scaleAdministrations: z.array(AdministrationDetailSchema),
  /** The ties the family's social worker recorded on its support map (decision 135). */
  supportTies: z.array(SupportTieSchema),
  /** The family's support map as saved at case stage changes and on demand. */
  supportMapSnapshots: z.array(SupportMapSnapshotSchema),
  /** Incident reports about the family's children, with addenda and acknowledgements. */
  incidents: z.array(IncidentSchema),
  /** The children's care plans at stations. */
  carePlans: z.array(CarePlanSchema),
  groups: z.array(
    z.object({ groupId: Id, name: z.string(), role: z.enum(GROUP_ROLES), joinedAt: IsoDateTime }),
  ),
  messages: z.array(ExportedMessageSchema),
  /** The caller's photos and voice messages that still have their bytes. */
  media: z.array(ExportedMediaSchema),
  reactions: z.array(
    z.object({
      groupId: Id,
      groupName: z.string(),
      seq: z.number().int(),
      emoji: z.string(),
      createdAt: IsoDateTime,
    }),
  ),
  /** Reports the caller filed (the reported message's text is someone else's and is not included). */
  reports: z.array(
    z.object({
      id: Id,
      groupId: Id,
      groupName: z.string(),
      messageSeq: z.number().int(),
      reason: z.enum(REPORT_REASONS),
      note: z.string().nullable(),
      status: z.enum(["open", "dismissed", "actioned"]),
      createdAt: IsoDateTime,
      resolvedAt: IsoDateTime.nullable(),
    }),
  ),
  /** Mutes and bans placed on the caller, with the reason they were told. */
  sanctions: z.array(
    z.object({
      kind: z.enum(["mute", "ban"]),
      groupId: Id,
      groupName: z.string(),
      reason: z.string(),
      createdAt: IsoDateTime,
      until: IsoDateTime.nullable(),
      liftedAt: IsoDateTime.nullable(),
    }),
  ),
  notifications: z.array(NotificationSchema),
  /** The caller's sign-ups for group activities, with attendance (decision 141). */
  activitySignups: z.array(
    z.object({
      activityId: Id,
      topic: z.string(),
      startsAt: IsoDateTime,
      status: z.string(),
      attended: z.boolean().nullable(),
      createdAt: IsoDateTime,
    }),
  ),
  /**
   * The caller's push devices: the push service's host only (the endpoint's path identifies the
   * device to that service, so it is kept back like a token) and never the encryption keys.
   */
  pushDevices: z.array(
    z.object({
      id: Id,
      pushService: z.string(),
      label: z.string().nullable(),
      createdAt: IsoDateTime,
      lastSentAt: IsoDateTime.nullable(),
    }),
  ),
  pushPreferences: PushPreferencesSchema,
});
export type DataExport = z.infer<typeof DataExportSchema>;

/** Re-authentication for deleting the account: the current password. */
export const AccountDeleteSchema = z.strictObject({
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export type AccountDeleteInput = z.infer<typeof AccountDeleteSchema>;

/** Why an account cannot be deleted right now. */
export const DELETION_BLOCKERS = [
  /** A child of the family is at a station now (checked in, or a visit has started): staff need the care notes. */
  "visit_in_progress",
] as const;
export type DeletionBlocker = (typeof DELETION_BLOCKERS)[number];

/**
 * `GET /api/me/deletion`: what deleting the caller's account would do, decided by the server's
 * rule (the family's data is erased only when its last caregiver leaves).
 */
export const AccountDeletionPreviewSchema = z.object({
  allowed: z.boolean(),
  blockers: z.array(z.enum(DELETION_BLOCKERS)),
  /** True when the caller is the family's last caregiver: children, check-ins and bookings go too. */
  familyErased: z.boolean(),
  /** The caregivers who stay (the family and its children remain with them). */
  otherCaregivers: z.array(z.object({ displayName: z.string() })),
  counts: z.object({
    messages: z.number().int(),
    children: z.number().int(),
    /** Confirmed or waitlisted bookings that will be cancelled (family erased only). */
    activeBookings: z.number().int(),
    /** Stress check-ins erased: the caller's own, or the whole family's when it is erased. */
    checkins: z.number().int(),
  }),
});
export type AccountDeletionPreview = z.infer<typeof AccountDeletionPreviewSchema>;

/** Answer of a completed deletion (the caller's tokens stop working at once). */
export const AccountDeletedSchema = z.object({
  deleted: z.literal(true),
  familyErased: z.boolean(),
  messagesTombstoned: z.number().int(),
  bookingsCancelled: z.number().int(),
  childrenErased: z.number().int(),
  checkinsErased: z.number().int(),
});
export type AccountDeleted = z.infer<typeof AccountDeletedSchema>;
