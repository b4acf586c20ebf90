import type { RaisedAlert } from "@carecircle/shared";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useStaffingChange } from "../../api/care-needs";

const Report = createContext<(alerts: RaisedAlert[]) => void>(() => {});

/**
 * Holds the answer "N bookings are no longer covered" of the last staffing change that uncovered
 * bookings at this station (decision 153) and shows it above the page's sections.
 */
export function CoverageNoticeProvider({ stationId, children }: { stationId: string; children: ReactNode }) {
  const [alert, setAlert] = useState<RaisedAlert | null>(null);
  const report = useCallback(
    (alerts: RaisedAlert[]) => {
      const here = alerts.find((a) => a.stationId === stationId);
      if (here) setAlert(here);
    },
    [stationId],
  );
  return (
    <Report.Provider value={report}>
      {alert && <CoverageNotice key={alert.id} alert={alert} onDismiss={() => setAlert(null)} />}
      {children}
    </Report.Provider>
  );
}

function CoverageNotice({ alert, onDismiss }: { alert: RaisedAlert; onDismiss(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // The change was made further down the page: bring its answer into view (keyed by alert).
  useEffect(() => ref.current?.scrollIntoView({ block: "start" }), []);
  return (
    <div ref={ref} className="notice warn coverage-notice" role="alert">
      <p>
        <strong>{t("staffing.uncovered", { count: alert.count })}</strong>{" "}
        <Link to={`/coverage-alerts/${alert.id}`}>{t("staffing.seeList")}</Link>
      </p>
      <button type="button" className="btn small" onClick={onDismiss}>
        {t("staffing.dismiss")}
      </button>
    </div>
  );
}

/** A staffing change of the station whose coverage alerts, if any, the page announces. */
export function useWatchedChange<T>(
  stationId: string,
  run: (input: T) => Promise<{ coverageAlerts: RaisedAlert[] }>,
) {
  const report = useContext(Report);
  return useStaffingChange(stationId, async (input: T) => {
    const answer = await run(input);
    report(answer.coverageAlerts);
    return answer;
  });
}
