import { eq, inArray, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
import { bookings, slots } from "../../db/schema/index.js";

/** A waitlisted booking with its family's priority inputs (see waitlist-order.ts). */
export interface WaitlistRow {
  bookingId: string;
  familyId: string;
  childId: string;
  slotId: string;
  urgent: boolean;
  latestStress: number | null;
  hoursLast30Days: number;
  waitlistedAt: Date;
  skipReason: string | null;
}

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** Data access for the waitlist's priority inputs, family booking statistics and waitlist closing. */
export const waitlistRepo = {
  /**
   * Waitlisted bookings of the given slots with each family's priority inputs as of `now`. The
   * stress is the family's last counted check-in before the booking joined the waitlist; only the
   * first check-in of a day (the station's time zone) counts (decision 088).
   */
  async waitlist(db: DbOrTx, slotIds: string[], now: Date, lookbackDays: number): Promise<WaitlistRow[]> {
    if (slotIds.length === 0) return [];
    const since = new Date(now.getTime() - lookbackDays * 86_400_000);
    const ids = sql.join(
      slotIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const rows = await queryRows<{
      booking_id: string;
      family_id: string;
      child_id: string;
      slot_id: string;
      urgent: boolean;
      latest_stress: number | null;
      hours: number;
      waitlisted_at: Date | string;
      skip_reason: string | null;
    }>(
      db,
      sql`SELECT b.id AS booking_id, b.family_id, b.child_id, b.slot_id, f.urgent, b.skip_reason,
            COALESCE(b.waitlisted_at, b.created_at) AS waitlisted_at,
            (SELECT c.stress FROM stress_checkins c
               WHERE c.family_id = b.family_id
                 AND c.created_at > COALESCE(b.waitlisted_at, b.created_at) - ${lookbackDays} * interval '1 day'
                 AND c.created_at <= LEAST(COALESCE(b.waitlisted_at, b.created_at), ${iso(now)})
                 AND NOT EXISTS (
                   SELECT 1 FROM stress_checkins e
                   WHERE e.family_id = c.family_id AND (e.created_at, e.id) < (c.created_at, c.id)
                     AND (e.created_at AT TIME ZONE st.time_zone)::date
                       = (c.created_at AT TIME ZONE st.time_zone)::date)
               ORDER BY c.created_at DESC, c.id DESC LIMIT 1) AS latest_stress,
            (SELECT COALESCE(sum(extract(epoch FROM (s2.ends_at - s2.starts_at))), 0)::float8 / 3600
               FROM bookings x JOIN slots s2 ON s2.id = x.slot_id
               WHERE x.family_id = b.family_id AND x.status IN ('checked_in', 'completed')
                 AND s2.starts_at >= ${iso(since)}) AS hours
          FROM bookings b JOIN families f ON f.id = b.family_id JOIN stations st ON st.id = b.station_id
          WHERE b.slot_id IN (${ids}) AND b.status = 'waitlisted'`,
    );
    return rows.map((r) => ({
      bookingId: r.booking_id,
      familyId: r.family_id,
      childId: r.child_id,
      slotId: r.slot_id,
      urgent: r.urgent,
      latestStress: r.latest_stress === null ? null : Number(r.latest_stress),
      hoursLast30Days: Number(r.hours),
      waitlistedAt: new Date(r.waitlisted_at),
      skipReason: r.skip_reason,
    }));
  },
  /** No-shows, late cancellations and hours of care received in the last 30 days, per family. */
  async familyStats(db: DbOrTx, familyIds: string[], now: Date) {
    if (familyIds.length === 0)
      return new Map<string, { noShowCount: number; lateCancelCount: number; hoursLast30Days: number }>();
    const since = new Date(now.getTime() - 30 * 86_400_000);
    const rows = await db
      .select({
        familyId: bookings.familyId,
        noShowCount: sql<number>`count(*) FILTER (WHERE ${bookings.status} = 'no_show')::int`,
        lateCancelCount: sql<number>`count(*) FILTER (WHERE ${bookings.lateCancel})::int`,
        hours: sql<number>`(COALESCE(sum(extract(epoch FROM (${slots.endsAt} - ${slots.startsAt}))) FILTER (
            WHERE ${bookings.status} IN ('checked_in', 'completed') AND ${slots.startsAt} >= ${iso(since)}), 0) / 3600)::float8`,
      })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .where(inArray(bookings.familyId, familyIds))
      .groupBy(bookings.familyId);
    return new Map(
      rows.map((r) => [
        r.familyId,
        {
          noShowCount: Number(r.noShowCount),
          lateCancelCount: Number(r.lateCancelCount),
          hoursLast30Days: Math.round(Number(r.hours) * 100) / 100,
        },
      ]),
    );
  },
  /**
   * Close the waitlists of slots that have started: each waitlisted booking becomes cancelled,
   * with a history entry, in one statement. Returns the closed booking ids.
   */
  async closeStartedWaitlists(db: DbOrTx, now: Date, reason: string): Promise<string[]> {
    const rows = await queryRows<{ booking_id: string }>(
      db,
      sql`WITH closed AS (
            UPDATE bookings b SET status = 'cancelled', cancelled_at = ${iso(now)}, updated_at = ${iso(now)}
            FROM slots s
            WHERE s.id = b.slot_id AND b.status = 'waitlisted' AND s.starts_at <= ${iso(now)}
            RETURNING b.id)
          INSERT INTO booking_events (booking_id, actor_id, from_status, to_status, reason)
          SELECT id, NULL, 'waitlisted', 'cancelled', ${reason} FROM closed
          RETURNING booking_id`,
    );
    return rows.map((r) => r.booking_id);
  },
};
