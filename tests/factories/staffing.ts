import { sql } from "@carecircle/server";
import type { Shift, StationStaffing } from "@carecircle/shared";
import { expect } from "vitest";
import type { TestServer } from "../setup/server.js";
import { type Account, buildAdmin } from "./accounts.js";
import { sqlRows } from "./db.js";

/** ISO weekday (1 = Monday) of a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** A weekly shift added over HTTP by the admin (expects 201). */
export async function addShift(
  srv: TestServer,
  stationId: string,
  staff: Account,
  o: { date: string; startTime?: string; endTime?: string; validUntil?: string | null },
): Promise<Shift> {
  const admin = await buildAdmin(srv);
  const res = await srv.http
    .post(`/api/stations/${stationId}/shifts`)
    .set("Authorization", admin.auth)
    .send({
      userId: staff.id,
      weekday: weekdayOf(o.date),
      startTime: o.startTime ?? "08:00",
      endTime: o.endTime ?? "18:00",
      validFrom: o.date,
      validUntil: o.validUntil ?? null,
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Shift;
}

/** A qualification recorded over HTTP by the admin (expects 201); answers its id. */
export async function addQualification(
  srv: TestServer,
  staff: Account,
  needCode: string,
  expiresOn: string,
): Promise<string> {
  const admin = await buildAdmin(srv);
  const res = await srv.http
    .post(`/api/staff/${staff.id}/qualifications`)
    .set("Authorization", admin.auth)
    .send({ needCode, expiresOn });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Set a child's needs over HTTP as `who` (expects 200). */
export async function setNeeds(
  srv: TestServer,
  who: Account,
  childId: string,
  codes: string[],
): Promise<void> {
  const res = await srv.http
    .put(`/api/children/${childId}/care-needs`)
    .set("Authorization", who.auth)
    .send({ needs: codes.map((code) => ({ code, instructions: "" })) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Give many children a need at once, straight in the database (like buildFamiliesFast). */
export async function setNeedsFast(srv: TestServer, childIds: string[], code: string): Promise<void> {
  await sqlRows(
    srv,
    sql`insert into child_care_needs (child_id, need_code)
        select unnest(${`{${childIds.join(",")}}`}::uuid[]), ${code}`,
  );
}

/** Set (or lift, with null) a service ratio at a station as the admin (expects 200). */
export async function setRatio(
  srv: TestServer,
  stationId: string,
  childrenPerStaff: number | null,
  serviceType = "respite",
): Promise<StationStaffing> {
  const admin = await buildAdmin(srv);
  const res = await srv.http
    .put(`/api/stations/${stationId}/ratios`)
    .set("Authorization", admin.auth)
    .send({ serviceType, childrenPerStaff });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as StationStaffing;
}
