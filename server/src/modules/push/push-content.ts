import {
  type NotificationLike,
  notificationLink,
  PUSH_KIND_OF,
  type PushGroup,
  type PushPayload,
  type Role,
} from "@carecircle/shared";

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
  activity_promoted: { "zh-CN": "候补成功，你已获得活动名额", en: "You got a seat at a group activity" },
  activity_reminder: { "zh-CN": "小组活动提醒", en: "Group activity reminder" },
  activity_cancelled: {
    "zh-CN": "你报名的小组活动已取消",
    en: "A group activity you signed up for was cancelled",
  },
  moderation_alert: { "zh-CN": "有新的危机提醒", en: "New crisis alert" },
  stress_alert: { "zh-CN": "有新的压力提醒", en: "New stress alert" },
  alert_escalated: { "zh-CN": "提醒升级：还没有人处理", en: "Alert escalated: nobody has taken it yet" },
  report_filed: { "zh-CN": "群里有新的举报", en: "A new report in a group" },
  case_opened: { "zh-CN": "有一个新个案需要跟进", en: "A new case needs follow-up" },
  case_high_risk: { "zh-CN": "有一个高风险个案", en: "A case was marked high risk" },
  coverage_lost: {
    "zh-CN": "排班变动：有预约缺少合适的照护老师",
    en: "Staffing change: bookings lack qualified staff",
  },
  scale_sent: { "zh-CN": "你的社工发来一份问卷", en: "Your social worker sent you a questionnaire" },
  child_checked_in: { "zh-CN": "孩子已到站", en: "Your child has arrived at the station" },
  child_picked_up: { "zh-CN": "孩子已被接走", en: "Your child has been picked up" },
  incident_reported: { "zh-CN": "站点发来一份事件报告", en: "The station filed an incident report" },
  incident_addendum: { "zh-CN": "事件报告有补充说明", en: "An incident report was added to" },
  care_plan_review_due: { "zh-CN": "照护计划需要复核", en: "A care plan is due for review" },
  qualification_expiring: { "zh-CN": "有一项照护资质即将到期", en: "A care qualification expires soon" },
  series_booked: { "zh-CN": "每周托管已预约", en: "Weekly respite was booked" },
  reset_code_issued: {
    "zh-CN": "有人为你的账号生成了密码重设码",
    en: "A password reset code was issued for your account",
  },
};

const BY_GROUP: Record<PushGroup, Titles> = {
  mentions: BY_KIND.mention!,
  direct: BY_KIND.direct_message!,
  booking_confirmed: BY_KIND.booking_confirmed!,
  waitlist: BY_KIND.booking_promoted!,
  slot_cancelled: BY_KIND.slot_cancelled!,
  reminders: BY_KIND.booking_reminder!,
  alerts: BY_KIND.moderation_alert!,
  reports: BY_KIND.report_filed!,
  account: BY_KIND.reset_code_issued!,
};

/**
 * The in-app path a tap opens: the same mapping as the in-app list and toasts
 * (`notificationLink`, built from ids and sequence numbers only); else the kind's own page.
 */
function urlOf(n: NotificationLike, group: PushGroup, role: Role): string {
  const link = notificationLink(n, role);
  if (link) return link;
  if (group === "alerts") return "/alerts";
  if (group === "reports") return "/moderation";
  return "/notifications";
}

/**
 * The push kind (preference) a notification kind is pushed under, `account` for always;
 * undefined: not pushed.
 */
export function pushKindOf(kind: string): PushGroup | undefined {
  return PUSH_KIND_OF[kind];
}

/**
 * What a push carries (decision 105): the notification's kind, a generic title in the user's
 * language, the path to open, and a tag (the notification id) so a resend replaces, not repeats.
 */
export function pushPayload(
  n: { id: string; kind: string; payload: Record<string, unknown> },
  locale: string,
  role: Role,
): PushPayload {
  const group = pushKindOf(n.kind) ?? "mentions";
  const titles = BY_KIND[n.kind] ?? BY_GROUP[group];
  return {
    kind: n.kind,
    title: locale === "en" ? titles.en : titles["zh-CN"],
    url: urlOf(n, group, role),
    tag: n.id,
  };
}
