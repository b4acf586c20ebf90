import type { CaseRecordKind } from "@carecircle/shared";
import { and, count, desc, eq, gte, inArray, ne, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { bookings, caseGoals, caseRecords, slots, stations } from "../../db/schema/index.js";

export type GoalRow = typeof caseGoals.$inferSelect;
export type RecordRow = typeof caseRecords.$inferSelect;

/** Data access for a case's plan goals, service records and the family's respite sessions. */
export const caseWorkRepo = {
  async goals(db: DbOrTx, caseId: string): Promise<GoalRow[]> {
    return db.select().from(caseGoals).where(eq(caseGoals.caseId, caseId)).orderBy(caseGoals.createdAt);
  },
  async goal(db: DbOrTx, caseId: string, id: string): Promise<GoalRow | undefined> {
    const [row] = await db
      .select()
      .from(caseGoals)
      .where(and(eq(caseGoals.id, id), eq(caseGoals.caseId, caseId)));
    return row;
  },
  async insertGoal(db: DbOrTx, row: typeof caseGoals.$inferInsert): Promise<GoalRow> {
    const [created] = await db.insert(caseGoals).values(row).returning();
    return created!;
  },
  async updateGoal(db: DbOrTx, id: string, set: Partial<typeof caseGoals.$inferInsert>): Promise<GoalRow> {
    const [row] = await db
      .update(caseGoals)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(caseGoals.id, id))
      .returning();
    return row!;
  },
  /** How many of the case's goals count for the plan (not dropped). */
  async liveGoals(db: DbOrTx, caseId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(caseGoals)
      .where(and(eq(caseGoals.caseId, caseId), ne(caseGoals.status, "dropped")));
    return row?.n ?? 0;
  },
  /** Which of `ids` are goals of the case. */
  async goalIdsOf(db: DbOrTx, caseId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .select({ id: caseGoals.id })
      .from(caseGoals)
      .where(and(eq(caseGoals.caseId, caseId), inArray(caseGoals.id, ids)));
    return rows.map((r) => r.id);
  },

  async records(
    db: DbOrTx,
    caseId: string,
    f: { kind?: CaseRecordKind; pendingFollowUp?: boolean; sharedOnly?: boolean } = {},
  ): Promise<RecordRow[]> {
    const conds: (SQL | undefined)[] = [eq(caseRecords.caseId, caseId)];
    if (f.kind) conds.push(eq(caseRecords.kind, f.kind));
    if (f.pendingFollowUp) conds.push(eq(caseRecords.followUpStatus, "submitted"));
    if (f.sharedOnly) conds.push(eq(caseRecords.sharedWithFamily, true));
    return db
      .select()
      .from(caseRecords)
      .where(and(...conds))
      .orderBy(desc(caseRecords.occurredOn), desc(caseRecords.createdAt));
  },
  /** Per case, how many referrals and applications are still `submitted` (cases with none are absent). */
  async pendingFollowUps(db: DbOrTx, caseIds: string[]): Promise<Map<string, number>> {
    if (caseIds.length === 0) return new Map();
    const rows = await db
      .select({ caseId: caseRecords.caseId, n: count() })
      .from(caseRecords)
      .where(and(inArray(caseRecords.caseId, caseIds), eq(caseRecords.followUpStatus, "submitted")))
      .groupBy(caseRecords.caseId);
    return new Map(rows.map((r) => [r.caseId, r.n]));
  },
  async record(db: DbOrTx, caseId: string, id: string): Promise<RecordRow | undefined> {
    const [row] = await db
      .select()
      .from(caseRecords)
      .where(and(eq(caseRecords.id, id), eq(caseRecords.caseId, caseId)));
    return row;
  },
  async insertRecord(db: DbOrTx, row: typeof caseRecords.$inferInsert): Promise<RecordRow> {
    const [created] = await db.insert(caseRecords).values(row).returning();
    return created!;
  },
  async updateRecord(
    db: DbOrTx,
    id: string,
    set: Partial<typeof caseRecords.$inferInsert>,
  ): Promise<RecordRow> {
    const [row] = await db
      .update(caseRecords)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(caseRecords.id, id))
      .returning();
    return row!;
  },
  async deleteRecord(db: DbOrTx, id: string): Promise<void> {
    await db.delete(caseRecords).where(eq(caseRecords.id, id));
  },
  async countRecords(db: DbOrTx, caseId: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(caseRecords).where(eq(caseRecords.caseId, caseId));
    return row?.n ?? 0;
  },

  /**
   * The family's respite sessions since `since`: bookings that held a seat (booked, attended,
   * completed or missed), by the slot's start.
   */
  async respiteSessions(db: DbOrTx, familyId: string, since: Date) {
    return db
      .select({
        bookingId: bookings.id,
        status: bookings.status,
        startsAt: slots.startsAt,
        endsAt: slots.endsAt,
        stationName: stations.name,
      })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .innerJoin(stations, eq(stations.id, bookings.stationId))
      .where(
        and(
          eq(bookings.familyId, familyId),
          gte(slots.startsAt, since),
          inArray(bookings.status, ["confirmed", "checked_in", "completed", "no_show"]),
        ),
      )
      .orderBy(slots.startsAt);
  },
};
