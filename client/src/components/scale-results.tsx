import type { DimensionChange, ScaleResult } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { useScaleResults } from "../api/scales";
import { useDates } from "../i18n/dates";
import { useLocalized } from "./scale-step";

const TOTAL = "_total";
const WIDTH = 300;

/** Two bars, before and now, on the dimension's whole range (drawn; the sentence beside says it). */
function Bars({ change, min, max }: { change: DimensionChange; min: number; max: number }) {
  const w = (v: number) => Math.max(4, ((v - min) / (max - min || 1)) * WIDTH);
  return (
    <svg className="change-bars" viewBox={`0 0 ${WIDTH} 44`} width="100%" height="44" aria-hidden="true">
      <rect x="0" y="2" width={WIDTH} height="18" rx="4" className="bar-track" />
      <rect x="0" y="2" width={w(change.first)} height="18" rx="4" className="bar-before" />
      <rect x="0" y="24" width={WIDTH} height="18" rx="4" className="bar-track" />
      <rect x="0" y="24" width={w(change.last)} height="18" rx="4" className="bar-now" />
    </svg>
  );
}

function ChangeRow({
  result,
  change,
  staff,
}: {
  result: ScaleResult;
  change: DimensionChange;
  staff: boolean;
}) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const dim = result.dimensions.find((d) => d.id === change.dimension)!;
  const name = dim.name ? loc(dim.name) : t("scales.overall");
  const sign = change.change > 0 ? "+" : "";
  return (
    <li className="change-row">
      <p>
        <strong>{t(`scales.plain.${change.plain}`, { name })}</strong>
      </p>
      <Bars change={change} min={dim.min} max={dim.max} />
      <p className="hint">
        <span className="key before" /> {t("scales.before")} <span className="key now" /> {t("scales.now")}
      </p>
      {staff && (
        <p className="hint staff-numbers">
          {change.first} → {change.last} ({sign}
          {Number(change.change.toFixed(2))}) ·{" "}
          {change.reliable.available
            ? `RCI ${change.reliable.rci.toFixed(2)} · ${t(`scales.rci.${change.reliable.classification}`)}`
            : t("scales.rci.notAvailable")}
        </p>
      )}
    </li>
  );
}

function ScaleBlock({ result, staff }: { result: ScaleResult; staff: boolean }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const d = useDates();
  const first = result.points[0]!;
  const last = result.points.at(-1)!;
  const changes = [...result.changes].sort((a, b) =>
    a.dimension === TOTAL ? 1 : b.dimension === TOTAL ? -1 : 0,
  );
  return (
    <div className="scale-result">
      <h3>{loc(result.name)}</h3>
      <p className="hint">
        {result.points.length === 1
          ? t("scales.onlyOne", { date: d.day(first.completedAt) })
          : t("scales.fromTo", {
              from: d.day(first.completedAt),
              to: d.day(last.completedAt),
              count: result.points.length,
            })}
      </p>
      {staff && result.points.length === 1 && (
        <p className="hint staff-numbers">
          {t("scales.total")}: {first.scores[TOTAL] ?? "–"}
          {first.band ? ` · ${loc(first.band.label)}` : ""}
        </p>
      )}
      <ul className="plain">
        {changes.map((c) => (
          <ChangeRow key={c.dimension} result={result} change={c} staff={staff} />
        ))}
      </ul>
    </div>
  );
}

/** A family's scale results: before against now per dimension, in plain words; numbers for staff (decision 127). */
export function ScaleResultsCard({ familyId, staff }: { familyId: string; staff: boolean }) {
  const { t } = useTranslation();
  const results = useScaleResults(familyId);
  if (!results.data || results.data.length === 0) {
    if (!staff) return null;
    return (
      <section className="card" aria-labelledby="scale-results-h">
        <h2 id="scale-results-h">{t("scales.resultsTitle")}</h2>
        <p className="muted">{t("scales.noResults")}</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="scale-results-h">
      <h2 id="scale-results-h">{t("scales.resultsTitle")}</h2>
      {results.data.map((r) => (
        <ScaleBlock key={r.scaleId} result={r} staff={staff} />
      ))}
    </section>
  );
}
