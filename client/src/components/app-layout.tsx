import type { CrisisAlert, Locale, Role } from "@carecircle/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { useGroups } from "../api/chat";
import { useNotifications } from "../api/core";
import { useConversations } from "../api/direct";
import { useAlerts } from "../api/moderation";
import { useAuth, useMe } from "../hooks/use-auth";
import { useCareMode } from "../hooks/use-care-mode";
import { useLiveUpdates } from "../hooks/use-live-updates";
import { useMediaQuery } from "../hooks/use-media-query";
import { usePwaBridge } from "../pwa/use-pwa-bridge";
import { ConnectionBanner } from "./connection-banner";
import { LanguageSwitch } from "./language-switch";
import { Toasts } from "./toasts";
import { CountBadge } from "./ui";

interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
}

/** Pages each role sees in the menu, in order of everyday use. */
export const NAV: NavItem[] = [
  { to: "/", label: "nav.home", roles: ["caregiver", "social_worker", "station_staff", "admin"] },
  { to: "/groups", label: "nav.groups", roles: ["caregiver", "social_worker", "admin"] },
  { to: "/messages", label: "nav.messages", roles: ["caregiver", "social_worker"] },
  { to: "/book", label: "nav.book", roles: ["caregiver"] },
  { to: "/bookings", label: "nav.bookings", roles: ["caregiver"] },
  { to: "/checkin", label: "nav.checkin", roles: ["caregiver"] },
  {
    to: "/activities",
    label: "nav.activities",
    roles: ["caregiver", "social_worker", "station_staff", "admin"],
  },
  { to: "/children", label: "nav.children", roles: ["caregiver"] },
  { to: "/policies", label: "nav.policies", roles: ["caregiver", "social_worker", "station_staff", "admin"] },
  { to: "/roster", label: "nav.roster", roles: ["station_staff", "admin"] },
  {
    to: "/incidents",
    label: "nav.incidents",
    roles: ["caregiver", "station_staff", "social_worker", "admin"],
  },
  { to: "/care-plans", label: "nav.carePlans", roles: ["caregiver"] },
  { to: "/slots", label: "nav.slots", roles: ["station_staff", "social_worker", "admin"] },
  { to: "/stations", label: "nav.stations", roles: ["social_worker", "admin"] },
  { to: "/family", label: "nav.family", roles: ["caregiver"] },
  { to: "/admin/users", label: "nav.adminUsers", roles: ["admin"] },
  { to: "/admin/scales", label: "nav.adminScales", roles: ["admin"] },
  { to: "/alerts", label: "nav.alerts", roles: ["social_worker", "admin"] },
  { to: "/moderation", label: "nav.moderation", roles: ["social_worker", "admin"] },
  { to: "/families", label: "nav.families", roles: ["social_worker", "admin"] },
  { to: "/cases", label: "nav.cases", roles: ["social_worker", "admin"] },
  { to: "/dashboard", label: "nav.dashboard", roles: ["social_worker", "admin"] },
  { to: "/reports", label: "nav.reports", roles: ["social_worker", "admin"] },
  { to: "/words", label: "nav.words", roles: ["social_worker", "admin"] },
  { to: "/audit", label: "nav.audit", roles: ["social_worker", "admin"] },
  { to: "/crisis-help", label: "nav.crisisHelp", roles: ["social_worker", "admin"] },
  {
    to: "/notifications",
    label: "nav.notifications",
    roles: ["caregiver", "social_worker", "station_staff", "admin"],
  },
  { to: "/settings", label: "nav.settings", roles: ["caregiver", "social_worker", "station_staff", "admin"] },
];

/** The signed-in frame: header, menu, live connection state, page content and toasts. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useAuth();
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const notifications = useNotifications();
  const { liveAlert, dismissAlert } = useLiveUpdates();
  const counts = useNavCounts();
  usePwaBridge();
  useCareMode(!!me.careMode);

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the menu on every navigation
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const unread = notifications.data?.unreadCount ?? 0;
  const items = NAV.filter((n) => n.roles.includes(me.role));
  // a phone shows the menu only when opened: its links are not drawn while a page opens (frame.css)
  const navShown = useMediaQuery("(min-width: 900px)") || menuOpen;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <div className="header-actions">
          <Link to="/notifications" className="icon-btn">
            <BellIcon />
            <span className="sr-only">{t("nav.notifications")}</span>
            <CountBadge count={unread} label={t("notifications.unreadCount", { count: unread })} />
          </Link>
          <button
            type="button"
            className="btn menu-btn"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            {t("nav.menu")}
          </button>
        </div>
      </header>
      <nav id="main-nav" className={menuOpen ? "main-nav open" : "main-nav"} aria-label={t("nav.label")}>
        {navShown && <NavContent items={items} counts={counts} onSignOut={() => void signOut()} />}
      </nav>
      <ConnectionBanner />
      {liveAlert && <LiveAlertBanner alert={liveAlert} onDismiss={dismissAlert} />}
      <main id="main" className="app-main">
        <Outlet />
      </main>
      <Toasts />
    </div>
  );
}

/** The menu's links (with their badges) and the signed-in person's own controls. */
function NavContent({
  items,
  counts,
  onSignOut,
}: {
  items: NavItem[];
  counts: NavCounts;
  onSignOut(): void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <ul>
        {items.map((n) => (
          <li key={n.to}>
            <NavLink to={n.to} end={n.to === "/"}>
              {t(n.label)}
              <NavCount to={n.to} counts={counts} />
            </NavLink>
          </li>
        ))}
      </ul>
      <div className="nav-foot">
        <p className="who">
          {me.displayName} · {t(`roles.${me.role}`)}
        </p>
        <LanguageSwitch />
        <button type="button" className="btn" onClick={onSignOut}>
          {t("auth.logout")}
        </button>
      </div>
    </>
  );
}

interface NavCounts {
  alerts: number;
  direct: number;
  chats: number;
}

/** Open crisis alerts (moderators) and unread direct and group chats, for the menu badges. */
function useNavCounts(): NavCounts {
  const me = useMe();
  const groups = useGroups("", me.role !== "station_staff");
  const conversations = useConversations(me.role === "caregiver" || me.role === "social_worker");
  const openAlerts = useAlerts("open", me.role === "social_worker" || me.role === "admin");
  return {
    alerts: openAlerts.data?.length ?? 0,
    direct: (conversations.data ?? []).reduce((n, c) => n + c.unreadCount, 0),
    chats: (groups.data ?? []).reduce((n, g) => n + (g.isMember ? g.unreadCount : 0), 0),
  };
}

/** The badge a menu entry carries, if any. */
function NavCount({ to, counts }: { to: string; counts: NavCounts }) {
  const { t } = useTranslation();
  if (to === "/alerts")
    return <CountBadge count={counts.alerts} label={t("mod.openAlertCount", { count: counts.alerts })} />;
  if (to === "/messages")
    return <CountBadge count={counts.direct} label={t("direct.unread", { count: counts.direct })} />;
  if (to === "/groups")
    return <CountBadge count={counts.chats} label={t("groups.unread", { count: counts.chats })} />;
  return null;
}

/** A crisis alert raised while the moderator is elsewhere in the app. */
function LiveAlertBanner({ alert, onDismiss }: { alert: CrisisAlert; onDismiss(): void }) {
  const { t } = useTranslation();
  return (
    <div className="crisis-banner" role="alert">
      <p>
        <strong>
          {alert.group ? t("mod.liveAlert", { group: alert.group.name }) : t("alerts.bannerStress")}
        </strong>
      </p>
      <div className="row">
        <Link to={`/alerts?alert=${alert.id}`} className="btn primary" onClick={onDismiss}>
          {t("mod.seeAlert")}
        </Link>
        <button type="button" className="btn" onClick={onDismiss}>
          {t("mod.dismissBanner")}
        </button>
      </div>
    </div>
  );
}

export type { Locale };

function BellIcon() {
  return (
    <svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z"
      />
    </svg>
  );
}
