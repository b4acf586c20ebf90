import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
import { groupMembers, groups, messages, users } from "../../db/schema/index.js";
import type { GroupRow } from "../groups/groups.repo.js";

/** A conversation row with the caller's membership facts. */
export interface ConversationRow {
  group: GroupRow;
  lastReadSeq: number;
  lastMessageAt: Date | null;
}

const isDirect = eq(groups.kind, "direct");
/** The stored name of every conversation (alerts and reports show it); clients title it by its people. */
const DIRECT_NAME = "私信";

/**
 * Data access for private conversations: group rows of kind `direct` with a family and a social
 * worker, whose members are the family's caregivers (members) and the social worker (moderator).
 */
export const conversationsRepo = {
  async byPair(db: DbOrTx, familyId: string, socialWorkerId: string): Promise<GroupRow | undefined> {
    const [row] = await db
      .select()
      .from(groups)
      .where(and(isDirect, eq(groups.familyId, familyId), eq(groups.socialWorkerId, socialWorkerId)))
      .limit(1);
    return row;
  },

  /** Insert the pair's conversation unless it exists (the partial unique index decides); answers it. */
  async getOrInsert(
    db: DbOrTx,
    familyId: string,
    socialWorkerId: string,
    createdBy: string,
  ): Promise<{ group: GroupRow; created: boolean }> {
    const [created] = await db
      .insert(groups)
      .values({ name: DIRECT_NAME, topic: "general", kind: "direct", familyId, socialWorkerId, createdBy })
      .onConflictDoNothing()
      .returning();
    if (created) return { group: created, created: true };
    return { group: (await this.byPair(db, familyId, socialWorkerId))!, created: false };
  },

  /**
   * Make membership follow the family: every caregiver of the family is a member and the social
   * worker a moderator. Answers the memberships that were missing (to join their sockets' rooms).
   */
  async syncMembers(
    db: DbOrTx,
    group: GroupRow,
  ): Promise<{ userId: string; role: "member" | "moderator" }[]> {
    const added = await queryRows<{ user_id: string; role: "member" | "moderator" }>(
      db,
      sql`
      insert into ${groupMembers} (group_id, user_id, role)
      select ${group.id}::uuid, u.id, case when u.role = 'caregiver' then 'member' else 'moderator' end
      from ${users} u
      where u.status = 'active'
        and ((u.role = 'caregiver' and u.family_id = ${group.familyId}::uuid) or u.id = ${group.socialWorkerId}::uuid)
      on conflict (group_id, user_id) do nothing
      returning user_id, role`,
    );
    return added.map((r) => ({
      userId: String(r.user_id),
      role: r.role,
    }));
  },

  /** A caregiver who joins a family joins its conversations too. */
  async addCaregiver(db: DbOrTx, familyId: string, userId: string): Promise<void> {
    await db.execute(sql`
      insert into ${groupMembers} (group_id, user_id, role)
      select g.id, ${userId}::uuid, 'member' from ${groups} g
      where g.kind = 'direct' and g.family_id = ${familyId}::uuid
      on conflict (group_id, user_id) do nothing`);
  },

  /** The user's conversations (as a member), newest activity first. */
  async listOf(db: DbOrTx, userId: string): Promise<ConversationRow[]> {
    const rows = await db
      .select({
        group: groups,
        lastReadSeq: groupMembers.lastReadSeq,
        lastMessageAt: sql<Date | string | null>`(select ${messages.createdAt} from ${messages}
          where ${messages.groupId} = ${groups.id} and ${messages.seq} = ${groups.lastSeq})`,
      })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(and(eq(groupMembers.userId, userId), isDirect))
      .orderBy(desc(groups.lastSeq))
      .limit(200);
    const out = rows.map((r) => ({
      ...r,
      lastMessageAt: r.lastMessageAt == null ? null : new Date(r.lastMessageAt),
    }));
    const at = (r: ConversationRow) => (r.lastMessageAt ?? r.group.createdAt).getTime();
    return out.sort((a, b) => at(b) - at(a));
  },

  /** Display names of the given users (caregivers of the families and the social workers). */
  async people(db: DbOrTx, familyIds: string[], userIds: string[]) {
    if (familyIds.length === 0 && userIds.length === 0) return [];
    const conds = [];
    if (familyIds.length > 0)
      conds.push(and(inArray(users.familyId, familyIds), eq(users.role, "caregiver")));
    if (userIds.length > 0) conds.push(inArray(users.id, userIds));
    return db
      .select({ id: users.id, displayName: users.displayName, familyId: users.familyId, role: users.role })
      .from(users)
      .where(
        sql.join(
          conds.map((c) => sql`(${c})`),
          sql` or `,
        ),
      );
  },
};
