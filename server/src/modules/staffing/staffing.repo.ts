import type { RaisedAlert } from "@carecircle/shared";
import { and, asc, eq, gte, lt, lte, sql } from "drizzle-orm";
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
  /**
   * Lock up to `limit` qualifications no other node holds that expire in `[today, until]` and
   * whose notice for that date is not sent yet (decision 151).
   */
  async lockExpiring(db: DbOrTx, today: string, until: string, limit: number) {
    return db
      .select()
      .from(staffQualifications)
      .where(
        and(
          gte(staffQualifications.expiresOn, today),
          lte(staffQualifications.expiresOn, until),
          sql`${staffQualifications.noticeSentFor} is distinct from ${staffQualifications.expiresOn}`,
        ),
      )
      .orderBy(asc(staffQualifications.expiresOn), asc(staffQualifications.id))
      .limit(limit)
      .for("update", { skipLocked: true });
  },
  /** Lock up to `limit` qualifications no other node holds that expired before `today`, not yet swept for that date. */
  async lockExpired(db: DbOrTx, today: string, limit: number) {
    return db
      .select()
      .from(staffQualifications)
      .where(
        and(
          lt(staffQualifications.expiresOn, today),
          sql`${staffQualifications.sweptFor} is distinct from ${staffQualifications.expiresOn}`,
        ),
      )
      .orderBy(asc(staffQualifications.expiresOn), asc(staffQualifications.id))
      .limit(limit)
      .for("update", { skipLocked: true });
  },
  /** Record that `q`'s notice (or sweep) ran for its current expiry date. */
  async markExpiryDone(db: DbOrTx, q: QualificationRow, what: "notice" | "sweep") {
    await db
      .update(staffQualifications)
      .set(what === "notice" ? { noticeSentFor: q.expiresOn } : { sweptFor: q.expiresOn })
      .where(eq(staffQualifications.id, q.id));
  },
  /** Who is told of an expiry besides the holder: its recorder while an active social worker or admin, else every active admin. */
  async expiryManagers(db: DbOrTx, enteredBy: string | null): Promise<string[]> {
    const rows = await queryRows<{ id: string; recorder: boolean }>(
      db,
      sql`select id, id = ${enteredBy}::uuid as recorder from users where status = 'active'
          and (role = 'admin' or (id = ${enteredBy}::uuid and role = 'social_worker'))`,
    );
    const recorder = rows.filter((r) => r.recorder);
    return (recorder.length > 0 ? recorder : rows).map((r) => r.id);
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
  /** Which of `bookingIds` some coverage alert already reported (each is reported once). */
  async alertedBookings(db: DbOrTx, bookingIds: readonly string[]): Promise<Set<string>> {
    if (bookingIds.length === 0) return new Set();
    const rows = await queryRows<{ id: string }>(
      db,
      sql`select distinct item->>'bookingId' as id
          from coverage_alerts c cross join lateral jsonb_array_elements(c.items) item
          where item->>'bookingId' = any(${`{${bookingIds.join(",")}}`}::text[])`,
    );
    return new Set(rows.map((r) => r.id));
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
