import { eq, getTableColumns, sql } from "drizzle-orm";
import { type DbOrTx, queryRows, textArray } from "../../db/client.js";
import { bookings, children, families, slots, stations } from "../../db/schema/index.js";
import type { ChildRow } from "../children/children.repo.js";
import type { SlotRow } from "../slots/slots.repo.js";
import type { StationRow } from "../stations/stations.repo.js";
import type { FamilyBookingFact } from "./booking-rules.js";
import type { BookingRow } from "./bookings.repo.js";

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** A raw `bookings` row (snake_case, driver-specific types) in Drizzle's row shape. */
function bookingFromRaw(raw: Record<string, unknown>): BookingRow {
  const out: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(getTableColumns(bookings))) {
    const v = raw[col.name];
    out[key] = v == null ? null : col.mapFromDriverValue(v);
  }
  return out as BookingRow;
}

/** A child of the batch with its family's active caregivers, read under the family lock. */
export interface LockedChild {
  child: ChildRow;
  caregiverIds: string[];
}

/** One decided booking to write: its place in the batch orders the timestamps. */
export interface SeatWrite {
  ord: number;
  childId: string;
  familyId: string;
  status: "confirmed" | "waitlisted";
  bookedBy: string;
  onBehalf: boolean;
  /** Station staff booked it: a caregiver must confirm before care notes open (decision 088). */
  awaitingFamily: boolean;
  reason: string;
}

/** `{a,b}`: a uuid[] literal (the ids are validated uuids; one text parameter works on both drivers). */
const uuidArray = (ids: readonly string[]) => `{${ids.join(",")}}`;

/** What a batch of bookings of one slot decides on, read in as few statements as correctness allows. */
export const bookSeatRepo = {
  /**
   * First statement: lock the families of the batch's children, in family id order (so batches
   * never wait on each other in a cycle), reading the slot, its station, each child and its
   * family's active caregivers. Undefined when the slot does not exist or none of the children
   * does. The families' bookings are read by a LATER statement: under READ COMMITTED a statement
   * reads with the snapshot it started with, before it waited for the locks.
   */
  async lockFamiliesAndRead(
    db: DbOrTx,
    slotId: string,
    childIds: readonly string[],
  ): Promise<{ slot: SlotRow; station: StationRow; children: Map<string, LockedChild> } | undefined> {
    const rows = await db
      .select({
        slot: slots,
        station: stations,
        child: children,
        caregiverIds: sql<unknown>`array(
          select u.id::text from users u
          where u.family_id = ${families.id} and u.role = 'caregiver' and u.status = 'active')`,
      })
      .from(slots)
      .innerJoin(stations, eq(stations.id, slots.stationId))
      .innerJoin(children, sql`${children.id} = any(${sql.placeholder("childIds")}::uuid[])`)
      .innerJoin(families, eq(families.id, children.familyId))
      .where(eq(slots.id, sql.placeholder("slotId")))
      .orderBy(families.id, children.id)
      .for("no key update", { of: families })
      .prepare("booking_lock_families")
      .execute({ slotId, childIds: uuidArray(childIds) });
    const first = rows[0];
    if (!first) return undefined;
    const locked = new Map<string, LockedChild>();
    for (const r of rows) locked.set(r.child.id, { child: r.child, caregiverIds: textArray(r.caregiverIds) });
    return { slot: first.slot, station: first.station, children: locked };
  },

  /**
   * Second statement: lock the slot (its seat changes queue here until commit) and read the
   * families' non-cancelled bookings of slots starting in `[from, to)`, fresh under the family locks.
   */
  async lockSlotWithFacts(
    db: DbOrTx,
    slotId: string,
    familyIds: readonly string[],
    window: { from: Date; to: Date },
  ): Promise<{ slot: SlotRow; facts: Map<string, FamilyBookingFact[]> } | undefined> {
    const [row] = await db
      .select({
        slot: slots,
        facts: sql<unknown>`coalesce((
          select json_agg(json_build_object(
            'familyId', b.family_id, 'slotId', b.slot_id, 'stationId', b.station_id,
            'childId', b.child_id, 'status', b.status, 'startsAt', fs.starts_at, 'endsAt', fs.ends_at))
          from bookings b join slots fs on fs.id = b.slot_id
          where b.family_id = any(${sql.placeholder("familyIds")}::uuid[]) and b.status <> 'cancelled'
            and fs.starts_at >= ${sql.placeholder("from")}::timestamptz
            and fs.starts_at < ${sql.placeholder("to")}::timestamptz), '[]'::json)`,
      })
      .from(slots)
      .where(eq(slots.id, sql.placeholder("slotId")))
      .for("no key update", { of: slots })
      .limit(1)
      .prepare("booking_lock_slot")
      .execute({
        slotId,
        familyIds: uuidArray(familyIds),
        from: window.from.toISOString(),
        to: window.to.toISOString(),
      });
    if (!row) return undefined;
    const raw = (typeof row.facts === "string" ? JSON.parse(row.facts) : row.facts) as Array<
      Omit<FamilyBookingFact, "startsAt" | "endsAt"> & { familyId: string; startsAt: string; endsAt: string }
    >;
    const facts = new Map<string, FamilyBookingFact[]>(familyIds.map((id) => [id, []]));
    for (const { familyId, ...f } of raw)
      facts.get(familyId)?.push({ ...f, startsAt: new Date(f.startsAt), endsAt: new Date(f.endsAt) });
    return { slot: row.slot, facts };
  },

  /**
   * Third statement: take the decided seats and waitlist places and record their history events.
   * The conditional counter update is still what makes overbooking impossible: unless every
   * decided seat fits (and the slot is not cancelled), nothing is written and this answers
   * undefined. Rows get the batch's time plus their place in microseconds, so first come stays
   * first in the waitlist order. Answers the written rows in batch order.
   */
  async seatMany(
    db: DbOrTx,
    slot: SlotRow,
    now: Date,
    writes: readonly SeatWrite[],
  ): Promise<{ rows: BookingRow[]; confirmedCount: number; waitlistCount: number } | undefined> {
    const seats = writes.filter((w) => w.status === "confirmed").length;
    const input = JSON.stringify(
      writes.map((w) => ({
        ord: w.ord,
        child_id: w.childId,
        family_id: w.familyId,
        status: w.status,
        booked_by: w.bookedBy,
        on_behalf: w.onBehalf,
        awaiting_family: w.awaitingFamily,
        reason: w.reason,
      })),
    );
    const raws = await queryRows<Record<string, unknown>>(
      db,
      sql`with input as (
            select * from jsonb_to_recordset(${input}::jsonb)
              as r(ord int, child_id uuid, family_id uuid, status text, booked_by uuid, on_behalf boolean,
                   awaiting_family boolean, reason text)
          ), seat as (
            update slots set confirmed_count = confirmed_count + ${seats}::int, updated_at = ${iso(now)}
            where id = ${slot.id}::uuid and ${seats}::int > 0
              and confirmed_count + ${seats}::int <= capacity and cancelled_at is null
            returning confirmed_count
          ), ins as (
            insert into bookings (slot_id, station_id, child_id, family_id, status, period, booked_by,
                                  on_behalf, awaiting_family, confirmed_at, waitlisted_at, created_at, updated_at)
            select ${slot.id}::uuid, ${slot.stationId}::uuid, r.child_id, r.family_id, r.status,
                   tstzrange(${iso(slot.startsAt)}, ${iso(slot.endsAt)}, '[)'), r.booked_by, r.on_behalf, r.awaiting_family,
                   case when r.status = 'confirmed' then t.at end,
                   case when r.status = 'waitlisted' then t.at end, t.at, t.at
            from input r
            cross join lateral (select ${iso(now)} + r.ord * interval '1 microsecond' as at) t
            where ${seats}::int = 0 or exists (select 1 from seat)
            order by r.ord
            returning *
          ), ev as (
            insert into booking_events (booking_id, actor_id, from_status, to_status, reason)
            select ins.id, r.booked_by, null, ins.status, r.reason
            from ins join input r on r.child_id = ins.child_id
          )
          select ins.*, (select confirmed_count from seat) as seat_count,
                 (select count(*) from bookings w
                  where w.slot_id = ${slot.id}::uuid and w.status = 'waitlisted') as waitlisted_before
          from ins join input r on r.child_id = ins.child_id
          order by r.ord`,
    );
    if (raws.length !== writes.length) return undefined;
    const rows = raws.map(bookingFromRaw);
    const first = raws[0]!;
    return {
      rows,
      confirmedCount: first.seat_count == null ? slot.confirmedCount : Number(first.seat_count),
      // The statement's own inserts are not visible to its subquery: count them here.
      waitlistCount: Number(first.waitlisted_before) + (writes.length - seats),
    };
  },
};
