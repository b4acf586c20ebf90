import type { Notification } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { useMarkNotificationsRead, useNotifications } from "../api/core";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useDates } from "../i18n/dates";

function str(v: unknown): string {
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
}

/** One line of plain words for a notification, from its kind and payload. */
export function useNotificationText() {
  const { t } = useTranslation();
  return (n: Notification) => {
    const p = n.payload;
    return t(`notifications.kinds.${n.kind}`, {
      group: str(p.groupName),
      name: str(p.senderName ?? p.actorName ?? p.displayName),
      child: str(p.childNickname ?? p.childName),
      station: str(p.stationName),
      reason: str(p.reason),
    });
  };
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const list = useNotifications();
  const mark = useMarkNotificationsRead();
  const text = useNotificationText();
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
          {list.data.notifications.map((n) => (
            <li key={n.id} className={n.readAt ? "list-item" : "list-item unread"}>
              <p>
                {!n.readAt && <span className="tag">{t("notifications.new")}</span>} {text(n)}
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
          ))}
        </ul>
      )}
    </Page>
  );
}
