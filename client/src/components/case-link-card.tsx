import type { FamilyOpenCase } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCases, useFamilyOpenCase } from "../api/cases";
import { useDates } from "../i18n/dates";

type OpenCase = NonNullable<FamilyOpenCase["openCase"]>;

/**
 * The family's open case: a link when I work on it; otherwise who leads it and whom to ask
 * (decision 154: a colleague assigned to the family is not on a case an alert opened).
 */
function OpenCaseLine({ open }: { open: OpenCase }) {
  const { t } = useTranslation();
  const stage = t(`cases.stage.${open.stage}`);
  if (open.onCase)
    return (
      <p>
        <Link to={`/cases/${open.id}`} className="btn primary">
          {t("cases.openCaseLink", { stage })}
        </Link>
      </p>
    );
  return (
    <p className="hint" role="note">
      {open.lead
        ? t("cases.othersCase", { stage, lead: open.lead.displayName })
        : t("cases.unledCase", { stage })}
    </p>
  );
}

/** A link to the family's open case when I work on it (on an alert: nothing otherwise). */
export function FamilyCaseLink({ familyId }: { familyId: string }) {
  const { t } = useTranslation();
  const open = useFamilyOpenCase(familyId).data;
  if (!open?.onCase) return null;
  return (
    <Link className="btn small" to={`/cases/${open.id}`}>
      {t("cases.openCaseLink", { stage: t(`cases.stage.${open.stage}`) })}
    </Link>
  );
}

/** Staff, on a family's page: its open case (or past ones), or "open a case" (intake) when none is open. */
export function CaseLinkCard({ familyId }: { familyId: string }) {
  const { t } = useTranslation();
  const d = useDates();
  const cases = useCases({ familyId });
  const openCase = useFamilyOpenCase(familyId);
  const list = cases.data ?? [];
  const open = openCase.data;
  return (
    <section className="card" aria-labelledby="case-h">
      <h2 id="case-h">{t("cases.cardTitle")}</h2>
      {open ? (
        <OpenCaseLine open={open} />
      ) : (
        openCase.isSuccess && (
          <>
            <p className="hint">{t("cases.noOpenCase")}</p>
            <Link to={`/families/${familyId}/case`} className="btn primary">
              {t("cases.openNew")}
            </Link>
          </>
        )
      )}
      {list.some((c) => c.closedAt) && (
        <ul className="plain">
          {list
            .filter((c) => c.closedAt)
            .map((c) => (
              <li key={c.id}>
                <Link to={`/cases/${c.id}`}>{t("cases.closedCase", { date: d.day(c.closedAt!) })}</Link>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
