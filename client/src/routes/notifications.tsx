import { notificationLink } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMarkNotificationsRead, useNotifications } from "../api/core";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { useNotificationText } from "../hooks/use-notification-text";
import { useDates } from "../i18n/dates";

/** Everything addressed to the viewer, newest first, each linking to what it is about. */
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
