import { eq, getTableColumns, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
import { bookings, children, families, slots, stations } from "../../db/schema/index.js";
import type { ChildRow } from "../children/children.repo.js";
import type { SlotRow } from "../slots/slots.repo.js";
import type { StationRow } from "../stations/stations.repo.js";
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
   * Lock the slot (the first lock of every seat decision) and read its station and the child in
   * the same statement. The child is only read: a child's profile is not what bookings contend on.
   */
  async lockSlot(
    db: DbOrTx,
    slotId: string,
    childId: string,
  ): Promise<{ slot: SlotRow; station: StationRow; child: ChildRow | null } | undefined> {
    const [row] = await db
      .select({ slot: slots, station: stations, child: children })
      .from(slots)
      .innerJoin(stations, eq(stations.id, slots.stationId))
      .leftJoin(children, eq(children.id, childId))
      .where(eq(slots.id, slotId))
      .for("no key update", { of: slots })
      .limit(1);
    return row;
  },

  /**
   * Lock the family (second lock: serialises its quota decisions) and read who its active
   * caregivers are. The family's bookings must be read by a LATER statement: under READ COMMITTED
   * a statement reads with the snapshot it started with, before it waited for the lock.
   */
  async lockFamily(db: DbOrTx, familyId: string): Promise<{ caregiverIds: string[] } | undefined> {
    const rows = await queryRows<{ caregiver_ids: unknown }>(
      db,
      sql`select array(
                select u.id::text from users u
                where u.family_id = f.id and u.role = 'caregiver' and u.status = 'active') as caregiver_ids
          from ${families} f where f.id = ${familyId}::uuid
          for no key update of f`,
    );
    const r = rows[0];
    if (!r) return undefined;
    const ids = r.caregiver_ids;
    return {
      caregiverIds: Array.isArray(ids)
        ? ids.map(String)
        : String(ids ?? "{}")
            .replace(/^\{|\}$/g, "")
            .split(",")
            .filter(Boolean),
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
