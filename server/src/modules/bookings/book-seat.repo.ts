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

/** What the booking transaction decides on, read in as few statements as correctness allows. */
export const bookSeatRepo = {
  /**
   * First statement of a booking: lock the child's family (its quota decisions queue here) and
   * read the slot, its station, the child and the family's active caregivers. Undefined when the
   * slot or the child does not exist. The family's bookings are read by a LATER statement: under
   * READ COMMITTED a statement reads with the snapshot it started with, before it waited for the lock.
   */
  async lockFamilyAndRead(
    db: DbOrTx,
    slotId: string,
    childId: string,
  ): Promise<{ slot: SlotRow; station: StationRow; child: ChildRow; caregiverIds: string[] } | undefined> {
    const [row] = await db
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
      .innerJoin(children, eq(children.id, sql.placeholder("childId")))
      .innerJoin(families, eq(families.id, children.familyId))
      .where(eq(slots.id, sql.placeholder("slotId")))
      .for("no key update", { of: families })
      .limit(1)
      .prepare("booking_lock_family")
      .execute({ slotId, childId });
    if (!row) return undefined;
    return {
      slot: row.slot,
      station: row.station,
      child: row.child,
      caregiverIds: textArray(row.caregiverIds),
    };
  },

  /**
   * Second statement: lock the slot (its seat changes queue here until commit) and read the
   * family's non-cancelled bookings of slots starting in `[from, to)`, fresh under the family lock.
   */
  async lockSlotWithFacts(
    db: DbOrTx,
    slotId: string,
    familyId: string,
    window: { from: Date; to: Date },
  ): Promise<{ slot: SlotRow; facts: FamilyBookingFact[] } | undefined> {
    const [row] = await db
      .select({
        slot: slots,
        facts: sql<unknown>`coalesce((
          select json_agg(json_build_object(
            'slotId', b.slot_id, 'stationId', b.station_id, 'childId', b.child_id, 'status', b.status,
            'startsAt', fs.starts_at, 'endsAt', fs.ends_at))
          from bookings b join slots fs on fs.id = b.slot_id
          where b.family_id = ${sql.placeholder("familyId")}::uuid and b.status <> 'cancelled'
            and fs.starts_at >= ${sql.placeholder("from")}::timestamptz
            and fs.starts_at < ${sql.placeholder("to")}::timestamptz), '[]'::json)`,
      })
      .from(slots)
      .where(eq(slots.id, sql.placeholder("slotId")))
      .for("no key update", { of: slots })
      .limit(1)
      .prepare("booking_lock_slot")
      .execute({ slotId, familyId, from: window.from.toISOString(), to: window.to.toISOString() });
    if (!row) return undefined;
    const raw = (typeof row.facts === "string" ? JSON.parse(row.facts) : row.facts) as Array<
      Omit<FamilyBookingFact, "startsAt" | "endsAt"> & { startsAt: string; endsAt: string }
    >;
    return {
      slot: row.slot,
      facts: raw.map((f) => ({ ...f, startsAt: new Date(f.startsAt), endsAt: new Date(f.endsAt) })),
    };
  },

  /**
   * Take a seat if one is left, else (when `waitlist`) join the waitlist, and record the history
   * event, in ONE statement. The conditional counter update is still what makes overbooking
   * impossible. Answers undefined when the slot is full and the family did not ask to wait.
   */
  async seatOrWaitlist(
    db: DbOrTx,
    b: {
      slot: SlotRow;
      childId: string;
      familyId: string;
      bookedBy: string;
      onBehalf: boolean;
      waitlist: boolean;
      now: Date;
      reasons: { confirmed: string; waitlisted: string };
    },
  ): Promise<{ row: BookingRow; confirmedCount: number; waitlistCount: number } | undefined> {
    const { slot, now } = b;
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`with seat as (
            update slots set confirmed_count = confirmed_count + 1, updated_at = ${iso(now)}
            where id = ${slot.id}::uuid and confirmed_count < capacity and cancelled_at is null
            returning confirmed_count
          ), decided as (
            select (select confirmed_count from seat) as seat_count
          ), ins as (
            insert into bookings (slot_id, station_id, child_id, family_id, status, period, booked_by,
                                  on_behalf, confirmed_at, waitlisted_at, created_at, updated_at)
            select ${slot.id}::uuid, ${slot.stationId}::uuid, ${b.childId}::uuid, ${b.familyId}::uuid,
                   case when d.seat_count is not null then 'confirmed' else 'waitlisted' end,
                   tstzrange(${iso(slot.startsAt)}, ${iso(slot.endsAt)}, '[)'),
                   ${b.bookedBy}::uuid, ${b.onBehalf},
                   case when d.seat_count is not null then ${iso(now)} end,
                   case when d.seat_count is null then ${iso(now)} end,
                   ${iso(now)}, ${iso(now)}
            from decided d
            where d.seat_count is not null or ${b.waitlist}
            returning *
          ), ev as (
            insert into booking_events (booking_id, actor_id, from_status, to_status, reason)
            select ins.id, ${b.bookedBy}::uuid, null, ins.status,
                   case when ins.status = 'confirmed' then ${b.reasons.confirmed} else ${b.reasons.waitlisted} end
            from ins
          )
          select ins.*, (select seat_count from decided) as seat_count,
                 (select count(*) from bookings w
                  where w.slot_id = ${slot.id}::uuid and w.status = 'waitlisted') as waitlisted_before
          from ins`,
    );
    const raw = rows[0];
    if (!raw) return undefined;
    const row = bookingFromRaw(raw);
    return {
      row,
      confirmedCount: raw.seat_count == null ? slot.confirmedCount : Number(raw.seat_count),
      // The statement's own insert is not visible to its subquery: count it here.
      waitlistCount: Number(raw.waitlisted_before) + (row.status === "waitlisted" ? 1 : 0),
    };
  },
};
