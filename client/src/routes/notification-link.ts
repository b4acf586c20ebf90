import type { Notification } from "@carecircle/shared";

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
const seqOf = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : undefined);

/**
 * Where a notification (or its toast) leads, from its payload rather than its kind, so kinds added
 * later work too: an alert opens the alert list at that alert, a booking the family's bookings at
 * that booking, a message its chat at that message, anything else about a group the group.
 * `null` when there is nothing to open.
 */
export function notificationLink(n: Pick<Notification, "kind" | "payload">): string | null {
  const p = n.payload;
  const alertId = str(p.alertId);
  if (alertId) return `/alerts?alert=${encodeURIComponent(alertId)}`;
  const bookingId = str(p.bookingId);
  if (bookingId) return `/bookings?booking=${encodeURIComponent(bookingId)}`;
  const groupId = str(p.groupId);
  if (!groupId) return null;
  const seq = seqOf(p.seq);
  return seq ? `/groups/${encodeURIComponent(groupId)}?at=${seq}` : `/groups/${encodeURIComponent(groupId)}`;
}
