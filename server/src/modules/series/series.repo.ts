import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { blackoutDates, bookingSeries, bookings, slots } from "../../db/schema/index.js";
import type { SlotRow } from "../slots/slots.repo.js";

export type SeriesRow = typeof bookingSeries.$inferSelect;
export type NewSeriesRow = typeof bookingSeries.$inferInsert;

/** A week the rules refused, as stored in `booking_series.refusals`. */
export interface StoredRefusal {
  week: number;
  date: string;
  code: string;
  reason: string | null;
}

/** Data access for recurring bookings (the only SQL of the series module). */
export const seriesRepo = {
  async insert(db: DbOrTx, row: NewSeriesRow): Promise<SeriesRow> {
    const [created] = await db.insert(bookingSeries).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, id: string): Promise<SeriesRow | undefined> {
    const [row] = await db.select().from(bookingSeries).where(eq(bookingSeries.id, id)).limit(1);
    return row;
  },
  /** Lock the series row: cancellations of one series queue here. */
  async lock(db: DbOrTx, id: string): Promise<SeriesRow | undefined> {
    const [row] = await db
      .select()
      .from(bookingSeries)
      .where(eq(bookingSeries.id, id))
      .for("no key update")
      .limit(1);
    return row;
  },
  async setRefusals(db: DbOrTx, id: string, refusals: StoredRefusal[]): Promise<void> {
    await db.update(bookingSeries).set({ refusals, updatedAt: new Date() }).where(eq(bookingSeries.id, id));
  },
  /** Record the earliest date the series was cancelled from. */
  async setCancelledFrom(db: DbOrTx, id: string, from: string): Promise<void> {
    await db
      .update(bookingSeries)
      .set({
        cancelledFrom: sql`least(coalesce(${bookingSeries.cancelledFrom}, ${from}::date), ${from}::date)`,
        updatedAt: new Date(),
      })
      .where(eq(bookingSeries.id, id));
  },
  /** Attach written bookings to their series (in the transaction that wrote them). */
  async attach(db: DbOrTx, seriesId: string, bookingIds: string[]): Promise<void> {
    if (bookingIds.length === 0) return;
    await db.update(bookings).set({ seriesId }).where(inArray(bookings.id, bookingIds));
  },
  /** The series' bookings with their slot start, in start order. */
  async occurrences(
    db: DbOrTx,
    seriesId: string,
  ): Promise<Array<{ id: string; status: string; startsAt: Date }>> {
    return db
      .select({ id: bookings.id, status: bookings.status, startsAt: slots.startsAt })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(eq(bookings.seriesId, seriesId))
      .orderBy(asc(slots.startsAt), asc(bookings.createdAt));
  },
  /**
   * The station's live session of `serviceType` starting exactly at `startsAt`; a slot of
   * `ruleId` first when there are several.
   */
  async sessionAt(
    db: DbOrTx,
    s: { stationId: string; serviceType: string; startsAt: Date; ruleId: string | null },
  ): Promise<SlotRow | undefined> {
    const [row] = await db
      .select()
      .from(slots)
      .where(
        and(
          eq(slots.stationId, s.stationId),
          eq(slots.serviceType, s.serviceType),
          eq(slots.startsAt, s.startsAt),
          isNull(slots.cancelledAt),
        ),
      )
      .orderBy(desc(sql`(${slots.ruleId} IS NOT DISTINCT FROM ${s.ruleId}::uuid)`), asc(slots.createdAt))
      .limit(1);
    return row;
  },
  async isBlackout(db: DbOrTx, stationId: string, date: string): Promise<boolean> {
    const [row] = await db
      .select({ id: blackoutDates.id })
      .from(blackoutDates)
      .where(and(eq(blackoutDates.stationId, stationId), eq(blackoutDates.date, date)))
      .limit(1);
    return !!row;
  },
  /** A family's series, newest first (the privacy export). */
  async ofFamily(db: DbOrTx, familyId: string): Promise<SeriesRow[]> {
    return db
      .select()
      .from(bookingSeries)
      .where(eq(bookingSeries.familyId, familyId))
      .orderBy(desc(bookingSeries.createdAt));
  },
};
