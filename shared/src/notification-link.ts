import type { Role } from "./enums.js";

/** A notification as stored or sent: its kind and its payload (ids and sequence numbers are read). */
export interface NotificationLike {
  kind: string;
  payload: Record<string, unknown>;
}

/** Kinds whose page is fixed, whatever their payload names. */
const OWN_PAGE: Readonly<Record<string, string>> = {
  report_filed: "/moderation",
  reset_code_issued: "/settings",
};

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
const seqOf = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : undefined);

/**
 * Where a notification (or its toast) leads, from its payload rather than its kind, so kinds added
 * later work too: an alert opens the alert list at that alert, a booking the family's bookings at
 * that booking, a group activity its page, a case its case page, a questionnaire sent to fill its fill page, a private message its conversation, a message its chat at that message, anything else about a group the group; news
 * about a family's members its family page (`role` tells the caregiver's page from the staff one).
 * Two kinds lead to a page of their own: a report to the moderation queue, a reset code to
 * Settings (where the password is changed). `null` when there is nothing to open.
 */
export function notificationLink(n: NotificationLike, role?: Role): string | null {
  const own = OWN_PAGE[n.kind];
  if (own) return own;
  const p = n.payload;
  const familyId = str(p.familyId);
  if (familyId && n.kind.startsWith("family_"))
    return role === "caregiver" || !role ? "/family" : `/families/${encodeURIComponent(familyId)}`;
  const coverageAlertId = str(p.coverageAlertId);
  if (coverageAlertId) return `/coverage-alerts/${encodeURIComponent(coverageAlertId)}`;
  const cardId = str(p.cardId);
  if (cardId) return `/policies/${encodeURIComponent(cardId)}`;
  const caseId = str(p.caseId);
  if (caseId) return `/cases/${encodeURIComponent(caseId)}`;
  const administrationId = str(p.administrationId);
  if (administrationId) return `/questionnaires/${encodeURIComponent(administrationId)}`;
  const incidentId = str(p.incidentId);
  if (incidentId) return `/incidents/${encodeURIComponent(incidentId)}`;
  const activityId = str(p.activityId);
  if (activityId) return `/activities/${encodeURIComponent(activityId)}`;
  const carePlanId = str(p.carePlanId);
  if (carePlanId) return `/care-plans?plan=${encodeURIComponent(carePlanId)}`;
  const alertId = str(p.alertId);
  if (alertId) return `/alerts?alert=${encodeURIComponent(alertId)}`;
  const seriesId = str(p.seriesId);
  if (seriesId) return `/bookings?series=${encodeURIComponent(seriesId)}`;
  const bookingId = str(p.bookingId);
  if (bookingId) return `/bookings?booking=${encodeURIComponent(bookingId)}`;
  const groupId = str(p.groupId);
  if (!groupId) return null;
  if (n.kind === "direct_message") return `/messages/${encodeURIComponent(groupId)}`;
  const seq = seqOf(p.seq);
  return seq ? `/groups/${encodeURIComponent(groupId)}?at=${seq}` : `/groups/${encodeURIComponent(groupId)}`;
}
