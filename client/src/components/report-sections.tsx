import type { Cell, ProjectReport } from "@carecircle/shared";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { BarChart } from "./report-charts";

type Fmt = (v: Cell | null | undefined, digits?: number) => string;

/** Formats a figure: "<5" stays, numbers in the interface language, missing as a dash. */
export function useFmt(): Fmt {
  const { i18n } = useTranslation();
  return (v, digits = 1) => {
    if (v === null || v === undefined) return "—";
    if (v === "<5") return "<5";
    return v.toLocaleString(i18n.language, { maximumFractionDigits: digits });
  };
}

/**
 * A table's box: at 360 px a wide table scrolls sideways inside it, so it is a named region that
 * keyboard users can reach and scroll (axe: scrollable-region-focusable).
 */
function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/** A two-column table of measures, with a header row that repeats on every printed page. */
export function FigureTable({ caption, rows }: { caption: string; rows: [string, string][] }) {
  const { t } = useTranslation();
  return (
    <TableWrap label={caption}>
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.measure")}</th>
            <th scope="col" className="num">
              {t("report.value")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="num">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** "暂无数据" for a section whose records do not exist yet. */
export function NoData() {
  const { t } = useTranslation();
  return <p className="no-data">{t("report.noData")}</p>;
}

/** A section of the report with its heading. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

type Casework = Extract<ProjectReport["casework"], { status: "ok" }>;

/** One case-work category list (presenting problems, contacts, referrals, stages) as a table and, for contacts, a chart. */
export function CategoryTable({
  title,
  rows,
  chart,
}: {
  title: string;
  rows: Casework["contactsByType"];
  chart?: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFmt();
  // Referral keys are `kind:status`; i18next reads ":" as a namespace, so each part is looked up.
  const label = (key: string) =>
    key
      .split(":")
      .map((part) => t(`report.category.${part}`, { defaultValue: part }))
      .join(" · ");
  const bars = rows
    .filter((r) => typeof r.count === "number")
    .map((r) => ({ label: label(r.key), values: [r.count as number] }));
  return (
    <>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <NoData />
      ) : (
        <FigureTable
          caption={title}
          rows={rows.map((r) => [
            label(r.key),
            `${fmt(r.count)} (${fmt(r.families)} ${t("report.familiesUnit")})`,
          ])}
        />
      )}
      {chart && bars.length > 0 && <BarChart title={title} rows={bars} legend={[t("report.count")]} />}
    </>
  );
}

/** Group activities the families attended: totals, then sessions per kind (issue 19 §4). */
export function GroupActivitiesFigure({ g }: { g: ProjectReport["groupActivities"] }) {
  const { t } = useTranslation();
  const fmt = useFmt();
  const title = t("report.groupActivities");
  return (
    <>
      <h3>{title}</h3>
      <FigureTable
        caption={title}
        rows={[
          [t("report.activityFamilies"), fmt(g.families)],
          [t("report.activityCaregivers"), fmt(g.caregivers)],
          [t("report.activitySessions"), fmt(g.sessions)],
          ...g.byKind.map((k): [string, string] => [
            t(`report.activityKind.${k.kind}`),
            `${fmt(k.sessions)} (${fmt(k.families)} ${t("report.familiesUnit")})`,
          ]),
        ]}
      />
    </>
  );
}

type Outcomes = Extract<ProjectReport["outcomes"], { status: "ok" }>;

/** One scale's pre/post table and its chart of medians per dimension. */
export function OutcomeScale({ scale }: { scale: Outcomes["scales"][number] }) {
  const { t } = useTranslation();
  const fmt = useFmt();
  const p = (v: Cell | null) => (typeof v === "number" && v < 0.001 ? "<0.001" : fmt(v, 3));
  const bars = scale.rows
    .filter((r) => typeof r.medianPre === "number" && typeof r.medianPost === "number")
    .map((r) => ({ label: r.label, values: [r.medianPre as number, r.medianPost as number] }));
  const rc = (r: Outcomes["scales"][number]["rows"][number]) =>
    r.reliableChange
      ? `${fmt(r.reliableChange.improved)} / ${fmt(r.reliableChange.unchanged)} / ${fmt(r.reliableChange.deteriorated)}`
      : "—";
  return (
    <>
      <h3>{scale.name}</h3>
      <TableWrap label={scale.name}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("report.dimension")}</th>
              <th scope="col" className="num">
                n
              </th>
              <th scope="col" className="num">
                {t("report.medianPrePost")}
              </th>
              <th scope="col" className="num">
                {t("report.medianChange")}
              </th>
              <th scope="col" className="num">
                V
              </th>
              <th scope="col" className="num">
                p
              </th>
              <th scope="col" className="num">
                r
              </th>
              <th scope="col" className="num">
                {t("report.reliableChange")}
              </th>
            </tr>
          </thead>
          <tbody>
            {scale.rows.map((r) => (
              <tr key={r.dimension}>
                <th scope="row">{r.label}</th>
                <td className="num">{fmt(r.n)}</td>
                <td className="num">{`${fmt(r.medianPre)} → ${fmt(r.medianPost)}`}</td>
                <td className="num">{fmt(r.medianChange)}</td>
                <td className="num">{fmt(r.statistic)}</td>
                <td className="num">
                  {p(r.pValue)}
                  {r.method && <sup>{r.method === "exact" ? "a" : "b"}</sup>}
                </td>
                <td className="num">{fmt(r.effectSize, 2)}</td>
                <td className="num">{rc(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {bars.length > 0 && (
        <BarChart
          title={t("report.chartPrePost", { scale: scale.name })}
          rows={bars}
          legend={[t("report.pre"), t("report.post")]}
        />
      )}
    </>
  );
}
