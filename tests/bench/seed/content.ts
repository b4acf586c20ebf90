import type { Sql } from "../lib/database.js";

/**
 * Give a group `count` messages in one INSERT ... SELECT generate_series, with the seq and change
 * sequence a real sender would have produced (1..count) and the group's counters moved to match.
 */
export async function seedMessages(
  sql: Sql,
  groupId: string,
  senderId: string,
  count: number,
): Promise<void> {
  const chunk = 250_000;
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await sql.query(
      `INSERT INTO messages (group_id, seq, client_id, sender_id, body, change_seq, created_at)
       SELECT $1, g, gen_random_uuid(), $2, 'Seeded message number ' || g || ' about respite care and school',
              g, now() - ($3::bigint - g) * interval '1 second'
       FROM generate_series($4::bigint, $5::bigint) g`,
      [groupId, senderId, count, from, to],
    );
  }
  await sql.query(`UPDATE groups SET last_seq = $2, change_seq = $2 WHERE id = $1`, [groupId, count]);
  // A real history was vacuumed long ago: do it now, so autovacuum does not start mid-measurement.
  await sql.query(`VACUUM ANALYZE messages`);
}

/** A station accepting every disability type, with `slots` respite slots of `seats` seats. */
export async function seedStationWithSlots(sql: Sql, slots: number, seats: number): Promise<string[]> {
  const [station] = await sql.query<{ id: string }>(
    `INSERT INTO stations (name, district, address, phone, disability_types, service_types)
     VALUES ('Bench station', 'Bench district', '1 Bench Road', '000-0000',
             ARRAY['autism','intellectual','cerebral_palsy','physical','visual','hearing','chronic_illness','multiple'],
             ARRAY['respite','trusteeship'])
     RETURNING id`,
  );
  const rows = await sql.query<{ id: string }>(
    `INSERT INTO slots (station_id, service_type, starts_at, ends_at, capacity)
     SELECT $1, 'respite', date_trunc('hour', now()) + interval '2 days' + g * interval '3 hours',
            date_trunc('hour', now()) + interval '2 days' + g * interval '3 hours' + interval '2 hours', $3
     FROM generate_series(0, $2::int - 1) g
     RETURNING id`,
    [station!.id, slots, seats],
  );
  return rows.map((r) => r.id);
}

/** Slots holding more seat-holding bookings than seats, or whose counter disagrees with the rows. */
export async function countOverbooking(
  sql: Sql,
  slotIds: string[],
): Promise<{ overbooked: number; confirmed: number }> {
  const [row] = await sql.query<{ overbooked: string; confirmed: string }>(
    `WITH c AS (
       SELECT s.id, s.capacity, s.confirmed_count,
              count(b.id) FILTER (WHERE b.status IN ('confirmed','checked_in','completed','no_show')) AS held
       FROM slots s LEFT JOIN bookings b ON b.slot_id = s.id
       WHERE s.id = ANY($1::uuid[]) GROUP BY s.id
     )
     SELECT count(*) FILTER (WHERE held > capacity OR held <> confirmed_count) AS overbooked,
            coalesce(sum(held), 0) AS confirmed
     FROM c`,
    [slotIds],
  );
  return { overbooked: Number(row!.overbooked), confirmed: Number(row!.confirmed) };
}
