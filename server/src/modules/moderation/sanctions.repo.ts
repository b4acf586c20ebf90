import { and, asc, count, desc, eq, gt, ilike, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { groupBans, groupMembers, groupMutes, users } from "../../db/schema/index.js";

export type MuteRow = typeof groupMutes.$inferSelect;
export type BanRow = typeof groupBans.$inferSelect;

const active = (groupId: string) =>
  and(eq(groupMutes.groupId, groupId), isNull(groupMutes.liftedAt), gt(groupMutes.until, sql`now()`));

/** Data access for mutes and bans. A mute is active while `until` is ahead and not lifted. */
export const sanctionsRepo = {
  /** A new mute replaces any active one (so the latest decision's length and reason apply). */
  async mute(
    tx: DbOrTx,
    m: { groupId: string; userId: string; minutes: number; reason: string; by: string },
  ) {
    await tx
      .update(groupMutes)
      .set({ liftedAt: new Date() })
      .where(and(active(m.groupId), eq(groupMutes.userId, m.userId)));
    const [row] = await tx
      .insert(groupMutes)
      .values({
        groupId: m.groupId,
        userId: m.userId,
        until: sql`now() + make_interval(mins => ${m.minutes})`,
        reason: m.reason,
        mutedBy: m.by,
      })
      .returning();
    return row!;
  },

  async lift(tx: DbOrTx, groupId: string, userId: string): Promise<MuteRow[]> {
    return tx
      .update(groupMutes)
      .set({ liftedAt: new Date() })
      .where(and(active(groupId), eq(groupMutes.userId, userId)))
      .returning();
  },

  async activeMutes(db: DbOrTx, groupId: string) {
    return db
      .select({ mute: groupMutes, displayName: users.displayName })
      .from(groupMutes)
      .innerJoin(users, eq(users.id, groupMutes.userId))
      .where(active(groupId))
      .orderBy(desc(groupMutes.until));
  },

  /** Insert a ban; undefined when the user is already banned. */
  async ban(tx: DbOrTx, b: { groupId: string; userId: string; reason: string; by: string }) {
    const [row] = await tx
      .insert(groupBans)
      .values({ groupId: b.groupId, userId: b.userId, reason: b.reason, bannedBy: b.by })
      .onConflictDoNothing()
      .returning();
    return row;
  },

  async unban(tx: DbOrTx, groupId: string, userId: string): Promise<BanRow | undefined> {
    const [row] = await tx
      .delete(groupBans)
      .where(and(eq(groupBans.groupId, groupId), eq(groupBans.userId, userId)))
      .returning();
    return row;
  },

  /**
   * A page of the group's members by display name (case-insensitive substring `q`), each with the
   * end of an active mute, and how many match in all; two statements.
   */
  async members(db: DbOrTx, groupId: string, q: string, offset: number, limit: number) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = and(eq(groupMembers.groupId, groupId), q ? ilike(users.displayName, pattern) : undefined);
    const mutedUntil = sql<Date | null>`(select max(${groupMutes.until}) from ${groupMutes}
      where ${groupMutes.groupId} = ${groupMembers.groupId} and ${groupMutes.userId} = ${groupMembers.userId}
        and ${groupMutes.liftedAt} is null and ${groupMutes.until} > now())`;
    const rows = await db
      .select({
        id: users.id,
        displayName: users.displayName,
        role: groupMembers.role,
        joinedAt: groupMembers.joinedAt,
        mutedUntil,
      })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.userId))
      .where(where)
      .orderBy(asc(users.displayName), asc(users.id))
      .limit(limit)
      .offset(offset);
    const [total] = await db
      .select({ n: count() })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.userId))
      .where(where);
    return { rows, total: Number(total?.n ?? 0) };
  },

  async bans(db: DbOrTx, groupId: string) {
    return db
      .select({ ban: groupBans, displayName: users.displayName })
      .from(groupBans)
      .innerJoin(users, eq(users.id, groupBans.userId))
      .where(eq(groupBans.groupId, groupId))
      .orderBy(desc(groupBans.createdAt));
  },
};
