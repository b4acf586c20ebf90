import type { AlertWeek } from "@carecircle/shared";
import { useTranslation } from "react-i18next";

const pct = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

/** Alert handling per ISO week: alerts, share acknowledged in time, median time to acknowledge, escalations. */
export function AlertWeeksTable({ weeks }: { weeks: AlertWeek[] }) {
  const { t } = useTranslation();
  const rows = weeks.filter((w, i) => w.alerts > 0 || i >= weeks.length - 4);
  return (
    <section aria-labelledby="aw-h" className="section">
      <h2 id="aw-h">{t("dashboard.alertWeeks")}</h2>
      <section
        className="table-scroll"
        aria-label={t("dashboard.tableScroll", { name: t("dashboard.alertWeeks") })}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard
        tabIndex={0}
      >
        <table className="data small">
          <caption className="muted">{t("dashboard.alertWeeksCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.week")}</th>
              <th scope="col">{t("dashboard.alerts")}</th>
              <th scope="col">{t("dashboard.inTime")}</th>
              <th scope="col">{t("dashboard.medianAckShort")}</th>
              <th scope="col">{t("dashboard.escalated")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">{w.weekStart.slice(5)}</th>
                <td>{w.alerts}</td>
                <td>{pct(w.ackedInTimeShare)}</td>
                <td>
                  {w.medianAckSeconds === null
                    ? "—"
                    : w.medianAckSeconds < 60
                      ? t("dashboard.seconds", { n: Math.round(w.medianAckSeconds) })
                      : t("dashboard.minutes", { n: Math.round((w.medianAckSeconds / 60) * 10) / 10 })}
                </td>
                <td>{w.escalated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
