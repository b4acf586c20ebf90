import { and, arrayContains, asc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
import { blackoutDates, bookings, slotRules, slots, stations } from "../../db/schema/index.js";

export type SlotRow = typeof slots.$inferSelect;
export type NewSlotRow = typeof slots.$inferInsert;
export type SlotRuleRow = typeof slotRules.$inferSelect;
export type NewSlotRuleRow = typeof slotRules.$inferInsert;
export type BlackoutRow = typeof blackoutDates.$inferSelect;

/** A slot with its station and waitlist length, as search and presenters need it. */
export interface SlotListing {
  slot: SlotRow;
  station: { id: string; name: string; district: string; timeZone: string };
  waitlistCount: number;
}

/** A future slot of a rule with how many bookings hold on to it. */
export interface RuleSlotUsage {
  slot: SlotRow;
  /** Non-cancelled bookings (confirmed, waitlisted, checked in...). */
  active: number;
  /** All bookings, cancelled ones included (their history must not be deleted). */
  total: number;
}

const waitlistCount = sql<number>`(SELECT count(*)::int FROM ${bookings} w WHERE w.slot_id = ${slots.id} AND w.status = 'waitlisted')`;

/** Data access for slots, slot rules and blackout dates. */
export const slotsRepo = {
  async insert(db: DbOrTx, row: NewSlotRow): Promise<SlotRow> {
    const [created] = await db.insert(slots).values(row).returning();
    return created!;
  },
  /** Insert rule occurrences; existing (rule, start) pairs are left alone. Returns how many were new. */
  async insertOccurrences(db: DbOrTx, rows: NewSlotRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const created = await db
      .insert(slots)
      .values(rows)
      .onConflictDoNothing({ target: [slots.ruleId, slots.startsAt] })
      .returning({ id: slots.id });
    return created.length;
  },
  async byId(db: DbOrTx, id: string): Promise<SlotRow | undefined> {
    const [row] = await db.select().from(slots).where(eq(slots.id, id)).limit(1);
    return row;
  },
  /** Lock the slot row for the rest of the transaction (every seat change starts here). */
  async lock(db: DbOrTx, id: string): Promise<SlotRow | undefined> {
    const [row] = await db.select().from(slots).where(eq(slots.id, id)).for("no key update").limit(1);
    return row;
  },
  async listings(db: DbOrTx, ids: string[]): Promise<SlotListing[]> {
    if (ids.length === 0) return [];
    return this.search(db, { ids, includeCancelled: true, limit: ids.length });
  },
  async search(
    db: DbOrTx,
    f: {
      ids?: string[];
      from?: Date;
      to?: Date;
      stationId?: string | undefined;
      serviceType?: string | undefined;
      disabilityType?: string | undefined;
      /** Only stations accepting every one of these types. */
      disabilityTypes?: string[] | undefined;
      includeCancelled: boolean;
      limit: number;
    },
  ): Promise<SlotListing[]> {
    const conds = [isNull(stations.archivedAt)];
    if (f.ids) conds.push(inArray(slots.id, f.ids));
    if (f.from) conds.push(gte(slots.startsAt, f.from));
    if (f.to) conds.push(lt(slots.startsAt, f.to));
    if (f.stationId) conds.push(eq(slots.stationId, f.stationId));
    if (f.serviceType) conds.push(eq(slots.serviceType, f.serviceType));
    if (f.disabilityType) conds.push(arrayContains(stations.disabilityTypes, [f.disabilityType]));
    if (f.disabilityTypes?.length) conds.push(arrayContains(stations.disabilityTypes, f.disabilityTypes));
    if (!f.includeCancelled) conds.push(isNull(slots.cancelledAt));
    return db
      .select({
        slot: slots,
        station: {
          id: stations.id,
          name: stations.name,
          district: stations.district,
          timeZone: stations.timeZone,
        },
        waitlistCount,
      })
      .from(slots)
      .innerJoin(stations, eq(stations.id, slots.stationId))
      .where(and(...conds))
      .orderBy(asc(slots.startsAt), asc(stations.name), asc(slots.id))
      .limit(f.limit);
  },
  /** Raise or lower capacity, never below the seats already taken. */
  async setCapacity(db: DbOrTx, id: string, capacity: number): Promise<SlotRow | undefined> {
    const [row] = await db
      .update(slots)
      .set({ capacity, updatedAt: new Date() })
      .where(and(eq(slots.id, id), sql`${slots.confirmedCount} <= ${capacity}`))
      .returning();
    return row;
  },
  async markCancelled(db: DbOrTx, id: string, reason: string, detachRule = false): Promise<void> {
    await db
      .update(slots)
      .set({
        cancelledAt: new Date(),
        cancelReason: reason,
        confirmedCount: 0,
        updatedAt: new Date(),
        ...(detachRule ? { ruleId: null } : {}),
      })
      .where(eq(slots.id, id));
  },
  async updateUnbooked(
    db: DbOrTx,
    id: string,
    patch: { capacity: number; serviceType: string; endsAt: Date },
  ) {
    await db
      .update(slots)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(slots.id, id), eq(slots.confirmedCount, 0)));
  },
  async deleteUnbooked(db: DbOrTx, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await db
      .delete(slots)
      .where(
        and(
          inArray(slots.id, ids),
          eq(slots.confirmedCount, 0),
          sql`NOT EXISTS (SELECT 1 FROM ${bookings} b WHERE b.slot_id = ${slots.id})`,
        ),
      )
      .returning({ id: slots.id });
    return rows.length;
  },
  /** Future, not cancelled slots of a rule (or of a station in a time range) with their booking use. */
  async usage(
    db: DbOrTx,
    where: { ruleId: string; after: Date } | { stationId: string; from: Date; to: Date },
  ): Promise<RuleSlotUsage[]> {
    const cond =
      "ruleId" in where
        ? sql`s.rule_id = ${where.ruleId} AND s.starts_at > ${where.after.toISOString()}::timestamptz`
        : sql`s.station_id = ${where.stationId} AND s.starts_at >= ${where.from.toISOString()}::timestamptz AND s.starts_at < ${where.to.toISOString()}::timestamptz`;
    const rows = await queryRows<{ id: string; active: number; total: number }>(
      db,
      sql`SELECT s.id,
            (SELECT count(*)::int FROM bookings b WHERE b.slot_id = s.id AND b.status <> 'cancelled') AS active,
            (SELECT count(*)::int FROM bookings b WHERE b.slot_id = s.id) AS total
          FROM slots s WHERE ${cond} AND s.cancelled_at IS NULL ORDER BY s.starts_at`,
    );
    if (rows.length === 0) return [];
    const full = await db
      .select()
      .from(slots)
      .where(
        inArray(
          slots.id,
          rows.map((r) => r.id),
        ),
      );
    const byId = new Map(full.map((s) => [s.id, s]));
    return rows.map((r) => ({ slot: byId.get(r.id)!, active: Number(r.active), total: Number(r.total) }));
  },

  async insertRule(db: DbOrTx, row: NewSlotRuleRow): Promise<SlotRuleRow> {
    const [created] = await db.insert(slotRules).values(row).returning();
    return created!;
  },
  async ruleById(db: DbOrTx, id: string): Promise<SlotRuleRow | undefined> {
    const [row] = await db
      .select()
      .from(slotRules)
      .where(and(eq(slotRules.id, id), isNull(slotRules.archivedAt)))
      .limit(1);
    return row;
  },
  async lockRule(db: DbOrTx, id: string): Promise<SlotRuleRow | undefined> {
    const [row] = await db
      .select()
      .from(slotRules)
      .where(and(eq(slotRules.id, id), isNull(slotRules.archivedAt)))
      .for("no key update")
      .limit(1);
    return row;
  },
  async rulesOf(db: DbOrTx, stationId: string): Promise<SlotRuleRow[]> {
    return db
      .select()
      .from(slotRules)
      .where(and(eq(slotRules.stationId, stationId), isNull(slotRules.archivedAt)))
      .orderBy(asc(slotRules.createdAt));
  },
  /** Rules that may still produce slots (not archived, not expired before `today`). */
  async activeRules(db: DbOrTx, today: string): Promise<SlotRuleRow[]> {
    return db
      .select()
      .from(slotRules)
      .innerJoin(stations, eq(stations.id, slotRules.stationId))
      .where(
        and(
          isNull(slotRules.archivedAt),
          isNull(stations.archivedAt),
          sql`(${slotRules.validTo} IS NULL OR ${slotRules.validTo} >= ${today}::date)`,
        ),
      )
      .then((rows) => rows.map((r) => r.slot_rules));
  },
  async updateRule(db: DbOrTx, id: string, patch: Partial<NewSlotRuleRow>): Promise<SlotRuleRow | undefined> {
    const [row] = await db
      .update(slotRules)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(slotRules.id, id))
      .returning();
    return row;
  },

  async blackoutsOf(db: DbOrTx, stationId: string, fromDate?: string): Promise<BlackoutRow[]> {
    const conds = [eq(blackoutDates.stationId, stationId)];
    if (fromDate) conds.push(gte(blackoutDates.date, fromDate));
    return db
      .select()
      .from(blackoutDates)
      .where(and(...conds))
      .orderBy(asc(blackoutDates.date));
  },
  async insertBlackout(db: DbOrTx, stationId: string, date: string, reason: string): Promise<BlackoutRow> {
    const [row] = await db.insert(blackoutDates).values({ stationId, date, reason }).returning();
    return row!;
  },
  async deleteBlackout(db: DbOrTx, stationId: string, date: string): Promise<boolean> {
    const rows = await db
      .delete(blackoutDates)
      .where(and(eq(blackoutDates.stationId, stationId), eq(blackoutDates.date, date)))
      .returning({ id: blackoutDates.id });
    return rows.length > 0;
  },
};
