import type { CaseRecordKind, CaseTimelineEntry } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { useDates } from "../i18n/dates";

/** A calendar date (`2026-11-30`) in the UI language: "11月30日 周一" / "Mon, Nov 30". */
export function useLocalDate() {
  const d = useDates();
  // Noon local time: the date is a calendar day, not an instant, and must not move across midnight.
  return (date: string) => d.day(`${date}T12:00:00`);
}

/** "60 分钟" / "1 小时 30 分钟" style durations. */
export function useDuration() {
  const { t } = useTranslation();
  return (minutes: number) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (h === 0) return t("cases.minutes", { count: m });
    return m === 0 ? t("cases.hours", { count: h }) : t("cases.hoursMinutes", { h, m });
  };
}

/** One timeline entry in plain words. */
export function useTimelineText() {
  const { t } = useTranslation();
  const duration = useDuration();
  return (e: CaseTimelineEntry): string => {
    switch (e.kind) {
      case "stage_changed":
        return e.stage
          ? t("cases.timeline.stage_changed", {
              from: t(`cases.stage.${e.stage.from}`),
              to: t(`cases.stage.${e.stage.to}`),
            })
          : t("cases.timeline.stage_changed_plain");
      case "record_added":
        return t("cases.timeline.record_added", {
          kind: e.recordKind ? t(`cases.recordKind.${e.recordKind}`) : "",
        });
      case "respite_session":
        return e.respite
          ? t("cases.timeline.respite_session", {
              station: e.respite.stationName,
              duration: duration(e.respite.minutes),
              status: t(`booking.status.${e.respite.status}`, { defaultValue: e.respite.status }),
            })
          : t("cases.timeline.respite_plain");
      case "group_activity":
        return e.activity
          ? t(e.activity.attended ? "cases.timeline.activity_attended" : "cases.timeline.activity_missed", {
              topic: e.activity.topic,
            })
          : t("cases.timeline.group_activity");
      default:
        return t(`cases.timeline.${e.kind}`);
    }
  };
}

/** A record's kind and subject in one line, e.g. "资源链接（如补贴申请）：低保申请". */
export function useRecordTitle() {
  const { t } = useTranslation();
  return (r: { kind: CaseRecordKind; subject: string | null }) =>
    r.subject
      ? t("cases.recordTitle", { kind: t(`cases.recordKind.${r.kind}`), subject: r.subject })
      : t(`cases.recordKind.${r.kind}`);
}
