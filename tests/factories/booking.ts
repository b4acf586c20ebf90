import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import type {
  Booking,
  Child,
  ChildCreateInput,
  Slot,
  SlotRuleCreateInput,
  SlotRuleResult,
  Station,
  StationCreateInput,
} from "@carecircle/shared";
import type supertest from "supertest";
import { expect } from "vitest";
import type { TestServer } from "../setup/server.js";
import { type Account, buildAdmin, buildCaregiver, buildChild } from "./accounts.js";
import { sqlRows } from "./db.js";

const HOUR = 3_600_000;

/** An ISO instant `hours` from now (fractions allowed), on a whole minute as slots must be. */
export const hoursFromNow = (hours: number) =>
  new Date(Math.floor((Date.now() + hours * HOUR) / 60_000) * 60_000).toISOString();

/** 09:00 Asia/Shanghai (01:00 UTC) on the day `days` from now, `plusHours` later. */
/** The calendar date (YYYY-MM-DD) in Asia/Shanghai, the deployment's zone, `days` from now. */
export const shanghaiDay = (days = 0) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(
    new Date(Date.now() + days * 86_400_000),
  );

export const nineAm = (days: number, plusHours = 0) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(1 + plusHours, 0, 0, 0);
  return d.toISOString();
};

/** Cancel a booking as `who`; answers the raw response. */
export const cancelBooking = (srv: TestServer, who: Account, id: string) =>
  srv.http.post(`/api/bookings/${id}/cancel`).set("Authorization", who.auth).send({});

/** The slots a search as `who` finds (expects 200). */
export async function searchSlots(
  srv: TestServer,
  who: Account,
  query: Record<string, string>,
): Promise<Slot[]> {
  const res = await srv.http.get("/api/slots").query(query).set("Authorization", who.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.slots as Slot[];
}

/** A station created over HTTP by the admin (no opening hours unless given: any time fits). */
export async function buildStation(
  srv: TestServer,
  overrides: Partial<StationCreateInput> = {},
  opts: { staff?: Account[] } = {},
): Promise<Station> {
  const admin = await buildAdmin(srv);
  const res = await srv.http
    .post("/api/stations")
    .set("Authorization", admin.auth)
    .send({
      name: `站点 ${randomUUID().slice(0, 6)}`,
      district: "阳光街道",
      address: "阳光路 12 号",
      phone: "021-55550001",
      disabilityTypes: ["autism", "intellectual", "cerebral_palsy", "multiple"],
      serviceTypes: ["respite", "trusteeship"],
      ...overrides,
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  let station = res.body as Station;
  for (const s of opts.staff ?? []) {
    const r = await srv.http
      .post(`/api/stations/${station.id}/staff`)
      .set("Authorization", admin.auth)
      .send({ userId: s.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    station = r.body as Station;
  }
  return station;
}

/** A slot (and its station, unless given) created over HTTP. Defaults: 10 seats, 3-5 days ahead. */
export async function buildSlot(
  srv: TestServer,
  opts: {
    capacity?: number;
    station?: Station;
    stationOverrides?: Partial<StationCreateInput>;
    startsAt?: string;
    endsAt?: string;
    serviceType?: "respite" | "trusteeship";
  } = {},
): Promise<{ slot: Slot; station: Station }> {
  const station = opts.station ?? (await buildStation(srv, opts.stationOverrides));
  const startsAt = opts.startsAt ?? hoursFromNow(72);
  const endsAt = opts.endsAt ?? new Date(Date.parse(startsAt) + 2 * HOUR).toISOString();
  const admin = await buildAdmin(srv);
  const res = await srv.http
    .post("/api/slots")
    .set("Authorization", admin.auth)
    .send({
      stationId: station.id,
      serviceType: opts.serviceType ?? "respite",
      startsAt,
      endsAt,
      capacity: opts.capacity ?? 10,
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { slot: res.body as Slot, station };
}

/** A caregiver with one child (a new family). */
export async function buildFamily(
  srv: TestServer,
  child: Partial<ChildCreateInput> = {},
): Promise<{ caregiver: Account; child: Child }> {
  const caregiver = await buildCaregiver(srv);
  return { caregiver, child: await buildChild(srv, caregiver, child) };
}

/**
 * Many families at once, written straight to the database (registering 200 caregivers over
 * HTTP would spend minutes hashing passwords). Each gets a real signed access token.
 */
export async function buildFamiliesFast(
  srv: TestServer,
  n: number,
  disabilityTypes: string[] = ["autism"],
): Promise<{ caregiver: Account; child: { id: string; familyId: string } }[]> {
  const { signAccessToken } = await import("../../server/src/modules/auth/tokens.js");
  const out: { caregiver: Account; child: { id: string; familyId: string } }[] = [];
  for (let i = 0; i < n; i++) {
    const [row] = await sqlRows<{ family_id: string; user_id: string; child_id: string; email: string }>(
      srv,
      sql`WITH f AS (INSERT INTO families (invite_code) VALUES (${randomUUID().slice(0, 12)}) RETURNING id),
               u AS (INSERT INTO users (email, password_hash, display_name, role, family_id)
                     SELECT ${`bulk-${randomUUID()}@test.carecircle`}, 'x', ${`家长${i}`}, 'caregiver', id FROM f
                     RETURNING id, family_id, email),
               c AS (INSERT INTO children (family_id, nickname, birth_year, distress_type, disability_types)
                     SELECT id, ${`孩子${i}`}, 2015, 'illness_or_disability', ${`{${disabilityTypes.join(",")}}`}::text[] FROM f
                     RETURNING id)
          SELECT u.family_id, u.id AS user_id, c.id AS child_id, u.email FROM u, c`,
    );
    const token = signAccessToken(row!.user_id, "caregiver", srv.cc.deps.jwtSecret);
    out.push({
      caregiver: {
        id: row!.user_id,
        email: row!.email,
        password: "",
        token,
        refreshToken: "",
        role: "caregiver",
        displayName: `家长${i}`,
        familyId: row!.family_id,
        auth: `Bearer ${token}`,
      },
      child: { id: row!.child_id, familyId: row!.family_id },
    });
  }
  return out;
}

/** POST /api/bookings as `who`; returns the raw response. */
export function book(
  srv: TestServer,
  who: Account,
  slotId: string,
  childId: string,
  waitlist?: boolean,
): supertest.Test {
  return srv.http
    .post("/api/bookings")
    .set("Authorization", who.auth)
    .send({ slotId, childId, ...(waitlist === undefined ? {} : { waitlist }) });
}

/** Book and expect 201; returns the booking. */
export async function bookOk(
  srv: TestServer,
  who: Account,
  slotId: string,
  childId: string,
  waitlist?: boolean,
): Promise<Booking> {
  const res = await book(srv, who, slotId, childId, waitlist);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.booking as Booking;
}

/**
 * Move a slot (and its bookings' periods) in time, straight in the database: the API rightly
 * refuses to create slots in the past, but attendance and "too late" need slots that started.
 */
export async function moveSlot(srv: TestServer, slotId: string, startsAt: Date, endsAt: Date): Promise<void> {
  const s = startsAt.toISOString();
  const e = endsAt.toISOString();
  await sqlRows(
    srv,
    sql`UPDATE slots SET starts_at = ${s}::timestamptz, ends_at = ${e}::timestamptz WHERE id = ${slotId}::uuid`,
  );
  await sqlRows(
    srv,
    sql`UPDATE bookings SET period = tstzrange(${s}::timestamptz, ${e}::timestamptz, '[)') WHERE slot_id = ${slotId}::uuid`,
  );
}

/** Age a family's stress check-ins by `days` (to test the 30-day look-back). */
export async function ageCheckins(srv: TestServer, familyId: string, days: number): Promise<void> {
  await sqlRows(
    srv,
    sql`UPDATE stress_checkins SET created_at = created_at - make_interval(days => ${days}) WHERE family_id = ${familyId}::uuid`,
  );
}

/** Record `hours` of completed care for a family `daysAgo` days ago (a past slot at `stationId`). */
export async function giveCareHours(
  srv: TestServer,
  fam: { familyId: string; childId: string },
  stationId: string,
  hours: number,
  daysAgo = 3,
): Promise<void> {
  const start = new Date(Date.now() - daysAgo * 24 * HOUR);
  const end = new Date(start.getTime() + hours * HOUR);
  const s = start.toISOString();
  const e = end.toISOString();
  await sqlRows(
    srv,
    sql`WITH sl AS (INSERT INTO slots (station_id, service_type, starts_at, ends_at, capacity, confirmed_count)
                    VALUES (${stationId}::uuid, 'respite', ${s}::timestamptz, ${e}::timestamptz, 1, 1) RETURNING id)
        INSERT INTO bookings (slot_id, station_id, child_id, family_id, status, period, confirmed_at, checked_in_at, checked_out_at)
        SELECT id, ${stationId}::uuid, ${fam.childId}::uuid, ${fam.familyId}::uuid, 'completed',
               tstzrange(${s}::timestamptz, ${e}::timestamptz, '[)'), ${s}::timestamptz, ${s}::timestamptz, ${e}::timestamptz
        FROM sl`,
  );
}

/** The slot row as the database holds it. */
export async function slotRow(srv: TestServer, slotId: string) {
  const [row] = await sqlRows<{ capacity: number; confirmed_count: number; cancelled_at: Date | null }>(
    srv,
    sql`SELECT capacity, confirmed_count, cancelled_at FROM slots WHERE id = ${slotId}::uuid`,
  );
  return row!;
}

/** Count a slot's bookings per status, straight from the database. */
export async function bookingCounts(srv: TestServer, slotId: string): Promise<Record<string, number>> {
  const rows = await sqlRows<{ status: string; n: number }>(
    srv,
    sql`SELECT status, count(*)::int AS n FROM bookings WHERE slot_id = ${slotId}::uuid GROUP BY status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** What a client sends to create a slot rule (`validTo` may be left out). */
export type SlotRuleBody = Omit<SlotRuleCreateInput, "validTo"> & { validTo?: string | null };

/** A weekly slot-rule body at `stationId`: every day 09:00-11:00 for 3, from today, two weeks ahead. */
export function slotRuleBody(stationId: string, overrides: Partial<SlotRuleCreateInput> = {}): SlotRuleBody {
  return {
    stationId,
    serviceType: "respite",
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    startTime: "09:00",
    endTime: "11:00",
    capacity: 3,
    validFrom: new Date().toISOString().slice(0, 10),
    weeksAhead: 2,
    ...overrides,
  };
}

/** A weekly slot rule created over HTTP by `by` (see `slotRuleBody`); answers the rule and the slots it made. */
export async function buildSlotRule(
  srv: TestServer,
  by: Account,
  stationId: string,
  overrides: Partial<SlotRuleCreateInput> = {},
): Promise<SlotRuleResult> {
  const res = await srv.http
    .post("/api/slot-rules")
    .set("Authorization", by.auth)
    .send(slotRuleBody(stationId, overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as SlotRuleResult;
}
