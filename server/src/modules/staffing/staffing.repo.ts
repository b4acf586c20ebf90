import type { RaisedAlert } from "@carecircle/shared";
import { and, asc, eq, gte, sql } from "drizzle-orm";
import { type DbOrTx, queryRows, type Tx } from "../../db/client.js";
import {
  bookings,
  careNeedTypes,
  childCareNeeds,
  coverageAlerts,
  shiftExceptions,
  staffQualifications,
  staffShifts,
  stationRatios,
  stationStaff,
  users,
} from "../../db/schema/index.js";

export type QualificationRow = typeof staffQualifications.$inferSelect;
export type ShiftRow = typeof staffShifts.$inferSelect;
export type ExceptionRow = typeof shiftExceptions.$inferSelect;
export type CoverageAlertRow = typeof coverageAlerts.$inferSelect;

/** Data access for care-need types, children's needs, qualifications, shifts, exceptions and ratios. */
export const staffingRepo = {
  async needTypes(db: DbOrTx) {
    return db.select().from(careNeedTypes).orderBy(asc(careNeedTypes.createdAt), asc(careNeedTypes.code));
  },
  /** Insert a need type; undefined when the code exists. */
  async insertNeedType(db: DbOrTx, row: typeof careNeedTypes.$inferInsert) {
    const [out] = await db.insert(careNeedTypes).values(row).onConflictDoNothing().returning();
    return out;
  },
  /** The active need types among `codes`. */
  async activeCodes(db: DbOrTx, codes: readonly string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await db
      .select({ code: careNeedTypes.code })
      .from(careNeedTypes)
      .where(
        and(
          sql`${careNeedTypes.code} = any(${`{${codes.join(",")}}`}::text[])`,
          eq(careNeedTypes.active, true),
        ),
      );
    return new Set(rows.map((r) => r.code));
  },
  async childNeeds(db: DbOrTx, childId: string) {
    return db
      .select({ code: childCareNeeds.needCode, instructions: childCareNeeds.instructions })
      .from(childCareNeeds)
      .where(eq(childCareNeeds.childId, childId))
      .orderBy(asc(childCareNeeds.needCode));
  },
  async replaceChildNeeds(
    db: DbOrTx,
    childId: string,
    needs: readonly { code: string; instructions: string }[],
  ) {
    await db.delete(childCareNeeds).where(eq(childCareNeeds.childId, childId));
    if (needs.length > 0)
      await db
        .insert(childCareNeeds)
        .values(needs.map((n) => ({ childId, needCode: n.code, instructions: n.instructions })));
  },
  /** Whether `userId` works at a station where the child has a booking that is not cancelled. */
  async staffKnowsChild(db: DbOrTx, userId: string, childId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: bookings.id })
      .from(bookings)
      .innerJoin(stationStaff, eq(stationStaff.stationId, bookings.stationId))
      .where(
        and(
          eq(bookings.childId, childId),
          eq(stationStaff.userId, userId),
          sql`${bookings.status} <> 'cancelled'`,
        ),
      )
      .limit(1);
    return !!row;
  },

  async qualificationsOf(db: DbOrTx, userIds: readonly string[]): Promise<QualificationRow[]> {
    if (userIds.length === 0) return [];
    return db
      .select()
      .from(staffQualifications)
      .where(sql`${staffQualifications.userId} = any(${`{${userIds.join(",")}}`}::uuid[])`)
      .orderBy(asc(staffQualifications.needCode));
  },
  async qualification(db: DbOrTx, id: string): Promise<QualificationRow | undefined> {
    const [row] = await db.select().from(staffQualifications).where(eq(staffQualifications.id, id));
    return row;
  },
  /** Insert or renew a qualification (one per staff member and need). */
  async upsertQualification(db: DbOrTx, row: typeof staffQualifications.$inferInsert) {
    const [out] = await db
      .insert(staffQualifications)
      .values(row)
      .onConflictDoUpdate({
        target: [staffQualifications.userId, staffQualifications.needCode],
        set: { expiresOn: row.expiresOn, enteredBy: row.enteredBy, updatedAt: sql`now()` },
      })
      .returning();
    return out!;
  },
  async setQualificationExpiry(db: DbOrTx, id: string, expiresOn: string, by: string) {
    const [out] = await db
      .update(staffQualifications)
      .set({ expiresOn, enteredBy: by, updatedAt: sql`now()` })
      .where(eq(staffQualifications.id, id))
      .returning();
    return out;
  },
  async deleteQualification(db: DbOrTx, id: string) {
    const [out] = await db.delete(staffQualifications).where(eq(staffQualifications.id, id)).returning();
    return out;
  },
  /** Stations where the staff member has shifts or exceptions (a qualification change may matter there). */
  async stationsOfStaff(db: DbOrTx, userId: string): Promise<string[]> {
    const rows = await db
      .selectDistinct({ id: staffShifts.stationId })
      .from(staffShifts)
      .where(eq(staffShifts.userId, userId))
      .union(
        db
          .selectDistinct({ id: shiftExceptions.stationId })
          .from(shiftExceptions)
          .where(eq(shiftExceptions.userId, userId)),
      );
    return rows.map((r) => r.id);
  },

  async shifts(db: DbOrTx, stationId: string) {
    return db
      .select({ s: staffShifts, displayName: users.displayName })
      .from(staffShifts)
      .innerJoin(users, eq(users.id, staffShifts.userId))
      .where(eq(staffShifts.stationId, stationId))
      .orderBy(asc(staffShifts.weekday), asc(staffShifts.startTime), asc(users.displayName));
  },
  async shift(db: DbOrTx, id: string): Promise<ShiftRow | undefined> {
    const [row] = await db.select().from(staffShifts).where(eq(staffShifts.id, id));
    return row;
  },
  async insertShift(db: DbOrTx, row: typeof staffShifts.$inferInsert): Promise<ShiftRow> {
    const [out] = await db.insert(staffShifts).values(row).returning();
    return out!;
  },
  async updateShift(db: DbOrTx, id: string, set: Partial<typeof staffShifts.$inferInsert>) {
    const [out] = await db
      .update(staffShifts)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(staffShifts.id, id))
      .returning();
    return out;
  },
  async deleteShift(db: DbOrTx, id: string) {
    await db.delete(staffShifts).where(eq(staffShifts.id, id));
  },

  async exceptionsFrom(db: DbOrTx, stationId: string, from: string) {
    return db
      .select({ x: shiftExceptions, displayName: users.displayName })
      .from(shiftExceptions)
      .innerJoin(users, eq(users.id, shiftExceptions.userId))
      .where(and(eq(shiftExceptions.stationId, stationId), gte(shiftExceptions.date, from)))
      .orderBy(asc(shiftExceptions.date), asc(users.displayName));
  },
  async exception(db: DbOrTx, id: string): Promise<ExceptionRow | undefined> {
    const [row] = await db.select().from(shiftExceptions).where(eq(shiftExceptions.id, id));
    return row;
  },
  async insertException(db: DbOrTx, row: typeof shiftExceptions.$inferInsert): Promise<ExceptionRow> {
    const [out] = await db.insert(shiftExceptions).values(row).returning();
    return out!;
  },
  async deleteException(db: DbOrTx, id: string) {
    await db.delete(shiftExceptions).where(eq(shiftExceptions.id, id));
  },

  async ratios(db: DbOrTx, stationId: string) {
    return db
      .select()
      .from(stationRatios)
      .where(eq(stationRatios.stationId, stationId))
      .orderBy(asc(stationRatios.serviceType));
  },
  async setRatio(db: DbOrTx, stationId: string, serviceType: string, childrenPerStaff: number | null) {
    if (childrenPerStaff === null) {
      await db
        .delete(stationRatios)
        .where(and(eq(stationRatios.stationId, stationId), eq(stationRatios.serviceType, serviceType)));
      return;
    }
    await db
      .insert(stationRatios)
      .values({ stationId, serviceType, childrenPerStaff })
      .onConflictDoUpdate({
        target: [stationRatios.stationId, stationRatios.serviceType],
        set: { childrenPerStaff, updatedAt: sql`now()` },
      });
  },

  async insertAlert(db: DbOrTx, row: typeof coverageAlerts.$inferInsert): Promise<CoverageAlertRow> {
    const [out] = await db.insert(coverageAlerts).values(row).returning();
    return out!;
  },
  /** The alerts `actorId` stored in the current transaction (`now()` is the transaction's start). */
  async alertsRaisedInTx(tx: Tx, actorId: string): Promise<RaisedAlert[]> {
    return queryRows<RaisedAlert>(
      tx,
      sql`select id, station_id as "stationId", jsonb_array_length(items)::int as count
          from coverage_alerts where created_by = ${actorId} and created_at = now() order by station_id`,
    );
  },
  async alert(db: DbOrTx, id: string): Promise<CoverageAlertRow | undefined> {
    const [row] = await db.select().from(coverageAlerts).where(eq(coverageAlerts.id, id));
    return row;
  },
};
