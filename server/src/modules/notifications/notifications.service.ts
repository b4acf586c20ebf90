import type { MarkNotificationsReadInput, Notification, NotificationKind } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
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
 * Persisted, per-user notifications. Call `store` inside the caller's transaction, then
 * `push` the returned rows after it commits, so nobody is told about something that rolled back.
 */
export function createNotificationsService({ db, realtime }: Deps) {
  return {
    async store(tx: DbOrTx, drafts: NotificationDraft[]): Promise<NotificationRow[]> {
      return notificationsRepo.insertMany(tx, drafts);
    },

    push(rows: NotificationRow[]): void {
      for (const row of rows)
        realtime.emitTo(rooms.user(row.userId), "notification:new", presentNotification(row));
    },

    /** Store and push at once (when there is no surrounding transaction). */
    async notify(drafts: NotificationDraft[]): Promise<void> {
      this.push(await notificationsRepo.insertMany(db, drafts));
    },

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
