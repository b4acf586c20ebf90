import type { Locale, ProjectReport } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { downloadReportCsv, useProjectReport } from "../api/reports";
import { errorText } from "../components/form";
import {
  CategoryTable,
  FigureTable,
  GroupActivitiesFigure,
  NoData,
  OutcomeScale,
  Section,
  useFmt,
} from "../components/report-sections";
import { ErrorBox, Loading, Page } from "../components/ui";
import "./report.css";
import { useDates } from "../i18n/dates";

/** The figures of families served, services and safeguarding. */
function ServiceSections({ r }: { r: ProjectReport }) {
  const { t } = useTranslation();
  const fmt = useFmt();
  const cw = r.casework.status === "ok" ? r.casework : null;
  const s = r.safeguarding;
  return (
    <>
      <Section title={t("report.families")}>
        <FigureTable
          caption={t("report.families")}
          rows={[
            [t("report.familiesTotal"), fmt(r.families.total)],
            ...r.families.byStation.map((x): [string, string] => [x.name, fmt(x.families)]),
            ...r.families.byDistrict.map((x): [string, string] => [x.district, fmt(x.families)]),
          ]}
        />
        {cw ? (
          <CategoryTable title={t("report.why")} rows={cw.presentingProblems} />
        ) : (
          <>
            <h3>{t("report.why")}</h3>
            <NoData />
          </>
        )}
      </Section>
      <Section title={t("report.services")}>
        {cw ? (
          <CategoryTable title={t("report.contacts")} rows={cw.contactsByType} chart />
        ) : (
          <>
            <h3>{t("report.contacts")}</h3>
            <NoData />
          </>
        )}
        <h3>{t("report.respite")}</h3>
        <FigureTable
          caption={t("report.respite")}
          rows={[
            [t("report.respiteFamilies"), fmt(r.respite.families)],
            [t("report.sessions"), fmt(r.respite.sessions)],
            [t("report.hours"), fmt(r.respite.hours)],
          ]}
        />
        <h3>{t("report.groups")}</h3>
        <FigureTable
          caption={t("report.groups")}
          rows={[
            [t("report.groupFamilies"), fmt(r.groups.families)],
            [t("report.groupCount"), fmt(r.groups.groups)],
            [t("report.groupMessages"), fmt(r.groups.messages)],
          ]}
        />
        <GroupActivitiesFigure g={r.groupActivities} />
        {cw ? (
          <CategoryTable title={t("report.referrals")} rows={cw.referrals} />
        ) : (
          <>
            <h3>{t("report.referrals")}</h3>
            <NoData />
          </>
        )}
      </Section>
      <Section title={t("report.safeguarding")}>
        <FigureTable
          caption={t("report.safeguarding")}
          rows={[
            [t("report.alertFamilies"), fmt(s.families)],
            [t("report.alerts"), fmt(s.alerts)],
            [t("report.crisis"), fmt(s.crisis)],
            [t("report.stress"), fmt(s.stress)],
            [t("report.acknowledged"), fmt(s.acknowledged)],
            [t("report.medianAck"), fmt(s.medianMinutesToAcknowledge)],
            [t("report.p90Ack"), fmt(s.p90MinutesToAcknowledge)],
            [t("report.escalated"), fmt(s.escalated)],
            [t("report.incidents"), fmt(s.incidents)],
          ]}
        />
      </Section>
      <Section title={t("report.stages")}>
        {cw ? <CategoryTable title={t("report.stagesTable")} rows={cw.stagesReached} /> : <NoData />}
      </Section>
    </>
  );
}

function ReportBody({ r }: { r: ProjectReport }) {
  const { t } = useTranslation();
  const d = useDates();
  return (
    <article className="report">
      <p className="report-meta">
        {t("report.period", { from: r.project.from, to: r.project.to })}
        {r.project.district ? ` · ${r.project.district}` : ""} ·{" "}
        {t("report.generated", { at: d.stamp(r.generatedAt, true) })}
      </p>
      <p className="method">{t("report.suppressionNote")}</p>
      <ServiceSections r={r} />
      <Section title={t("report.outcomes")}>
        {r.outcomes.status === "ok" ? (
          r.outcomes.scales.map((s) => <OutcomeScale key={s.scaleId} scale={s} />)
        ) : (
          <NoData />
        )}
        <p className="method">{t("report.methodNote")}</p>
      </Section>
    </article>
  );
}

/** A project's evaluation report: printable as A4 (save as PDF from the print dialog) and as CSV. */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const { id = "" } = useParams();
  const locale: Locale = i18n.language === "en" ? "en" : "zh-CN";
  const q = useProjectReport(id, locale);
  const [csvError, setCsvError] = useState<string | null>(null);
  const title = q.data ? t("report.title", { name: q.data.project.name }) : t("report.titleShort");
  const csv = () => {
    if (!q.data) return;
    setCsvError(null);
    downloadReportCsv(id, locale, q.data.project.name).catch((err: unknown) =>
      setCsvError(errorText(err, t)),
    );
  };
  return (
    <Page
      title={title}
      actions={
        q.data && (
          <div className="report-actions">
            <button type="button" className="btn primary" onClick={() => window.print()}>
              {t("report.print")}
            </button>
            <button type="button" className="btn" onClick={csv}>
              {t("report.csv")}
            </button>
          </div>
        )
      }
    >
      {csvError && (
        <p role="alert" className="form-error">
          {csvError}
        </p>
      )}
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorBox error={q.error} retry={() => void q.refetch()} />
      ) : (
        <ReportBody r={q.data} />
      )}
    </Page>
  );
}
