import { TZDate } from "@date-fns/tz";
import { type Locale as DateLocale, format, formatDistanceToNowStrict } from "date-fns";
import { enUS, zhCN } from "date-fns/locale";
import { useTranslation } from "react-i18next";

const LOCALES: Record<string, DateLocale> = { "zh-CN": zhCN, en: enUS };

/** date-fns helpers bound to the UI language. Slot times are shown in the station's time zone. */
export function useDates() {
  const { i18n } = useTranslation();
  const locale = LOCALES[i18n.language] ?? zhCN;
  const zh = i18n.language === "zh-CN";
  const at = (iso: string | Date, tz?: string) => {
    const d = new Date(iso);
    return tz ? new TZDate(d.getTime(), tz) : d;
  };
  return {
    /** "11月24日 周一 14:00" / "Mon, Nov 24, 14:00" */
    dateTime: (iso: string | Date, tz?: string) =>
      format(at(iso, tz), zh ? "M月d日 EEE HH:mm" : "EEE, MMM d, HH:mm", { locale }),
    /** "11月24日 周一" / "Mon, Nov 24" */
    day: (iso: string | Date, tz?: string) =>
      format(at(iso, tz), zh ? "M月d日 EEE" : "EEE, MMM d", { locale }),
    time: (iso: string | Date, tz?: string) => format(at(iso, tz), "HH:mm", { locale }),
    /** "3 小时" / "3 hours" (relative to now, no suffix) */
    distance: (iso: string | Date) => formatDistanceToNowStrict(new Date(iso), { locale }),
    /** "3 小时前" / "3 hours ago" */
    ago: (iso: string | Date) => formatDistanceToNowStrict(new Date(iso), { locale, addSuffix: true }),
  };
}
