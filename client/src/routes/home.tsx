import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { NAV } from "../components/app-layout";
import { JoinRequestBanner } from "../components/family-membership";
import { Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";

/** A short greeting and big buttons to every page the user's role can use. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const items = NAV.filter((n) => n.to !== "/" && n.roles.includes(me.role));
  return (
    <Page title={t("home.hello", { name: me.displayName })}>
      {me.role === "caregiver" && <JoinRequestBanner />}
      <p className="lead">{t(`home.lead.${me.role}`)}</p>
      <ul className="tiles">
        {items.map((n) => (
          <li key={n.to}>
            <Link to={n.to} className="tile">
              {t(n.label)}
            </Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}
