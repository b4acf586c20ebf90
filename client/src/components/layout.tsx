import type { CrisisAlert, Locale, Role } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { setUnread, useGroups } from "../api/chat";
import { keys, useNotifications } from "../api/core";
import { directKeys, setConversationUnread, useConversations } from "../api/direct";
import { useInvalidateFamily } from "../api/family";
import { useAlerts } from "../api/moderation";
import { useAuth, useMe } from "../hooks/use-auth";
import { chatStore } from "../realtime/chat-store";
import { useSocketEvent } from "../realtime/hooks";
import { notificationLink } from "../routes/notification-link";
import { useNotificationText } from "../routes/notifications";
import { ConnectionBanner } from "./connection-banner";
import { LanguageSwitch } from "./language-switch";
import { Toasts, useToast } from "./toasts";

/** Kinds whose news the caregiver already gets as a `booking:updated` toast. */
const TOASTED_BY_BOOKING_EVENT = new Set([
  "booking_confirmed",
  "booking_on_behalf",
  "booking_promoted",
  "booking_cancelled",
  "slot_cancelled",
]);

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
  { to: "/children", label: "nav.children", roles: ["caregiver"] },
  { to: "/roster", label: "nav.roster", roles: ["station_staff", "admin"] },
  { to: "/slots", label: "nav.slots", roles: ["station_staff", "social_worker", "admin"] },
  { to: "/stations", label: "nav.stations", roles: ["social_worker", "admin"] },
  { to: "/family", label: "nav.family", roles: ["caregiver"] },
  { to: "/admin/users", label: "nav.adminUsers", roles: ["admin"] },
  { to: "/alerts", label: "nav.alerts", roles: ["social_worker", "admin"] },
  { to: "/moderation", label: "nav.moderation", roles: ["social_worker", "admin"] },
  { to: "/families", label: "nav.families", roles: ["social_worker", "admin"] },
  { to: "/dashboard", label: "nav.dashboard", roles: ["social_worker", "admin"] },
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
  const qc = useQueryClient();
  const toast = useToast();

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the menu on every navigation
  useEffect(() => setMenuOpen(false), [location.pathname]);

  useSocketEvent("booking:updated", (b) => {
    void qc.invalidateQueries({ queryKey: ["bookings"] });
    void qc.invalidateQueries({ queryKey: ["slots"] });
    if (me.role === "caregiver")
      toast(
        t(b.awaitingFamily ? "booking.live.awaitingFamily" : `booking.live.${b.status}`, {
          child: b.child.nickname,
        }),
        `/bookings?booking=${b.id}`,
      );
  });
  const notificationText = useNotificationText();
  const invalidateFamily = useInvalidateFamily();
  useSocketEvent("notification:new", (n) => {
    void qc.invalidateQueries({ queryKey: keys.notifications });
    // a crisis alert has its own banner; a booking change its own toast (booking:updated)
    if (n.kind === "moderation_alert" || TOASTED_BY_BOOKING_EVENT.has(n.kind)) return;
    if (n.kind.startsWith("family_")) void invalidateFamily();
    toast(notificationText(n), notificationLink(n, me.role) ?? "/notifications");
  });

  const chatRole = me.role !== "station_staff";
  const groups = useGroups("", chatRole);
  const location2 = useRef(location.pathname);
  location2.current = location.pathname;
  useEffect(() => {
    chatStore.onNewMessage = (m) => {
      if (m.sender?.id === me.id) return;
      if (location2.current === `/groups/${m.groupId}` || location2.current === `/messages/${m.groupId}`)
        return;
      setUnread(qc, m.groupId, (n) => n + 1);
      setConversationUnread(qc, m.groupId, (n) => n + 1);
    };
    return () => {
      chatStore.onNewMessage = null;
    };
  }, [qc, me.id]);
  const unreadChats = (groups.data ?? []).reduce((n, g) => n + (g.isMember ? g.unreadCount : 0), 0);
  const directRole = me.role === "caregiver" || me.role === "social_worker";
  const conversations = useConversations(directRole);
  const unreadDirect = (conversations.data ?? []).reduce((n, c) => n + c.unreadCount, 0);
  useSocketEvent("group:membership", () => {
    if (directRole) void qc.invalidateQueries({ queryKey: directKeys.conversations });
  });

  const isModerator = me.role === "social_worker" || me.role === "admin";
  const openAlerts = useAlerts("open", isModerator);
  const [liveAlert, setLiveAlert] = useState<CrisisAlert | null>(null);
  useSocketEvent("moderation:alert", (a) => {
    setLiveAlert(a);
    void qc.invalidateQueries({ queryKey: ["moderation"] });
  });
  useSocketEvent("alert:updated", () => void qc.invalidateQueries({ queryKey: ["moderation", "alerts"] }));
  const alertCount = openAlerts.data?.length ?? 0;

  const unread = notifications.data?.unreadCount ?? 0;
  const items = NAV.filter((n) => n.roles.includes(me.role));

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
        <ul>
          {items.map((n) => (
            <li key={n.to}>
              <NavLink to={n.to} end={n.to === "/"}>
                {t(n.label)}
                {n.to === "/alerts" && (
                  <CountBadge count={alertCount} label={t("mod.openAlertCount", { count: alertCount })} />
                )}
                {n.to === "/messages" && (
                  <CountBadge count={unreadDirect} label={t("direct.unread", { count: unreadDirect })} />
                )}
                {n.to === "/groups" && (
                  <CountBadge count={unreadChats} label={t("groups.unread", { count: unreadChats })} />
                )}
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="nav-foot">
          <p className="who">
            {me.displayName} · {t(`roles.${me.role}`)}
          </p>
          <LanguageSwitch />
          <button type="button" className="btn" onClick={() => void signOut()}>
            {t("auth.logout")}
          </button>
        </div>
      </nav>
      <ConnectionBanner />
      {liveAlert && (
        <div className="crisis-banner" role="alert">
          <p>
            <strong>
              {liveAlert.group
                ? t("mod.liveAlert", { group: liveAlert.group.name })
                : t("alerts.bannerStress")}
            </strong>
          </p>
          <div className="row">
            <Link
              to={`/alerts?alert=${liveAlert.id}`}
              className="btn primary"
              onClick={() => setLiveAlert(null)}
            >
              {t("mod.seeAlert")}
            </Link>
            <button type="button" className="btn" onClick={() => setLiveAlert(null)}>
              {t("mod.dismissBanner")}
            </button>
          </div>
        </div>
      )}
      <main id="main" className="app-main">
        <Outlet />
      </main>
      <Toasts />
    </div>
  );
}

/** Frame for the signed-out pages (login, register). */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <div className="app public">
      <header className="app-header">
        <span className="brand">{t("app.name")}</span>
        <LanguageSwitch compact />
      </header>
      <main id="main" className="app-main narrow">
        <Outlet />
      </main>
      <Toasts />
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
