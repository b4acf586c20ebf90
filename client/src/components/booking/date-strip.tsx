import type { AvailabilityDay } from "@carecircle/shared";
import { useTranslation } from "react-i18next";

/** Noon UTC of a local date: its weekday and day of month whatever the browser's zone. */
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * The next 14 days as big buttons, each marked bookable (how many sessions) or not for the chosen
 * child, from the availability summary (issue 19 §5). `selected` is the day whose sessions show.
 */
export function DateStrip({
  days,
  selected,
  onPick,
}: {
  days: AvailabilityDay[];
  selected: string;
  onPick(date: string): void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === "en" ? "en" : "zh-CN";
  const weekday = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  const dayMonth = new Intl.DateTimeFormat(locale, { month: "numeric", day: "numeric", timeZone: "UTC" });
  return (
    <fieldset className="date-strip">
      <legend>{t("bookFlow.pickDay")}</legend>
      <div className="date-strip-days">
        {days.map((d) => {
          const open = d.bookable > 0;
          const mark = open
            ? t("bookFlow.dayOpen", { count: d.bookable })
            : d.waitlistable > 0
              ? t("bookFlow.dayWaitlist")
              : t("bookFlow.dayClosed");
          return (
            <button
              key={d.date}
              type="button"
              data-date={d.date}
              className={`date-chip${open ? " open" : ""}${d.date === selected ? " on" : ""}`}
              aria-pressed={d.date === selected}
              onClick={() => onPick(d.date)}
            >
              <span className="date-chip-wd">{weekday.format(noon(d.date))}</span>
              <span className="date-chip-day">{dayMonth.format(noon(d.date))}</span>
              <span className="date-chip-mark" aria-hidden="true">
                {open ? d.bookable : d.waitlistable > 0 ? "…" : "—"}
              </span>
              <span className="sr-only">{mark}</span>
            </button>
          );
        })}
      </div>
      <p className="muted small">{t("bookFlow.stripLegend")}</p>
    </fieldset>
  );
}
