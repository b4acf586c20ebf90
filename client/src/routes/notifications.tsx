import type { Notification } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useGroups } from "../api/chat";
import { useChildren, useMarkNotificationsRead, useNotifications } from "../api/core";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";
import { notificationLink } from "./notification-link";

function str(v: unknown): string {
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
}

/** One line of plain words for a notification, from its kind and payload (names looked up locally). */
export function useNotificationText() {
  const { t } = useTranslation();
  const me = useMe();
  const groups = useGroups("", me.role !== "station_staff");
  const children = useChildren(me.role === "caregiver");
  return (n: Notification) => {
    const p = n.payload;
    const by = p.by as { displayName?: string } | string | undefined;
    const groupName = str(p.groupName) || groups.data?.find((g) => g.id === p.groupId)?.name || "";
    const child = str(p.childNickname) || children.data?.find((c) => c.id === p.childId)?.nickname || "";
    return t(`notifications.kinds.${n.kind}`, {
      defaultValue: t("notifications.newToast"),
      group: groupName,
      name: str(p.senderName ?? p.displayName) || (typeof by === "string" ? by : (by?.displayName ?? "")),
      child: child || t("notifications.yourChild"),
      station: str(p.stationName),
      reason: str(p.reason),
      step: str(p.step),
    });
  };
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const list = useNotifications();
  const mark = useMarkNotificationsRead();
  const text = useNotificationText();
  const me = useMe();
  const d = useDates();
  return (
    <Page
      title={t("notifications.title")}
      actions={
        (list.data?.unreadCount ?? 0) > 0 && (
          <button type="button" className="btn" onClick={() => mark.mutate({ all: true })}>
            {t("notifications.markAll")}
          </button>
        )
      }
    >
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorBox error={list.error} retry={() => void list.refetch()} />
      ) : list.data.notifications.length === 0 ? (
        <Empty>{t("notifications.none")}</Empty>
      ) : (
        <ul className="list">
          {list.data.notifications.map((n) => {
            const to = notificationLink(n, me.role);
            const open = () => {
              if (!n.readAt) mark.mutate({ ids: [n.id] });
            };
            return (
              <li key={n.id} className={n.readAt ? "list-item" : "list-item unread"}>
                <p>
                  {!n.readAt && <span className="tag">{t("notifications.new")}</span>}{" "}
                  {to ? (
                    <Link to={to} className="notification-link" onClick={open}>
                      {text(n)}
                    </Link>
                  ) : (
                    text(n)
                  )}
                </p>
                <p className="muted small">
                  <time dateTime={n.createdAt}>{d.ago(n.createdAt)}</time>
                </p>
                {!n.readAt && (
                  <button type="button" className="btn small" onClick={() => mark.mutate({ ids: [n.id] })}>
                    {t("notifications.markRead")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}
