import { useTranslation } from "react-i18next";
import { useIncidentCounts } from "../api/station-day";
import { Loading } from "./ui";

/** Incident reports per station (30 days, 12 months, not yet acknowledged), for the dashboard. */
export function IncidentCountsTable() {
  const { t } = useTranslation();
  const counts = useIncidentCounts();
  return (
    <section aria-labelledby="inc-h" className="section">
      <h2 id="inc-h">{t("dashboard.incidents")}</h2>
      {counts.isPending ? (
        <Loading />
      ) : (counts.data ?? []).length === 0 ? (
        <p className="muted">{t("dashboard.noStations")}</p>
      ) : (
        <section
          className="table-scroll"
          aria-label={t("dashboard.tableScroll", { name: t("dashboard.incidents") })}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard
          tabIndex={0}
        >
          <table className="data small">
            <caption className="sr-only">{t("dashboard.incidentsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("booking.station")}</th>
                <th scope="col">{t("dashboard.last30")}</th>
                <th scope="col">{t("dashboard.last365")}</th>
                <th scope="col">{t("dashboard.unacknowledged")}</th>
              </tr>
            </thead>
            <tbody>
              {(counts.data ?? []).map((s) => (
                <tr key={s.stationId}>
                  <th scope="row">{s.stationName}</th>
                  <td>{s.last30Days}</td>
                  <td>{s.last365Days}</td>
                  <td>{s.unacknowledged}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
