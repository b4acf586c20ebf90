import { CASE_STAGES, type CaseStage, type CaseSummary } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useCases } from "../api/cases";
import { SelectField } from "../components/form";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useDates } from "../i18n/dates";

const PENDING = "pending";

/** 个案: the cases I work on (admins: every case), with what waits for someone. */
export function CasesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const show = params.get("show") ?? "";
  const stage = (CASE_STAGES as readonly string[]).includes(show) ? (show as CaseStage) : undefined;
  const cases = useCases({ stage, pendingSignoff: show === PENDING });
  return (
    <Page title={t("cases.title")}>
      <SelectField
        label={t("cases.show")}
        value={show}
        options={[
          { value: "", label: t("cases.showAll") },
          { value: PENDING, label: t("cases.showPending") },
          ...CASE_STAGES.map((s) => ({ value: s, label: t(`cases.stage.${s}`) })),
        ]}
        onChange={(e) => setParams(e.target.value ? { show: e.target.value } : {})}
      />
      {cases.isPending && <Loading />}
      {cases.isError && <ErrorBox error={cases.error} retry={() => void cases.refetch()} />}
      {cases.isSuccess && cases.data.length === 0 && <Empty>{t("cases.none")}</Empty>}
      {cases.isSuccess && cases.data.length > 0 && (
        <ul className="cards case-list">
          {cases.data.map((c) => (
            <CaseItem key={c.id} c={c} />
          ))}
        </ul>
      )}
    </Page>
  );
}

function CaseItem({ c }: { c: CaseSummary }) {
  const { t } = useTranslation();
  const d = useDates();
  const name = c.caregiverNames.join("、") || t("cases.noFamilyName");
  return (
    <li className={c.riskLevel === "high" ? "card case-item high" : "card case-item"}>
      <h2>
        <Link to={`/cases/${c.id}`}>{name}</Link>
      </h2>
      <p>
        <span className="tag">{t(`cases.stage.${c.stage}`)}</span>
        <span
          className={c.riskLevel === "high" ? "tag danger" : c.riskLevel === "medium" ? "tag warn" : "tag"}
        >
          {t(`cases.risk.${c.riskLevel}`)}
        </span>
        {c.pendingChange && (
          <span className="tag warn">
            {t("cases.pendingSignoffTag", { stage: t(`cases.stage.${c.pendingChange.to}`) })}
          </span>
        )}
        {c.pendingFollowUps > 0 && (
          <span className="tag warn">{t("cases.pendingFollowUps", { count: c.pendingFollowUps })}</span>
        )}
      </p>
      <p className="muted small">
        {t("cases.openedOn", { date: d.day(c.openedAt) })} · {t(`cases.source.${c.source}`)}
        {c.lead ? ` · ${t("cases.leadIs", { name: c.lead.displayName })}` : ` · ${t("cases.noLead")}`}
      </p>
    </li>
  );
}
