import { type Case, PRESENTING_PROBLEMS } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useCase } from "../api/cases";
import { CaseIntakeForm } from "../components/case-intake-form";
import { PlanSection } from "../components/case-plan";
import { RecordsSection } from "../components/case-records";
import { StagePanel } from "../components/case-stage";
import { TimelineSection } from "../components/case-timeline";
import { WorkersSection } from "../components/case-workers";
import { FormMessage } from "../components/form";
import { SupportMapCard } from "../components/support-map-card";
import { ErrorBox, Loading, Page } from "../components/ui";
import { useDates } from "../i18n/dates";

/**
 * 个案: one family's case as its social workers and the supervisor see it: stage and sign-off,
 * intake, strengths, the three-domain plan, service records and the timeline.
 */
export function CasePage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const c = useCase(id);
  if (c.isPending) return <Loading />;
  if (c.isError) return <ErrorBox error={c.error} retry={() => void c.refetch()} />;
  const name = c.data.caregiverNames.join("、") || t("cases.noFamilyName");
  return (
    <Page title={t("cases.caseOf", { name })} className="case-page">
      <p>
        <Link to="/cases">{t("cases.backToList")}</Link>
        {c.data.familyId && (
          <>
            {" · "}
            <Link to={`/families/${c.data.familyId}`}>{t("cases.toFamily")}</Link>
          </>
        )}
      </p>
      <StagePanel c={c.data} />
      <IntakeSection key={c.data.id} c={c.data} />
      <WorkersSection c={c.data} />
      <section className="card" aria-labelledby="strengths-h">
        <h2 id="strengths-h">{t("cases.strengthsTitle")}</h2>
        <p className="record-notes">{c.data.strengths || t("cases.noStrengths")}</p>
      </section>
      <PlanSection c={c.data} />
      {c.data.familyId && <SupportMapCard familyId={c.data.familyId} staff />}
      <RecordsSection c={c.data} />
      <TimelineSection c={c.data} />
    </Page>
  );
}

/** What intake recorded, and (while the case is open) the form to change it. */
function IntakeSection({ c }: { c: Case }) {
  const { t } = useTranslation();
  const d = useDates();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <section className="card" aria-labelledby="intake-h">
      <h2 id="intake-h">{t("cases.intakeSummary")}</h2>
      <dl className="facts">
        <dt>{t("cases.field.riskLevel")}</dt>
        <dd>
          <span
            className={c.riskLevel === "high" ? "tag danger" : c.riskLevel === "medium" ? "tag warn" : "tag"}
          >
            {t(`cases.risk.${c.riskLevel}`)}
          </span>
        </dd>
        <dt>{t("cases.field.source")}</dt>
        <dd>{t(`cases.source.${c.source}`)}</dd>
        <dt>{t("cases.openedAt")}</dt>
        <dd>{d.day(c.openedAt)}</dd>
        <dt>{t("cases.field.presentingProblems")}</dt>
        <dd>
          {c.presentingProblems.length
            ? PRESENTING_PROBLEMS.filter((p) => c.presentingProblems.includes(p))
                .map((p) => t(`cases.problem.${p}`))
                .join(t("cases.sep"))
            : t("cases.notYet")}
        </dd>
      </dl>
      {c.problemNote && (
        <>
          <h3>{t("cases.field.problemNote")}</h3>
          <p className="record-notes">{c.problemNote}</p>
        </>
      )}
      <FormMessage success={saved ? t("cases.intakeSaved") : null} />
      {c.stage !== "closed" && !editing && (
        <button
          type="button"
          className="btn"
          onClick={() => {
            setSaved(false);
            setEditing(true);
          }}
        >
          {t("cases.editIntake")}
        </button>
      )}
      {editing && (
        <CaseIntakeForm
          existing={c}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
          }}
        />
      )}
    </section>
  );
}
