import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { useFamilies } from "../api/core";
import { CaseIntakeForm } from "../components/case-intake-form";
import { Page } from "../components/ui";

/** Social worker: open a case for a family (intake): problems, risk, source, note and strengths. */
export function CaseIntakePage() {
  const { id: familyId = "" } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const families = useFamilies();
  const family = families.data?.find((f) => f.id === familyId);
  const name = family?.caregivers.map((c) => c.displayName).join("、") ?? "";
  return (
    <Page title={t("cases.intakeTitle")}>
      <p>
        <Link to={`/families/${familyId}`}>{t("cases.backToFamily")}</Link>
      </p>
      {name && <p className="lead">{t("cases.intakeFor", { name })}</p>}
      <CaseIntakeForm familyId={familyId} onOpened={(id) => navigate(`/cases/${id}`)} />
    </Page>
  );
}
