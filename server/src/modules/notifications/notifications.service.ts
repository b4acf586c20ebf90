import type { MarkNotificationsReadInput, Notification, NotificationKind } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { rooms } from "../../realtime/rooms.js";
import { type NotificationRow, notificationsRepo } from "./notifications.repo.js";

/** row -> DTO */
export function presentNotification(n: NotificationRow): Notification {
  return {
    id: n.id,
    kind: n.kind as NotificationKind,
    payload: n.payload as Record<string, unknown>,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

/** One notification to create. Payloads carry ids and short labels, never private text. */
export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  payload: Record<string, unknown>;
}

/**
 * Notifications queued in a unit of work (`uow.notify`): stored in its transaction, so nobody is
 * told about something that rolled back; `rows` are filled in when they are stored.
 */
export interface NotificationsQueued {
  type: "notifications.queued";
  drafts: NotificationDraft[];
  rows: NotificationRow[];
}

/** After commit: each stored notification to its user's sockets. */
export function pushNotifications(realtime: Deps["realtime"], rows: readonly NotificationRow[]): void {
  for (const row of rows)
    realtime.emitTo(rooms.user(row.userId), "notification:new", presentNotification(row));
}

/**
 * Persisted, per-user notifications: the inbox. Services create them through their unit of work
 * (`uow.notify` in `db/unit-of-work.ts`): stored in the transaction, pushed after it commits.
 */
export function createNotificationsService({ db }: Deps) {
  return {
    async list(
      userId: string,
      q: { unread?: "true" | "false" | undefined; before?: string | undefined; limit: number },
    ) {
      const rows = await notificationsRepo.list(db, userId, {
        unreadOnly: q.unread === "true",
        ...(q.before ? { before: new Date(q.before) } : {}),
        limit: q.limit,
      });
      return {
        notifications: rows.map(presentNotification),
        unreadCount: await notificationsRepo.unreadCount(db, userId),
      };
    },

    async markRead(userId: string, input: MarkNotificationsReadInput) {
      await notificationsRepo.markRead(db, userId, "all" in input ? "all" : input.ids);
      return { unreadCount: await notificationsRepo.unreadCount(db, userId) };
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
