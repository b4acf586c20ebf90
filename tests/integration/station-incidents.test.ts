import { readFileSync } from "node:fs";
import { sql } from "@carecircle/server";
import type { Incident, Station } from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  bookOk,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  fileIncidentOk,
  hoursFromNow,
  incidentBody,
  notificationsOf,
  sessionInProgress,
  sqlCount,
  sqlOne,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * Incident reports (issue 19 §3, decision 143): filed by the station's staff during a session, told
 * to the family and its social workers at once, acknowledged by a caregiver; what was signed never
 * changes (no update path, and the database refuses an UPDATE), corrections are addenda, before and
 * after the acknowledgement. Every social worker sees every incident (audited); counts per station.
 */

const srv = useTestServer();
let staff: Account;
let staffElsewhere: Account;
let sw: Account;
let swOther: Account;
let station: Station;
beforeAll(async () => {
  [staff, staffElsewhere, sw, swOther] = await Promise.all([
    buildStaff(srv, "station_staff", "周老师"),
    buildStaff(srv, "station_staff", "别站老师"),
    buildStaff(srv, "social_worker", "社工小王"),
    buildStaff(srv, "social_worker", "社工小赵"),
  ]);
  station = await buildStation(srv, { name: "晨光站", maxBookingsPerWeek: 20 }, { staff: [staff] });
  await buildStation(srv, { name: "远方站" }, { staff: [staffElsewhere] });
});

const get = (who: Account, id: string) => srv.http.get(`/api/incidents/${id}`).set("Authorization", who.auth);
const addendum = (who: Account, id: string, body: string) =>
  srv.http.post(`/api/incidents/${id}/addenda`).set("Authorization", who.auth).send({ body });
const ack = (who: Account, id: string) =>
  srv.http.post(`/api/incidents/${id}/acknowledge`).set("Authorization", who.auth);

/** A new family (assigned to `sw`) with its child checked in at the station. */
async function familyAtStation() {
  const fam = await buildFamily(srv);
  await assignSocialWorker(srv, fam.caregiver.familyId!, sw.id);
  const booking = await sessionInProgress(srv, {
    station,
    staff,
    caregiver: fam.caregiver,
    childId: fam.child.id,
  });
  return { fam, booking };
}

/** The database's reason for refusing a statement ("" if it succeeded). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "";
  } catch (err) {
    const e = err as { message: string; cause?: { message?: string } };
    return `${e.message} ${e.cause?.message ?? ""}`;
  }
}

/** The signed facts of a report, as stored. */
const signed = (id: string) =>
  sqlOne(
    srv,
    sql`select occurred_at, what_happened, first_aid, body_locations, witnesses, filed_by, created_at
        from incident_reports where id = ${id}`,
  );

describe("filing", () => {
  it("is only possible during a session, by the station's staff, with valid regions and times", async () => {
    const fam = await buildFamily(srv);
    const { slot } = await buildSlot(srv, { station, startsAt: hoursFromNow(1) });
    const booking = await bookOk(srv, fam.caregiver, slot.id, fam.child.id);
    const file = (who: Account, body: object) =>
      srv.http.post(`/api/bookings/${booking.id}/incidents`).set("Authorization", who.auth).send(body);
    const early = await file(staff, incidentBody());
    expect(early.status).toBe(409);
    expect(early.body.error.details.reason).toBe("not_in_session");

    await srv.http
      .post(`/api/bookings/${booking.id}/check-in`)
      .set("Authorization", staff.auth)
      .send({ broughtBy: { name: "爷爷", relation: "爷爷" } })
      .expect(200);
    expect((await file(staffElsewhere, incidentBody())).status).toBe(404);
    expect((await file(fam.caregiver, incidentBody())).status).toBe(403);
    const badRegion = await file(staff, incidentBody({ bodyLocations: ["tail" as "face"] }));
    expect(badRegion.status).toBe(400);
    const future = await file(staff, incidentBody({ occurredAt: hoursFromNow(1) }));
    expect(future.status).toBe(400);
    expect(future.body.error.details.fields.occurredAt).toBeDefined();
    const repeated = await file(staff, incidentBody({ bodyLocations: ["face", "face"] }));
    expect(repeated.status).toBe(400);
    expect(
      await sqlCount(srv, sql`select count(*) from incident_reports where booking_id = ${booking.id}`),
    ).toBe(0);
  });

  it("tells the family and its social worker at once (ids only), and the family sees the report", async () => {
    const { fam, booking } = await familyAtStation();
    const filed = await fileIncidentOk(srv, staff, booking.id, { bodyLocations: ["left_hand", "face"] });
    expect(filed).toMatchObject({
      bookingId: booking.id,
      station: { id: station.id, name: "晨光站" },
      child: { id: fam.child.id },
      bodyLocations: ["left_hand", "face"],
      filedBy: { id: staff.id },
      addenda: [],
      acknowledged: null,
    });
    const payload = {
      incidentId: filed.id,
      bookingId: booking.id,
      stationId: station.id,
      childId: fam.child.id,
    };
    expect((await notificationsOf(srv, fam.caregiver, "incident_reported")).map((n) => n.payload)).toEqual([
      payload,
    ]);
    expect((await notificationsOf(srv, sw, "incident_reported")).map((n) => n.payload)).toContainEqual(
      payload,
    );

    const mine = await srv.http.get("/api/incidents").set("Authorization", fam.caregiver.auth);
    expect((mine.body.incidents as Incident[]).map((i) => i.id)).toEqual([filed.id]);
    const other = await buildFamily(srv);
    expect((await get(other.caregiver, filed.id)).status).toBe(404);
    expect((await get(staffElsewhere, filed.id)).status).toBe(404);
    const elsewhere = await srv.http.get("/api/incidents").set("Authorization", staffElsewhere.auth);
    expect(elsewhere.body.incidents).toEqual([]);
  });
});

describe("signed reports", () => {
  it("change only by addenda, before and after the acknowledgement; the database refuses an update", async () => {
    const { fam, booking } = await familyAtStation();
    const filed = await fileIncidentOk(srv, staff, booking.id);
    const facts = await signed(filed.id);

    const before = await addendum(staff, filed.id, "补充：十分钟后已不再哭闹");
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    expect((await addendum(fam.caregiver, filed.id, "家长改写")).status).toBe(403);
    expect((await addendum(staffElsewhere, filed.id, "别站")).status).toBe(404);

    const acked = await ack(fam.caregiver, filed.id);
    expect(acked.status).toBe(200);
    expect(acked.body.incident.acknowledged).toMatchObject({ by: { id: fam.caregiver.id } });
    const again = await ack(fam.caregiver, filed.id);
    expect(again.body.incident.acknowledged.at).toBe(acked.body.incident.acknowledged.at);
    expect((await ack(staff, filed.id)).status).toBe(403);

    const after = await addendum(sw, filed.id, "社工已电话回访");
    expect(after.status).toBe(201);
    expect((after.body.incident as Incident).addenda.map((a) => a.body)).toEqual([
      "补充：十分钟后已不再哭闹",
      "社工已电话回访",
    ]);
    expect((await notificationsOf(srv, fam.caregiver, "incident_addendum")).length).toBe(2);

    // What was signed is refused at the database too, acknowledged or not.
    expect(
      await refusal(
        sqlRows(srv, sql`update incident_reports set what_happened = '改过了' where id = ${filed.id}`),
      ),
    ).toMatch(/incident_reports is signed/);
    expect(
      await refusal(
        sqlRows(srv, sql`update incident_addenda set body = '改过了' where incident_id = ${filed.id}`),
      ),
    ).toMatch(/incident_addenda is signed/);
    expect(await signed(filed.id)).toEqual(facts);
    expect((await get(fam.caregiver, filed.id)).body.incident.whatHappened).toBe(filed.whatHappened);
  });

  it("has no update path in the code: the repository only inserts and reads reports", () => {
    const repo = readFileSync(
      new URL("../../server/src/modules/station-day/incidents.repo.ts", import.meta.url),
      "utf8",
    );
    expect(repo).not.toMatch(/\.update\(|\.delete\(/);
  });
});

describe("who sees incidents, and counts", () => {
  it("lets every social worker read (audited), staff their station's, and counts per station", async () => {
    const { booking } = await familyAtStation();
    const filed = await fileIncidentOk(srv, staff, booking.id);
    const audits = () =>
      sqlCount(
        srv,
        sql`select count(*) from audit_log where action = 'incidents_viewed' and actor_id = ${swOther.id}`,
      );
    const n = await audits();
    expect((await get(swOther, filed.id)).status).toBe(200);
    expect(await audits()).toBe(n + 1);
    const byStation = await srv.http
      .get("/api/incidents")
      .query({ stationId: station.id })
      .set("Authorization", swOther.auth);
    expect((byStation.body.incidents as Incident[]).map((i) => i.id)).toContain(filed.id);

    const total = await sqlCount(
      srv,
      sql`select count(*) from incident_reports where station_id = ${station.id}`,
    );
    const open = await sqlCount(
      srv,
      sql`select count(*) from incident_reports r where station_id = ${station.id}
          and not exists (select 1 from incident_acknowledgements a where a.incident_id = r.id)`,
    );
    const mine = await srv.http.get("/api/incidents/counts").set("Authorization", staff.auth);
    expect(mine.status).toBe(200);
    expect(mine.body.stations).toEqual([
      {
        stationId: station.id,
        stationName: "晨光站",
        last30Days: total,
        last365Days: total,
        unacknowledged: open,
      },
    ]);
    const all = await srv.http.get("/api/incidents/counts").set("Authorization", sw.auth);
    expect(all.body.stations.find((s: { stationId: string }) => s.stationId === station.id).last30Days).toBe(
      total,
    );
  });
});
