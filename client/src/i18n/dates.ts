import { useTranslation } from "react-i18next";

type Unit = "second" | "minute" | "hour" | "day" | "month" | "year";
/** The largest unit that fits, as date-fns' strict distance picks it (30-day months, 12 of them a year). */
const UNITS: [Unit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["day", 86_400],
  ["hour", 3600],
  ["minute", 60],
];

function strictDistance(seconds: number): [number, Unit] {
  const s = Math.abs(seconds);
  for (const [unit, size] of UNITS) if (s >= size) return [Math.round(s / size), unit];
  return [Math.round(s), "second"];
}

/** Formatters by locale and time zone: building one is far dearer than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Part by part (`month`, `weekday`, ...) of a date in `locale`, in `timeZone` if given. */
function parts(d: Date, locale: string, timeZone: string | undefined): Record<string, string> {
  const key = `${locale}|${timeZone ?? ""}`;
  const f = formatters.get(key) ?? newFormatter(locale, timeZone);
  formatters.set(key, f);
  return Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
}

function newFormatter(locale: string, timeZone: string | undefined): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: locale === "zh-CN" ? "numeric" : "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  });
}

function zoneName(locale: string, tz: string): string {
  try {
    const f = new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: "longGeneric" });
    return f.formatToParts(new Date()).find((x) => x.type === "timeZoneName")?.value ?? tz;
  } catch {
    return tz;
  }
}

/**
 * Dates in the UI language with the browser's own Intl (decision 119: no date library on the
 * first screen). Slot times are shown in the station's time zone (`tz`).
 */
export function useDates() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== "en";
  const locale = zh ? "zh-CN" : "en";
  const p = (iso: string | Date, tz?: string) => parts(new Date(iso), locale, tz);
  const distance = (iso: string | Date) => {
    const [n, unit] = strictDistance((new Date(iso).getTime() - Date.now()) / 1000);
    const nf = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" });
    const name = nf.formatToParts(n).find((x) => x.type === "unit")?.value ?? unit;
    return `${n} ${name}`;
  };
  return {
    /** "11月24日 周一 14:00" / "Mon, Nov 24, 14:00" */
    dateTime: (iso: string | Date, tz?: string) => {
      const x = p(iso, tz);
      return zh
        ? `${x.month}月${x.day}日 ${x.weekday} ${x.hour}:${x.minute}`
        : `${x.weekday}, ${x.month} ${x.day}, ${x.hour}:${x.minute}`;
    },
    /** "11月24日 周一" / "Mon, Nov 24" */
    day: (iso: string | Date, tz?: string) => {
      const x = p(iso, tz);
      return zh ? `${x.month}月${x.day}日 ${x.weekday}` : `${x.weekday}, ${x.month} ${x.day}`;
    },
    time: (iso: string | Date, tz?: string) => {
      const x = p(iso, tz);
      return `${x.hour}:${x.minute}`;
    },
    /** "5月3日 14:05" / "May 3, 14:05"; with the year: "2024年5月3日 14:05" / "May 3, 2024, 14:05" */
    stamp: (iso: string | Date, withYear: boolean) => {
      const x = p(iso);
      const time = `${x.hour}:${x.minute}`;
      if (zh) return `${withYear ? `${x.year}年` : ""}${x.month}月${x.day}日 ${time}`;
      return `${x.month} ${x.day}, ${withYear ? `${x.year}, ` : ""}${time}`;
    },
    /** A time zone in words ("中国标准时间" / "China Standard Time"), not its tz name ("Asia/Shanghai"). */
    zone: (tz: string) => zoneName(locale, tz),
    /** "3 小时" / "3 hours" (relative to now, no suffix) */
    distance,
    /** "3 小时前" / "3 hours ago"; under a minute "刚刚" / "just now" (not "0 秒钟前"). */
    ago: (iso: string | Date) => {
      if (Math.abs(Date.now() - new Date(iso).getTime()) < 60_000) return zh ? "刚刚" : "just now";
      return zh ? `${distance(iso)}前` : `${distance(iso)} ago`;
    },
  };
}
