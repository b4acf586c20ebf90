import type { Activity, Role } from "@carecircle/shared";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../../api/client";
import { useDates } from "../../i18n/dates";
import { errorText } from "../form";

/** Activities run in the deployment's zone (a session need not be at a station). */
export const ACTIVITY_TZ = "Asia/Shanghai";

/** Cancelled, or started: nothing more can be signed up for or withdrawn. */
export function closed(a: Pick<Activity, "status" | "startsAt">): boolean {
  return a.status === "cancelled" || Date.parse(a.startsAt) <= Date.now();
}

/** Roles that create activities and may run them. */
export const ORGANISER_ROLES: readonly Role[] = ["social_worker", "station_staff", "admin"];

/** May someone of `role` sign up for an activity for `audience`? (The server decides; this hides the button.) */
export function mayJoin(role: Role, audience: Activity["audience"]): boolean {
  if (audience === "all") return role !== "admin";
  if (audience === "caregivers") return role === "caregiver";
  return role === "social_worker" || role === "station_staff";
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** "下午" + "2:00" in zh-CN, "PM" + "2:00" in en: a 12-hour clock reads easier than 14:00. */
function clock(iso: string, locale: string): { period: string; time: string } {
  const f =
    clocks.get(locale) ??
    new Intl.DateTimeFormat(locale, {
      hour: "numeric",
      minute: "2-digit",
      hour12: true,
      timeZone: ACTIVITY_TZ,
    });
  clocks.set(locale, f);
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { period: p.dayPeriod ?? "", time: `${p.hour}:${p.minute}` };
}

/** The date and the time span: "12月3日 周四" + "下午2:00-4:00" / "Thu, Dec 3" + "2:00–4:00 PM". */
export function useActivityWhen() {
  const { i18n } = useTranslation();
  const d = useDates();
  return (a: Pick<Activity, "startsAt" | "endsAt">): { day: string; span: string } => {
    const zh = i18n.language !== "en";
    const from = clock(a.startsAt, zh ? "zh-CN" : "en");
    const to = clock(a.endsAt, zh ? "zh-CN" : "en");
    const samePeriod = from.period === to.period;
    const day = d.day(a.startsAt, ACTIVITY_TZ);
    if (zh) return { day, span: `${from.period}${from.time}-${samePeriod ? "" : to.period}${to.time}` };
    return { day, span: `${from.time}${samePeriod ? "" : ` ${from.period}`}–${to.time} ${to.period}` };
  };
}

/** Refusals of the activity routes, said for an activity rather than a booking slot. */
const ACTIVITY_REASONS = ["too_late", "audience", "already_signed_up", "not_started", "cancelled"];

/** A sentence for a failed sign-up, withdrawal or attendance call. */
export function activityErrorText(err: unknown, t: TFunction): string {
  const reason = err instanceof ApiRequestError ? err.details?.reason : undefined;
  if (typeof reason === "string" && ACTIVITY_REASONS.includes(reason))
    return t(`activities.errors.${reason}`);
  return errorText(err, t);
}
