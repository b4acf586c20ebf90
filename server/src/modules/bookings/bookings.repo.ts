import type { BookingStatus } from "@carecircle/shared";
import { and, asc, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  bookingEvents,
  bookings,
  children,
  families,
  slots,
  stations,
  users,
} from "../../db/schema/index.js";
import type { FamilyBookingFact } from "./booking-rules.js";

export type BookingRow = typeof bookings.$inferSelect;
export type NewBookingRow = Omit<typeof bookings.$inferInsert, "period">;

/** A booking with what presenting it needs (slot times, station, child nickname). */
export interface BookingView {
  booking: BookingRow;
  slot: { startsAt: Date; endsAt: Date; serviceType: string };
  station: { id: string; name: string; address: string; timeZone: string; cancelCutoffHours: number };
  child: { id: string; nickname: string };
}

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

const viewColumns = {
  booking: bookings,
  slot: { startsAt: slots.startsAt, endsAt: slots.endsAt, serviceType: slots.serviceType },
  station: {
    id: stations.id,
    name: stations.name,
    address: stations.address,
    timeZone: stations.timeZone,
    cancelCutoffHours: stations.cancelCutoffHours,
  },
  child: { id: children.id, nickname: children.nickname },
};

/** Data access for bookings and their history. The only place booking SQL is written. */
export const bookingsRepo = {
  /** Serialise every seat and quota decision of one family (lock order: slot, then families). */
  async lockFamily(db: DbOrTx, familyId: string): Promise<{ id: string; urgent: boolean } | undefined> {
    const [row] = await db
      .select({ id: families.id, urgent: families.urgent })
      .from(families)
      .where(eq(families.id, familyId))
      .for("no key update")
      .limit(1);
    return row;
  },
  async lock(db: DbOrTx, id: string): Promise<BookingRow | undefined> {
    const [row] = await db.select().from(bookings).where(eq(bookings.id, id)).for("no key update").limit(1);
    return row;
  },
  async byId(db: DbOrTx, id: string): Promise<BookingRow | undefined> {
    const [row] = await db.select().from(bookings).where(eq(bookings.id, id)).limit(1);
    return row;
  },
  /** The family's non-cancelled bookings of slots starting in `[from, to)`. */
  async familyFacts(db: DbOrTx, familyId: string, from: Date, to: Date): Promise<FamilyBookingFact[]> {
    const rows = await db
      .select({
        slotId: bookings.slotId,
        stationId: bookings.stationId,
        childId: bookings.childId,
        status: bookings.status,
        startsAt: slots.startsAt,
        endsAt: slots.endsAt,
      })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(
        and(
          eq(bookings.familyId, familyId),
          sql`${bookings.status} <> 'cancelled'`,
          gte(slots.startsAt, from),
          lt(slots.startsAt, to),
        ),
      );
    return rows;
  },
  /** Take one seat if one is left: the single conditional statement that makes overbooking impossible. */
  async takeSeat(db: DbOrTx, slotId: string): Promise<boolean> {
    const rows = await db
      .update(slots)
      .set({ confirmedCount: sql`${slots.confirmedCount} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(slots.id, slotId),
          sql`${slots.confirmedCount} < ${slots.capacity}`,
          sql`${slots.cancelledAt} IS NULL`,
        ),
      )
      .returning({ id: slots.id });
    return rows.length === 1;
  },
  async releaseSeat(db: DbOrTx, slotId: string): Promise<void> {
    await db
      .update(slots)
      .set({ confirmedCount: sql`${slots.confirmedCount} - 1`, updatedAt: new Date() })
      .where(and(eq(slots.id, slotId), sql`${slots.confirmedCount} > 0`));
  },
  async insert(
    db: DbOrTx,
    row: NewBookingRow,
    period: { startsAt: Date; endsAt: Date },
  ): Promise<BookingRow> {
    const [created] = await db
      .insert(bookings)
      .values({ ...row, period: sql`tstzrange(${iso(period.startsAt)}, ${iso(period.endsAt)}, '[)')` })
      .returning();
    return created!;
  },
  /** Change a booking only if it is still in one of `from` (so a stale decision changes nothing). */
  async transition(
    db: DbOrTx,
    id: string,
    from: readonly BookingStatus[],
    patch: Partial<Omit<NewBookingRow, "id">>,
  ): Promise<BookingRow | undefined> {
    const [row] = await db
      .update(bookings)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(bookings.id, id), inArray(bookings.status, [...from])))
      .returning();
    return row;
  },
  /** Clear `awaitingFamily` if still set and the booking still active; answers the changed row. */
  async confirmForFamily(db: DbOrTx, id: string): Promise<BookingRow | undefined> {
    const [row] = await db
      .update(bookings)
      .set({ awaitingFamily: false, updatedAt: new Date() })
      .where(
        and(
          eq(bookings.id, id),
          eq(bookings.awaitingFamily, true),
          inArray(bookings.status, ["confirmed", "waitlisted", "checked_in"]),
        ),
      )
      .returning();
    return row;
  },
  /** Store each booking's note for its visit (written with the booking, in its transaction). */
  async setNote(db: DbOrTx, id: string, note: string): Promise<void> {
    await db.update(bookings).set({ note }).where(eq(bookings.id, id));
  },
  async setSkipReason(db: DbOrTx, id: string, reason: string): Promise<void> {
    await db.update(bookings).set({ skipReason: reason, updatedAt: new Date() }).where(eq(bookings.id, id));
  },
  async insertEvent(
    db: DbOrTx,
    e: {
      bookingId: string;
      actorId: string | null;
      fromStatus: string | null;
      toStatus: string;
      reason: string;
    },
  ): Promise<void> {
    await db.insert(bookingEvents).values(e);
  },
  /** Active (confirmed or waitlisted) bookings of a slot, for cancelling the slot. */
  async activeOfSlot(db: DbOrTx, slotId: string): Promise<BookingRow[]> {
    return db
      .select()
      .from(bookings)
      .where(and(eq(bookings.slotId, slotId), inArray(bookings.status, ["confirmed", "waitlisted"])))
      .orderBy(asc(bookings.createdAt));
  },
  async views(db: DbOrTx, where: SQL, order: "asc" | "desc" = "asc", limit = 500): Promise<BookingView[]> {
    return db
      .select(viewColumns)
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .innerJoin(stations, eq(stations.id, bookings.stationId))
      .innerJoin(children, eq(children.id, bookings.childId))
      .where(where)
      .orderBy(
        order === "asc" ? asc(slots.startsAt) : desc(slots.startsAt),
        asc(bookings.createdAt),
        asc(bookings.id),
      )
      .limit(limit);
  },
  async viewsByIds(db: DbOrTx, ids: string[]): Promise<BookingView[]> {
    if (ids.length === 0) return [];
    return this.views(db, inArray(bookings.id, ids));
  },
  async listForFamily(
    db: DbOrTx,
    familyId: string,
    f: { status?: string | undefined; from?: Date | undefined; to?: Date | undefined },
  ): Promise<BookingView[]> {
    const conds: SQL[] = [eq(bookings.familyId, familyId)];
    if (f.status) conds.push(eq(bookings.status, f.status as BookingStatus));
    if (f.from) conds.push(gte(slots.startsAt, f.from));
    if (f.to) conds.push(lt(slots.startsAt, f.to));
    return this.views(db, and(...conds)!, "desc");
  },
  /** Bookings (not waitlisted or cancelled) of a station's slots starting in `[from, to)`. */
  async rosterViews(db: DbOrTx, stationId: string, from: Date, to: Date): Promise<BookingView[]> {
    return this.views(
      db,
      and(
        eq(bookings.stationId, stationId),
        inArray(bookings.status, ["confirmed", "checked_in", "completed", "no_show"]),
        gte(slots.startsAt, from),
        lt(slots.startsAt, to),
      )!,
    );
  },
  /** The family's bookings for the iCalendar feed: slots starting after `since`. */
  async calendarViews(db: DbOrTx, familyId: string, since: Date): Promise<BookingView[]> {
    return this.views(db, and(eq(bookings.familyId, familyId), gte(slots.startsAt, since))!, "asc", 1000);
  },
  async history(db: DbOrTx, bookingId: string) {
    return db
      .select({
        event: bookingEvents,
        actor: { id: users.id, displayName: users.displayName, role: users.role },
      })
      .from(bookingEvents)
      .leftJoin(users, eq(users.id, bookingEvents.actorId))
      .where(eq(bookingEvents.bookingId, bookingId))
      .orderBy(asc(bookingEvents.createdAt), asc(bookingEvents.id));
  },
  /** Caregiver accounts of the given families (who is told about their bookings). */
  async caregiversOf(db: DbOrTx, familyIds: string[]) {
    if (familyIds.length === 0) return [];
    return db
      .select({ id: users.id, familyId: users.familyId, displayName: users.displayName })
      .from(users)
      .where(
        and(inArray(users.familyId, familyIds), eq(users.role, "caregiver"), eq(users.status, "active")),
      );
  },
  /** Has this family ever booked at this station (so the station's staff serve it)? */
  async familyKnownAt(db: DbOrTx, familyId: string, stationId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.familyId, familyId), eq(bookings.stationId, stationId)))
      .limit(1);
    return !!row;
  },
};
