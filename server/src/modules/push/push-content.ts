import { PUSH_KIND_OF, type PushKind, type PushPayload } from "@carecircle/shared";

type Titles = { "zh-CN": string; en: string };

/** Generic titles by notification kind: nothing from the notification itself goes in them. */
const BY_KIND: Record<string, Titles> = {
  mention: { "zh-CN": "有人在群里提到了你", en: "Someone mentioned you in a group" },
  reply: { "zh-CN": "有人回复了你的消息", en: "Someone replied to your message" },
  direct_message: { "zh-CN": "你有一条新私信", en: "You have a new private message" },
  booking_confirmed: { "zh-CN": "你的预约已确认", en: "Your booking is confirmed" },
  booking_on_behalf: { "zh-CN": "工作人员为你预约了一个时段", en: "Staff booked a slot for you" },
  booking_promoted: { "zh-CN": "候补成功，你已获得名额", en: "You got a place from the waitlist" },
  slot_cancelled: { "zh-CN": "你预约的时段已取消", en: "A slot you booked was cancelled" },
  booking_cancelled: { "zh-CN": "你的一个预约已取消", en: "One of your bookings was cancelled" },
  booking_reminder: { "zh-CN": "预约提醒", en: "Booking reminder" },
  moderation_alert: { "zh-CN": "有新的危机提醒", en: "New crisis alert" },
  stress_alert: { "zh-CN": "有新的压力提醒", en: "New stress alert" },
  alert_escalated: { "zh-CN": "提醒升级：还没有人处理", en: "Alert escalated: nobody has taken it yet" },
  report_filed: { "zh-CN": "群里有新的举报", en: "A new report in a group" },
};

const BY_GROUP: Record<PushKind, Titles> = {
  mentions: BY_KIND.mention!,
  direct: BY_KIND.direct_message!,
  booking_confirmed: BY_KIND.booking_confirmed!,
  waitlist: BY_KIND.booking_promoted!,
  slot_cancelled: BY_KIND.slot_cancelled!,
  reminders: BY_KIND.booking_reminder!,
  alerts: BY_KIND.moderation_alert!,
  reports: BY_KIND.report_filed!,
};

const id = (v: unknown) => (typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v) ? v : undefined);

/** The in-app path a tap opens, from the ids in the notification's payload. */
function urlOf(kind: string, group: PushKind, p: Record<string, unknown>): string {
  const [groupId, messageId, alertId, bookingId] = [p.groupId, p.messageId, p.alertId, p.bookingId].map(id);
  if (group === "alerts") return alertId ? `/alerts?alert=${alertId}` : "/alerts";
  if (group === "reports") return "/moderation";
  if (kind === "direct_message" && groupId) return `/messages/${groupId}`;
  if (group === "mentions" && groupId)
    return messageId ? `/groups/${groupId}?message=${messageId}` : `/groups/${groupId}`;
  if (["booking_confirmed", "waitlist", "slot_cancelled", "reminders"].includes(group))
    return bookingId ? `/bookings?booking=${bookingId}` : "/bookings";
  return "/notifications";
}

/** The push kind (preference) a notification kind is pushed under; undefined: not pushed. */
export function pushKindOf(kind: string): PushKind | undefined {
  return PUSH_KIND_OF[kind];
}

/**
 * What a push carries (decision 105): the notification's kind, a generic title in the user's
 * language, the path to open, and a tag (the notification id) so a resend replaces, not repeats.
 */
export function pushPayload(
  n: { id: string; kind: string; payload: Record<string, unknown> },
  locale: string,
): PushPayload {
  const group = pushKindOf(n.kind) ?? "mentions";
  const titles = BY_KIND[n.kind] ?? BY_GROUP[group];
  return {
    kind: n.kind,
    title: locale === "en" ? titles.en : titles["zh-CN"],
    url: urlOf(n.kind, group, n.payload),
    tag: n.id,
  };
}
