import type { GroupRole } from "@carecircle/shared";
import { and, asc, count, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  children,
  groupBans,
  groupMembers,
  groupMutes,
  groups,
  messages,
  users,
} from "../../db/schema/index.js";

export type GroupRow = typeof groups.$inferSelect;
export type NewGroupRow = typeof groups.$inferInsert;
export type MembershipRow = typeof groupMembers.$inferSelect;
export type MuteRow = typeof groupMutes.$inferSelect;

/** A member with the only fields other members may see. */
export interface MemberBriefRow {
  id: string;
  displayName: string;
  role: GroupRole;
}

/** Data access for groups, memberships, bans and mutes. */
export const groupsRepo = {
  async byId(db: DbOrTx, id: string): Promise<GroupRow | undefined> {
    const [row] = await db.select().from(groups).where(eq(groups.id, id)).limit(1);
    return row;
  },

  async insert(db: DbOrTx, row: NewGroupRow): Promise<GroupRow> {
    const [created] = await db.insert(groups).values(row).returning();
    return created!;
  },

  async update(db: DbOrTx, id: string, patch: Partial<NewGroupRow>): Promise<GroupRow | undefined> {
    const [row] = await db
      .update(groups)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(groups.id, id))
      .returning();
    return row;
  },

  async list(
    db: DbOrTx,
    opts: { topic?: string | undefined; includeArchived: boolean },
  ): Promise<GroupRow[]> {
    const conds = [ne(groups.kind, "direct")];
    if (opts.topic) conds.push(eq(groups.topic, opts.topic));
    if (!opts.includeArchived) conds.push(isNull(groups.archivedAt));
    return db
      .select()
      .from(groups)
      .where(and(...conds))
      .orderBy(asc(groups.name), asc(groups.createdAt))
      .limit(1000);
  },

  async memberCounts(db: DbOrTx, groupIds: string[]): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await db
      .select({ groupId: groupMembers.groupId, n: count() })
      .from(groupMembers)
      .where(inArray(groupMembers.groupId, groupIds))
      .groupBy(groupMembers.groupId);
    return new Map(rows.map((r) => [r.groupId, Number(r.n)]));
  },

  /** A group and the user's membership of it (if any) in one prepared statement: every group request checks these. */
  async withMembership(
    db: DbOrTx,
    groupId: string,
    userId: string,
  ): Promise<{ group: GroupRow; membership: MembershipRow | undefined } | undefined> {
    const [row] = await db
      .select({ group: groups, membership: groupMembers })
      .from(groups)
      .leftJoin(
        groupMembers,
        and(eq(groupMembers.groupId, groups.id), eq(groupMembers.userId, sql.placeholder("userId"))),
      )
      .where(eq(groups.id, sql.placeholder("groupId")))
      .limit(1)
      .prepare("group_with_membership")
      .execute({ groupId, userId });
    return row ? { group: row.group, membership: row.membership ?? undefined } : undefined;
  },

  async membership(db: DbOrTx, groupId: string, userId: string): Promise<MembershipRow | undefined> {
    const [row] = await db
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .limit(1);
    return row;
  },

  async membershipsOf(db: DbOrTx, userId: string): Promise<MembershipRow[]> {
    return db.select().from(groupMembers).where(eq(groupMembers.userId, userId));
  },

  /** Insert a membership, or raise it to `role` when asked for moderator; returns the row. */
  async upsertMember(db: DbOrTx, groupId: string, userId: string, role: GroupRole): Promise<MembershipRow> {
    const [row] = await db
      .insert(groupMembers)
      .values({ groupId, userId, role })
      .onConflictDoUpdate({
        target: [groupMembers.groupId, groupMembers.userId],
        set: { role: role === "moderator" ? "moderator" : sql`${groupMembers.role}` },
      })
      .returning();
    return row!;
  },

  async deleteMember(db: DbOrTx, groupId: string, userId: string): Promise<MembershipRow | undefined> {
    const [row] = await db
      .delete(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .returning();
    return row;
  },

  /** Move the last-read mark forward (never back, never past the last message). */
  async markRead(
    db: DbOrTx,
    groupId: string,
    userId: string,
    seq: number,
  ): Promise<MembershipRow | undefined> {
    const [row] = await db
      .update(groupMembers)
      .set({
        lastReadSeq: sql`greatest(${groupMembers.lastReadSeq}, least(${seq}::bigint, (select ${groups.lastSeq} from ${groups} where ${groups.id} = ${groupId})))`,
      })
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .returning();
    return row;
  },

  /** Messages after each membership's last-read seq, not the user's own, not deleted/hidden; capped. */
  async unreadCounts(
    db: DbOrTx,
    userId: string,
    groupIds: string[],
    cap: number,
  ): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await db
      .select({
        groupId: groupMembers.groupId,
        n: sql<number | string>`(
          select count(*) from (
            select 1 from ${messages} m
            where m.group_id = "group_members"."group_id" and m.seq > "group_members"."last_read_seq"
              and m.sender_id is distinct from "group_members"."user_id"
              and m.deleted_at is null and m.hidden_at is null
            limit ${cap}
          ) x)`,
      })
      .from(groupMembers)
      .where(and(eq(groupMembers.userId, userId), inArray(groupMembers.groupId, groupIds)));
    return new Map(rows.map((r) => [r.groupId, Number(r.n)]));
  },

  async isBanned(db: DbOrTx, groupId: string, userId: string): Promise<boolean> {
    const [row] = await db
      .select({ userId: groupBans.userId })
      .from(groupBans)
      .where(and(eq(groupBans.groupId, groupId), eq(groupBans.userId, userId)))
      .limit(1);
    return !!row;
  },

  /** The user's active mutes (not lifted, not expired) in the given groups. */
  async activeMutes(db: DbOrTx, userId: string, groupIds: string[]): Promise<Map<string, MuteRow>> {
    if (groupIds.length === 0) return new Map();
    const rows = await db
      .select()
      .from(groupMutes)
      .where(
        and(
          eq(groupMutes.userId, userId),
          inArray(groupMutes.groupId, groupIds),
          isNull(groupMutes.liftedAt),
          gt(groupMutes.until, sql`now()`),
        ),
      );
    const out = new Map<string, MuteRow>();
    for (const r of rows) {
      const prev = out.get(r.groupId);
      if (!prev || prev.until < r.until) out.set(r.groupId, r);
    }
    return out;
  },

  /** Disability types of the children of a family (to suggest matching groups). */
  async familyDisabilityTypes(db: DbOrTx, familyId: string): Promise<Set<string>> {
    const rows = await db
      .select({ types: children.disabilityTypes })
      .from(children)
      .where(eq(children.familyId, familyId));
    return new Set(rows.flatMap((r) => r.types));
  },

  /** Members by pseudonym and role badge only. */
  async members(db: DbOrTx, groupId: string): Promise<MemberBriefRow[]> {
    return db
      .select({ id: users.id, displayName: users.displayName, role: groupMembers.role })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.userId))
      .where(eq(groupMembers.groupId, groupId))
      .orderBy(sql`${groupMembers.role} = 'moderator' desc`, asc(users.displayName))
      .limit(5000);
  },

  /** Ids of members whose display name appears as `@name` in `body`. */
  async mentionCandidates(
    db: DbOrTx,
    groupId: string,
    body: string,
  ): Promise<{ id: string; displayName: string }[]> {
    return db
      .select({ id: users.id, displayName: users.displayName })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.userId))
      .where(and(eq(groupMembers.groupId, groupId), sql`strpos(${body}, '@' || ${users.displayName}) > 0`))
      .limit(50);
  },

  async moderatorIds(db: DbOrTx, groupId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: groupMembers.userId })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.role, "moderator")));
    return rows.map((r) => r.userId);
  },
};

/** Ids of the groups a user moderates. */
export async function moderatedGroupIds(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ groupId: groupMembers.groupId })
    .from(groupMembers)
    .where(and(eq(groupMembers.userId, userId), eq(groupMembers.role, "moderator")));
  return rows.map((r) => r.groupId);
}
