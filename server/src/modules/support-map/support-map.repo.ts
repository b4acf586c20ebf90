import { and, asc, count, eq, gte, inArray, isNull, max, min, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  bookings,
  caseRecords,
  cases,
  familySocialWorkers,
  groupMembers,
  groups,
  messages,
  stations,
  supportMapSnapshots,
  supportTies,
  users,
} from "../../db/schema/index.js";

export type TieRow = typeof supportTies.$inferSelect;
export type SnapshotRow = typeof supportMapSnapshots.$inferSelect;

/** Activity of one party the family deals with: when first and last seen, how much lately. */
export interface Activity {
  id: string;
  label: string;
  first: Date;
  last: Date;
  /** Posts, sessions or contacts within the recent window. */
  recent: number;
}

const ATTENDED = ["checked_in", "completed"] as const;

/** The platform's view of a family's ties, and the recorded ties and snapshots (the only SQL). */
export const supportMapRepo = {
  /** Groups (not direct conversations, not archived) a caregiver of the family is a member of. */
  async groupsJoined(db: DbOrTx, familyId: string) {
    return db
      .select({ id: groups.id, label: groups.name, first: min(groupMembers.joinedAt) })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.userId))
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(and(eq(users.familyId, familyId), ne(groups.kind, "direct"), isNull(groups.archivedAt)))
      .groupBy(groups.id, groups.name);
  },
  /** Per group, the family's caregivers' posts since `since` and their newest post. */
  async postsSince(db: DbOrTx, familyId: string, groupIds: string[], since: Date) {
    if (groupIds.length === 0) return [];
    return db
      .select({ groupId: messages.groupId, n: count(), last: max(messages.createdAt) })
      .from(messages)
      .innerJoin(users, eq(users.id, messages.senderId))
      .where(
        and(
          eq(users.familyId, familyId),
          inArray(messages.groupId, groupIds),
          gte(messages.createdAt, since),
          isNull(messages.deletedAt),
        ),
      )
      .groupBy(messages.groupId);
  },
  /** Stations where the family's children attended respite (checked in or completed). */
  async stationsAttended(db: DbOrTx, familyId: string, since: Date): Promise<Activity[]> {
    const at = sql<Date>`coalesce(${bookings.checkedInAt}, ${bookings.updatedAt})`;
    const rows = await db
      .select({
        id: stations.id,
        label: stations.name,
        first: sql<string>`min(${at})`,
        last: sql<string>`max(${at})`,
        recent: sql<number>`count(*) filter (where ${at} >= ${since.toISOString()}::timestamptz)`,
      })
      .from(bookings)
      .innerJoin(stations, eq(stations.id, bookings.stationId))
      .where(and(eq(bookings.familyId, familyId), inArray(bookings.status, [...ATTENDED])))
      .groupBy(stations.id, stations.name);
    return rows.map((r) => ({
      ...r,
      first: new Date(r.first),
      last: new Date(r.last),
      recent: Number(r.recent),
    }));
  },
  /** The family's assigned social workers, with when they were assigned. */
  async assigned(db: DbOrTx, familyId: string) {
    return db
      .select({ id: users.id, label: users.displayName, since: familySocialWorkers.createdAt })
      .from(familySocialWorkers)
      .innerJoin(users, eq(users.id, familySocialWorkers.socialWorkerId))
      .where(eq(familySocialWorkers.familyId, familyId));
  },
  /** Service records on the family's cases, per social worker who wrote them. */
  async recordsBy(db: DbOrTx, familyId: string, since: Date): Promise<Activity[]> {
    const sinceDay = since.toISOString().slice(0, 10);
    const rows = await db
      .select({
        id: users.id,
        label: users.displayName,
        first: min(caseRecords.occurredOn),
        last: max(caseRecords.occurredOn),
        recent: sql<number>`count(*) filter (where ${caseRecords.occurredOn} >= ${sinceDay}::date)`,
      })
      .from(caseRecords)
      .innerJoin(cases, eq(cases.id, caseRecords.caseId))
      .innerJoin(users, eq(users.id, caseRecords.authorId))
      .where(and(eq(cases.familyId, familyId), eq(users.role, "social_worker")))
      .groupBy(users.id, users.displayName);
    return rows.map((r) => ({
      id: r.id,
      label: r.label,
      first: new Date(`${r.first}T00:00:00+08:00`),
      last: new Date(`${r.last}T00:00:00+08:00`),
      recent: Number(r.recent),
    }));
  },
  /** The family's direct conversations with social workers: days with messages lately. */
  async directContacts(db: DbOrTx, familyId: string, since: Date): Promise<Activity[]> {
    const day = sql`date_trunc('day', ${messages.createdAt})`;
    const rows = await db
      .select({
        id: users.id,
        label: users.displayName,
        first: min(messages.createdAt),
        last: max(messages.createdAt),
        recent: sql<number>`count(distinct ${day}) filter (where ${messages.createdAt} >= ${since.toISOString()}::timestamptz)`,
      })
      .from(groups)
      .innerJoin(users, eq(users.id, groups.socialWorkerId))
      .innerJoin(messages, and(eq(messages.groupId, groups.id), isNull(messages.deletedAt)))
      .where(and(eq(groups.kind, "direct"), eq(groups.familyId, familyId)))
      .groupBy(users.id, users.displayName);
    return rows.map((r) => ({ ...r, first: r.first!, last: r.last!, recent: Number(r.recent) }));
  },

  async recorded(db: DbOrTx, familyId: string): Promise<TieRow[]> {
    return db
      .select()
      .from(supportTies)
      .where(eq(supportTies.familyId, familyId))
      .orderBy(asc(supportTies.createdAt), asc(supportTies.id));
  },
  async countRecorded(db: DbOrTx, familyId: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(supportTies).where(eq(supportTies.familyId, familyId));
    return row?.n ?? 0;
  },
  async tie(db: DbOrTx, familyId: string, id: string): Promise<TieRow | undefined> {
    const [row] = await db
      .select()
      .from(supportTies)
      .where(and(eq(supportTies.id, id), eq(supportTies.familyId, familyId)));
    return row;
  },
  async insertTie(db: DbOrTx, row: typeof supportTies.$inferInsert): Promise<TieRow> {
    const [created] = await db.insert(supportTies).values(row).returning();
    return created!;
  },
  async updateTie(db: DbOrTx, id: string, set: Partial<typeof supportTies.$inferInsert>): Promise<TieRow> {
    const [row] = await db
      .update(supportTies)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(supportTies.id, id))
      .returning();
    return row!;
  },
  async deleteTie(db: DbOrTx, id: string): Promise<void> {
    await db.delete(supportTies).where(eq(supportTies.id, id));
  },

  async snapshots(db: DbOrTx, familyId: string): Promise<SnapshotRow[]> {
    return db
      .select()
      .from(supportMapSnapshots)
      .where(eq(supportMapSnapshots.familyId, familyId))
      .orderBy(asc(supportMapSnapshots.takenAt), asc(supportMapSnapshots.id));
  },
  async insertSnapshot(db: DbOrTx, row: typeof supportMapSnapshots.$inferInsert): Promise<SnapshotRow> {
    const [created] = await db.insert(supportMapSnapshots).values(row).returning();
    return created!;
  },
  /** The family's open case, if any (a snapshot saved on demand belongs to it). */
  async openCaseOf(db: DbOrTx, familyId: string): Promise<string | null> {
    const [row] = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.familyId, familyId), ne(cases.stage, "closed")));
    return row?.id ?? null;
  },
};
