import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useChildren, useFamilies } from "../api/core";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";

/** Social worker: the families assigned to them and their children. */
export function FamiliesPage() {
  const { t } = useTranslation();
  const families = useFamilies();
  const children = useChildren();
  if (families.isPending) return <Loading />;
  if (families.isError) return <ErrorBox error={families.error} retry={() => void families.refetch()} />;
  return (
    <Page title={t("families.title")}>
      {families.data.length === 0 ? (
        <Empty>{t("families.none")}</Empty>
      ) : (
        <ul className="cards">
          {families.data.map((f) => {
            const kids = (children.data ?? []).filter((c) => c.familyId === f.id);
            return (
              <li key={f.id} className="card">
                <h2>
                  <Link to={`/families/${f.id}`}>
                    {f.caregivers.map((c) => c.displayName).join("、") || t("families.noCaregiver")}
                  </Link>
                  {f.urgent && <span className="tag warn">{t("families.urgent")}</span>}
                </h2>
                {kids.length === 0 ? (
                  <p className="muted">{t("families.noChildren")}</p>
                ) : (
                  <ul className="plain">
                    {kids.map((c) => (
                      <li key={c.id}>
                        <strong>{c.nickname}</strong> ·{" "}
                        {t("children.age", { count: new Date().getFullYear() - c.birthYear })} ·{" "}
                        {c.disabilityTypes.map((d) => t(`disability.${d}`)).join("、")}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}
