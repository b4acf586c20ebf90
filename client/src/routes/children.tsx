import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useChildren } from "../api/core";
import { JoinRequestBanner } from "../components/family-membership";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";

/** The family's child profiles. */
export function ChildrenPage() {
  const { t } = useTranslation();
  const children = useChildren();
  const me = useMe();
  return (
    <Page
      title={t("children.title")}
      actions={
        <Link to="/children/new" className="btn primary">
          {t("children.add")}
        </Link>
      }
    >
      {me.role === "caregiver" && <JoinRequestBanner />}
      <p className="lead">{t("children.lead")}</p>
      {children.isPending ? (
        <Loading />
      ) : children.isError ? (
        <ErrorBox error={children.error} retry={() => void children.refetch()} />
      ) : children.data.length === 0 ? (
        <Empty>{t("children.none")}</Empty>
      ) : (
        <ul className="cards">
          {children.data.map((c) => (
            <li key={c.id} className="card">
              <h2>{c.nickname}</h2>
              <p>
                {t("children.age", { count: new Date().getFullYear() - c.birthYear })} ·{" "}
                {c.disabilityTypes.map((d) => t(`disability.${d}`)).join("、")}
              </p>
              <p className="muted">{t(`distress.${c.distressType}`)}</p>
              <Link to={`/children/${c.id}`} className="btn">
                {t("children.edit", { name: c.nickname })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
