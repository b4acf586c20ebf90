import { and, count, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { notifications } from "../../db/schema/index.js";

export type NotificationRow = typeof notifications.$inferSelect;

/** Data access for persisted notifications. */
export const notificationsRepo = {
  async insertMany(
    db: DbOrTx,
    rows: { userId: string; kind: string; payload: Record<string, unknown> }[],
  ): Promise<NotificationRow[]> {
    if (rows.length === 0) return [];
    return db.insert(notifications).values(rows).returning();
  },
  async list(db: DbOrTx, userId: string, opts: { unreadOnly: boolean; before?: Date; limit: number }) {
    const conds = [eq(notifications.userId, userId)];
    if (opts.unreadOnly) conds.push(isNull(notifications.readAt));
    if (opts.before) conds.push(lt(notifications.createdAt, opts.before));
    return db
      .select()
      .from(notifications)
      .where(and(...conds))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(opts.limit);
  },
  async unreadCount(db: DbOrTx, userId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    return Number(row?.n ?? 0);
  },
  async markRead(db: DbOrTx, userId: string, ids: string[] | "all"): Promise<void> {
    const conds = [eq(notifications.userId, userId), isNull(notifications.readAt)];
    if (ids !== "all") conds.push(inArray(notifications.id, ids));
    await db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(...conds));
  },
};
