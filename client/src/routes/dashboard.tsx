import type { Slot } from "@carecircle/shared";
import { useQueries, useQuery } from "@tanstack/react-query";
import { addDays, format, startOfISOWeek } from "date-fns";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useStations } from "../api/booking";
import { call } from "../api/call";
import { useFamilies } from "../api/core";
import { useDashboard } from "../api/moderation";
import { ROUTES } from "../api/routes.gen";
import { AlertWeeksTable } from "../components/alert-weeks";
import { type CountRow, SimpleBarChart, StationWeeksChart, type WeekRow } from "../components/charts";
import { IncidentCountsTable } from "../components/incident-counts";
import { Loading, Page } from "../components/ui";

const WEEK = (iso: string) => format(startOfISOWeek(new Date(iso)), "MM-dd");

/** Group slots of one station by ISO week: seats booked vs offered, and waitlist length. */
function weeks(slots: Slot[]): WeekRow[] {
  const by = new Map<string, WeekRow>();
  for (const s of slots) {
    if (s.cancelled) continue;
    const w = WEEK(s.startsAt);
    const row = by.get(w) ?? { week: w, booked: 0, capacity: 0, waitlist: 0, utilisation: 0 };
    row.booked += s.confirmedCount;
    row.capacity += s.capacity;
    row.waitlist += s.waitlistCount;
    by.set(w, row);
  }
  return [...by.values()]
    .sort((a, b) => a.week.localeCompare(b.week))
    .map((r) => ({ ...r, utilisation: r.capacity ? Math.round((r.booked / r.capacity) * 100) : 0 }));
}

/** Social worker dashboard: safeguarding numbers, station use per week, no-shows and stress. */
export function DashboardPage() {
  const { t } = useTranslation();
  const dash = useDashboard();
  const stations = useStations();
  const families = useFamilies();
  const [from] = useState(() => addDays(startOfISOWeek(new Date()), -28));
  const slots = useQuery({
    queryKey: ["slots", "dashboard", from.toISOString()],
    queryFn: () =>
      call(ROUTES.searchSlots, {
        query: { from: from.toISOString(), to: addDays(from, 42).toISOString(), includeCancelled: "false" },
      }),
  });
  const famIds = (families.data ?? []).map((f) => f.id);
  const perFamily = useQueries({
    queries: famIds.map((id) => ({
      queryKey: ["checkins", id],
      queryFn: () => call(ROUTES.listCheckins, { query: { familyId: id } }),
    })),
  });
  const bookingStats = useQueries({
    queries: famIds.map((id) => ({
      queryKey: ["bookings", id],
      queryFn: () => call(ROUTES.listBookings, { query: { familyId: id } }),
    })),
  });

  const stressByWeek = new Map<string, { sum: number; n: number }>();
  for (const q of perFamily)
    for (const c of q.data?.checkins ?? []) {
      const w = WEEK(c.createdAt);
      const e = stressByWeek.get(w) ?? { sum: 0, n: 0 };
      e.sum += c.stress;
      e.n += 1;
      stressByWeek.set(w, e);
    }
  const stressRows: CountRow[] = [...stressByWeek.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([w, e]) => ({ label: w, value: Math.round((e.sum / e.n) * 10) / 10 }));
  const noShowRows: CountRow[] = (families.data ?? [])
    .map((f, i) => ({
      label: f.caregivers.map((c) => c.displayName).join("、") || "—",
      value: bookingStats[i]?.data?.stats.noShowCount ?? 0,
    }))
    .filter((r) => r.value > 0);

  const ack = dash.data?.medianAckSeconds;
  return (
    <Page title={t("dashboard.title")}>
      <section aria-labelledby="safe-h">
        <h2 id="safe-h">{t("dashboard.safeguarding")}</h2>
        {dash.data ? (
          <ul className="stats">
            <li className={dash.data.openAlerts > 0 ? "stat danger" : "stat"}>
              <span className="stat-n">{dash.data.openAlerts}</span> {t("dashboard.openAlerts")}
            </li>
            <li className="stat">
              <span className="stat-n">
                {ack === null || ack === undefined
                  ? "—"
                  : ack < 60
                    ? t("dashboard.seconds", { n: Math.round(ack) })
                    : t("dashboard.minutes", { n: Math.round(ack / 60) })}
              </span>{" "}
              {t("dashboard.medianAck")}
            </li>
            <li className="stat">
              <span className="stat-n">{dash.data.openReports}</span> {t("dashboard.openReports")}
            </li>
            <li className="stat">
              <span className="stat-n">{dash.data.hiddenMessages}</span> {t("dashboard.hidden")}
            </li>
          </ul>
        ) : (
          <Loading />
        )}
      </section>
      {dash.data && <AlertWeeksTable weeks={dash.data.weeks} />}
      <IncidentCountsTable />
      <section aria-labelledby="st-h" className="section">
        <h2 id="st-h">{t("dashboard.stations")}</h2>
        {slots.isPending ? (
          <Loading />
        ) : (stations.data ?? []).length === 0 ? (
          <p className="muted">{t("dashboard.noStations")}</p>
        ) : (
          (stations.data ?? []).map((st) => {
            const rows = weeks((slots.data?.slots ?? []).filter((s) => s.stationId === st.id));
            return rows.length ? (
              <StationWeeksChart key={st.id} station={st.name} rows={rows} />
            ) : (
              <p key={st.id} className="muted">
                {t("dashboard.noSlots", { station: st.name })}
              </p>
            );
          })
        )}
      </section>
      <section aria-labelledby="ns-h" className="section">
        <h2 id="ns-h">{t("dashboard.noShows")}</h2>
        {noShowRows.length ? (
          <SimpleBarChart
            caption={t("dashboard.noShowsCaption")}
            rows={noShowRows}
            valueLabel={t("dashboard.count")}
          />
        ) : (
          <p className="muted">{t("dashboard.noNoShows")}</p>
        )}
      </section>
      <section aria-labelledby="sc-h" className="section">
        <h2 id="sc-h">{t("dashboard.stress")}</h2>
        {stressRows.length ? (
          <SimpleBarChart
            caption={t("dashboard.stressCaption")}
            rows={stressRows}
            valueLabel={t("charts.stress")}
          />
        ) : (
          <p className="muted">{t("families.noStress")}</p>
        )}
      </section>
    </Page>
  );
}
