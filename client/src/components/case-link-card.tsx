import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCases } from "../api/cases";
import { useDates } from "../i18n/dates";

/** Staff, on a family's page: its open case (or past ones), or "open a case" (intake) when none is open. */
export function CaseLinkCard({ familyId }: { familyId: string }) {
  const { t } = useTranslation();
  const d = useDates();
  const cases = useCases({ familyId });
  const list = cases.data ?? [];
  const open = list.find((c) => !c.closedAt);
  return (
    <section className="card" aria-labelledby="case-h">
      <h2 id="case-h">{t("cases.cardTitle")}</h2>
      {open ? (
        <p>
          <Link to={`/cases/${open.id}`} className="btn primary">
            {t("cases.openCaseLink", { stage: t(`cases.stage.${open.stage}`) })}
          </Link>
        </p>
      ) : (
        cases.isSuccess && (
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
