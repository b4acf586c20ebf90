import { z } from "zod";
import { Id, IsoDateTime } from "./common.js";

/** Kinds of notification; payload shapes are documented per kind in docs/API.md. */
export const NOTIFICATION_KINDS = [
  "mention",
  "reply",
  "report_handled",
  "moderation_alert",
  "alert_escalated",
  "stress_alert",
  "muted",
  "removed",
  "booking_confirmed",
  "booking_on_behalf",
  "booking_promoted",
  "booking_cancelled",
  "slot_cancelled",
  /**
   * A confirmed booking is coming up (decision 107): `{ bookingId, slotId, stationId, stationName,
   * startsAt, endsAt, childId, when: "evening" | "soon" }` (the child's id, never its name: it may be pushed).
   */
  "booking_reminder",
  /** A waitlisted sign-up for a group activity got a seat (decision 141): `{ activityId, startsAt }`. */
  "activity_promoted",
  /**
   * A confirmed sign-up's session is coming up (decision 148): `{ activityId, activityKind, startsAt,
   * when: "evening" | "soon" }`; no topic, no names (it may be pushed).
   */
  "activity_reminder",
  /**
   * Its organisers cancelled an activity the caller was confirmed or waitlisted for (decision 148):
   * `{ activityId, activityKind, startsAt, reason }`; the reason stays in the app (a push has a generic title).
   */
  "activity_cancelled",
  /** Someone asked to join the family: `{ familyId, requestId, displayName }` (decision 080). */
  "family_join_requested",
  /** A caregiver joined the family: `{ familyId, userId, displayName }`. */
  "family_member_joined",
  /** The requester's request was approved or declined: `{ requestId, approved }`. */
  "family_join_decided",
  /** The caller was removed from a family: `{ familyId }`. */
  "family_member_removed",
  /** A message in one of the caller's private conversations: `{ groupId, messageId, seq }`. */
  "direct_message",
  /**
   * A message in a group the caller moderates got its first open report, or reports hid it
   * (decision 118): `{ groupId, messageId, seq, hidden }`; no text, no names.
   */
  "report_filed",
  /**
   * A password reset code was issued for the caller's account (decision 118): `{ issuedBy, expiresAt }`,
   * `issuedBy` the issuer's role (`social_worker` or `admin`); never the code.
   */
  "reset_code_issued",
  /**
   * A policy card passed its review-by day (decision 129): `{ cardId, reviewBy }`, sent once per
   * overdue card to its author (to every social worker when the author is gone).
   */
  "policy_review_due",
  /**
   * A case was opened for a family by a safety alert (decision 125): `{ caseId, trigger }`, `trigger`
   * `stress_alert` or `crisis_alert`; to the new lead, or to the supervisors when it has none.
   */
  "case_opened",
  /**
   * A staffing change (shift, exception, qualification, ratio) left confirmed future bookings
   * uncovered (decision 139): `{ coverageAlertId, stationId, count }`; nothing was cancelled. No names.
   */
  "coverage_lost",
  /** A case's risk was recorded as high (a high-risk intake): `{ caseId }`, to the supervisors. */
  "case_high_risk",
  /** A stage change waits for sign-off (decision 123): `{ caseId, changeId, to }`, to the supervisors. */
  "case_signoff_requested",
  /** The supervisor approved or returned a stage change: `{ caseId, changeId, to, decision }`, to the lead and the mover. */
  "case_signoff_decided",
  /**
   * The caller's social worker sent her a questionnaire to fill (decision 126):
   * `{ administrationId }`; no scale name, no family data.
   */
  "scale_sent",
  /**
   * The child was checked in or picked up at a station (decision 142): `{ bookingId, slotId,
   * stationId, childId }`; who brought or collected the child is on the booking, never in the payload.
   */
  "child_checked_in",
  "child_picked_up",
  /**
   * Staff filed an incident report about the child, or added to one (decision 143):
   * `{ incidentId, bookingId, stationId, childId }`, to the family's caregivers and social workers.
   */
  "incident_reported",
  "incident_addendum",
  /** A care plan's 6-monthly review is due (decision 144): `{ carePlanId, childId, stationId }`, to staff and family. */
  "care_plan_review_due",
  /**
   * A staff member's qualification expires within 30 days (decision 151): `{ qualificationId,
   * userId, needCode, expiresOn }`, once per expiry date, to the holder and whoever recorded it.
   */
  "qualification_expiring",
  /**
   * A weekly series was booked (decision 152): one per recipient instead of one per week:
   * `{ seriesId, childId, stationId, stationName, startsAt, weeks, confirmed, waitlisted, refused }`,
   * to the family's caregivers except the booker.
   */
  "series_booked",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NotificationSchema = z.object({
  id: Id,
  kind: z.enum(NOTIFICATION_KINDS),
  payload: z.record(z.string(), z.unknown()),
  readAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuery = z.strictObject({
  unread: z.enum(["true", "false"]).optional(),
  before: IsoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const MarkNotificationsReadSchema = z.union([
  z.strictObject({ ids: z.array(Id).min(1).max(200) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkNotificationsReadInput = z.infer<typeof MarkNotificationsReadSchema>;
