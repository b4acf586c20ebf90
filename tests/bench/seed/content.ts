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

/**
 * A station accepting every disability type (Asia/Shanghai), with `slots` two-hour respite slots
 * of `seats` seats, three hours apart from 09:00 local two days ahead: none runs past local
 * midnight, so every run, at any hour, is staffed alike.
 */
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
     SELECT $1, 'respite', date_trunc('day', now()) + interval '2 days 1 hour' + g * interval '3 hours',
            date_trunc('day', now()) + interval '2 days 3 hours' + g * interval '3 hours', $3
     FROM generate_series(0, $2::int - 1) g
     RETURNING id`,
    [station!.id, slots, seats],
  );
  await seedStaffing(sql, station!.id);
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

/** Children per staff member at the bench station (issue 19 §1: ratios on in the storm). */
export const BENCH_RATIO = 4;

/**
 * Staff the bench station: three staff members on shift 00:00-23:59 every day, two of them
 * qualified for tube feeding (a one-to-one need), and a respite ratio of `BENCH_RATIO`.
 */
export async function seedStaffing(sql: Sql, stationId: string): Promise<void> {
  const staff = await sql.query<{ id: string }>(
    `INSERT INTO users (email, password_hash, display_name, role)
     SELECT 'bench-staff-' || gen_random_uuid() || '@bench.carecircle', 'x', 'Bench staff ' || g, 'station_staff'
     FROM generate_series(1, 3) g RETURNING id`,
  );
  const ids = staff.map((s) => s.id);
  await sql.query(
    `INSERT INTO care_need_types (code, label_zh, label_en, one_to_one)
     VALUES ('tube_feeding', '鼻饲/管饲', 'Tube feeding', true) ON CONFLICT DO NOTHING`,
  );
  await sql.query(`INSERT INTO station_staff (station_id, user_id) SELECT $1, unnest($2::uuid[])`, [
    stationId,
    ids,
  ]);
  await sql.query(
    `INSERT INTO staff_shifts (station_id, user_id, weekday, start_time, end_time, valid_from)
     SELECT $1, u, w, '00:00', '23:59', current_date - 1 FROM unnest($2::uuid[]) u, generate_series(1, 7) w`,
    [stationId, ids],
  );
  await sql.query(
    `INSERT INTO staff_qualifications (user_id, need_code, expires_on)
     SELECT unnest($1::uuid[]), 'tube_feeding', current_date + 365`,
    [ids.slice(0, 2)],
  );
  await sql.query(
    `INSERT INTO station_ratios (station_id, service_type, children_per_staff) VALUES ($1, 'respite', $2)`,
    [stationId, BENCH_RATIO],
  );
}

/** Every `every`-th child needs tube feeding (one-to-one, qualified staff only; seedStaffing adds the need). */
export async function seedCareNeeds(sql: Sql, childIds: string[], every = 10): Promise<void> {
  await sql.query(
    `INSERT INTO care_need_types (code, label_zh, label_en, one_to_one)
     VALUES ('tube_feeding', '鼻饲/管饲', 'Tube feeding', true) ON CONFLICT DO NOTHING`,
  );
  await sql.query(
    `INSERT INTO child_care_needs (child_id, need_code) SELECT unnest($1::uuid[]), 'tube_feeding'`,
    [childIds.filter((_, i) => i % every === 0)],
  );
}

/**
 * Seat-holding bookings whose care need no qualified staff member on shift covers, and slots whose
 * confirmed children need more staff than are on shift (one-to-one children + others / ratio).
 * The bench staffs with weekly all-day shifts and no exceptions, which is what this counts.
 */
export async function countUncovered(
  sql: Sql,
  slotIds: string[],
): Promise<{ uncoveredNeeds: number; overRatioSlots: number }> {
  const onShift = `FROM staff_shifts sh
       WHERE sh.station_id = s.station_id
         AND sh.weekday = extract(isodow FROM s.starts_at AT TIME ZONE st.time_zone)
         AND sh.start_time <= to_char(s.starts_at AT TIME ZONE st.time_zone, 'HH24:MI')
         AND (s.ends_at AT TIME ZONE st.time_zone)::date = (s.starts_at AT TIME ZONE st.time_zone)::date
         AND sh.end_time >= to_char(s.ends_at AT TIME ZONE st.time_zone, 'HH24:MI')`;
  const [row] = await sql.query<{ uncovered: string; over: string }>(
    `WITH held AS (
       SELECT b.child_id, s.id AS slot_id, s.station_id, s.starts_at, s.ends_at, st.time_zone, s.service_type
       FROM bookings b JOIN slots s ON s.id = b.slot_id JOIN stations st ON st.id = s.station_id
       WHERE b.slot_id = ANY($1::uuid[]) AND b.status IN ('confirmed','checked_in')
     ), per_slot AS (
       SELECT h.slot_id, count(*) FILTER (WHERE t.one_to_one) AS whole, count(*) FILTER (WHERE t.one_to_one IS NOT TRUE) AS shared
       FROM held h LEFT JOIN LATERAL (
         SELECT bool_or(ct.one_to_one) AS one_to_one FROM child_care_needs n
         JOIN care_need_types ct ON ct.code = n.need_code WHERE n.child_id = h.child_id) t ON true
       GROUP BY h.slot_id
     )
     SELECT
       (SELECT count(*) FROM held h JOIN child_care_needs n ON n.child_id = h.child_id
          JOIN slots s ON s.id = h.slot_id JOIN stations st ON st.id = s.station_id
        WHERE NOT EXISTS (SELECT 1 ${onShift} AND EXISTS (
          SELECT 1 FROM staff_qualifications q WHERE q.user_id = sh.user_id AND q.need_code = n.need_code
            AND q.expires_on >= (s.starts_at AT TIME ZONE st.time_zone)::date))) AS uncovered,
       (SELECT count(*) FROM per_slot p JOIN slots s ON s.id = p.slot_id JOIN stations st ON st.id = s.station_id
          LEFT JOIN station_ratios r ON r.station_id = s.station_id AND r.service_type = s.service_type
        WHERE p.whole + coalesce(ceil(p.shared::numeric / r.children_per_staff), 0)
              > (SELECT count(DISTINCT sh.user_id) ${onShift})) AS over`,
    [slotIds],
  );
  return { uncoveredNeeds: Number(row!.uncovered), overRatioSlots: Number(row!.over) };
}
