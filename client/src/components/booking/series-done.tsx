import type { BookingSeries } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDates } from "../../i18n/dates";

/** Weeks a family may book at once: just this one, or the same session weekly (decision 140). */
export const REPEAT_WEEKS = [1, 2, 4, 8, 12] as const;

/** One week's outcome in plain words: booked, waiting (place), or why not. */
function useWeekWords() {
  const { t } = useTranslation();
  return (o: BookingSeries["occurrences"][number]) => {
    if (o.status === "refused")
      return o.reason && t(`booking.reasons.${o.reason}`, { defaultValue: "" })
        ? t("series.refusedBecause", { reason: t(`booking.reasons.${o.reason}`) })
        : t("series.refused");
    if (o.status === "waitlisted")
      return t("booking.waitlisted", { position: o.booking?.waitlistPosition ?? "?" });
    return t(`booking.status.${o.status}`);
  };
}

/** The done screen of a series: each week with what became of it. */
export function SeriesDone({
  series,
  seeLink,
  seeLabel,
  onAnother,
}: {
  series: BookingSeries;
  seeLink: string;
  seeLabel: string;
  onAnother(): void;
}) {
  const { t } = useTranslation();
  const d = useDates();
  const words = useWeekWords();
  const booked = series.occurrences.filter((o) => o.status === "confirmed").length;
  return (
    <section className="card done-step" aria-labelledby="series-done-h">
      <div role="status">
        <h2 id="series-done-h">{t("series.doneTitle", { booked, weeks: series.weeks })}</h2>
      </div>
      <ol className="series-weeks">
        {series.occurrences.map((o) => (
          <li key={o.week} className={`series-week ${o.status}`}>
            <span>{d.day(`${o.date}T12:00:00Z`)}</span> <strong>{words(o)}</strong>
          </li>
        ))}
      </ol>
      {series.note && <p className="muted">{t("bookFlow.noteSent", { note: series.note })}</p>}
      <div className="row">
        <Link to={seeLink} className="btn primary">
          {seeLabel}
        </Link>
        <button type="button" className="btn" onClick={onAnother}>
          {t("bookFlow.another")}
        </button>
      </div>
    </section>
  );
}
