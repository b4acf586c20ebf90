import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import { ProjectReportSchema, ReportProjectSchema } from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildAdmin,
  buildFamiliesFast,
  buildGroup,
  buildStaff,
  buildStation,
  giveCareHours,
  joinGroup,
  shanghaiDay,
  sqlCount,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * The evaluation report (issue 18 §4) on a small seeded project: families served, respite hours
 * from attended sessions, peer-group counts, alerts and time to acknowledge; small cells shown
 * as "<5"; the CSV; who may read it.
 */

const srv = useTestServer();
type Fam = Awaited<ReturnType<typeof buildFamiliesFast>>[number];
let admin: Account;
let swOn: Account;
let swOff: Account;
let fams: Fam[];
let stationId: string;
let projectId: string;

const fam = (f: Fam) => ({ familyId: f.child.familyId, childId: f.child.id });
const day = shanghaiDay;
const get = (who: Account, path: string) => srv.http.get(path).set("Authorization", who.auth);
const post = (who: Account, path: string, body: object) =>
  srv.http.post(path).set("Authorization", who.auth).send(body);

async function createProject(body: object): Promise<string> {
  const res = await post(admin, "/api/report-projects", body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return ReportProjectSchema.parse(res.body).id;
}

/** A stress alert for each family, acknowledged `minutes[i]` minutes after it was raised. */
async function alertsAcknowledgedAfter(families: Fam[], minutes: number[]): Promise<void> {
  for (const [i, f] of families.entries()) {
    expect((await post(f.caregiver, "/api/checkins", { stress: 5 })).status).toBe(201);
    const [alert] = await sqlRows<{ id: string }>(
      srv,
      sql`select id from crisis_alerts where family_id = ${f.caregiver.familyId}::uuid and status = 'open'`,
    );
    const ack = await post(admin, `/api/moderation/alerts/${alert!.id}/acknowledge`, { note: "已电话联系" });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    await sqlRows(
      srv,
      sql`update crisis_alerts set created_at = acknowledged_at - make_interval(mins => ${minutes[i]!})
          where id = ${alert!.id}::uuid`,
    );
  }
}

beforeAll(async () => {
  admin = await buildAdmin(srv);
  [swOn, swOff] = await Promise.all([
    buildStaff(srv, "social_worker", "项目社工"),
    buildStaff(srv, "social_worker", "别的社工"),
  ]);
  const district = `区${randomUUID().slice(0, 6)}`;
  const station = await buildStation(srv, { district });
  const elsewhere = await buildStation(srv, { district: `外区${randomUUID().slice(0, 6)}` });
  stationId = station.id;
  fams = await buildFamiliesFast(srv, 7);
  for (const f of fams.slice(0, 6)) await giveCareHours(srv, fam(f), station.id, 2, 3);
  await giveCareHours(srv, fam(fams[0]!), station.id, 3, 5);
  // Family 7 used respite elsewhere only: not in the project.
  await giveCareHours(srv, fam(fams[6]!), elsewhere.id, 4, 3);
  await alertsAcknowledgedAfter(fams.slice(0, 5), [10, 20, 30, 40, 50]);
  const { group } = await buildGroup(srv, { moderator: swOn });
  for (const f of fams.slice(0, 5)) {
    await joinGroup(srv, f.caregiver, group.id);
    const res = await post(f.caregiver, `/api/groups/${group.id}/messages`, {
      clientId: randomUUID(),
      body: "大家好",
    });
    expect(res.status).toBe(200);
  }
  await sqlRows(
    srv,
    sql`insert into case_records (case_id, kind, occurred_on, duration_minutes, notes)
        select id, 'home_visit', ${shanghaiDay()}::date, 60, '家访：了解照护安排'
        from cases where family_id = ${fams[0]!.caregiver.familyId}::uuid`,
  );
  projectId = await createProject({
    name: "阳光喘息服务项目",
    district,
    from: day(-30),
    to: day(0),
    socialWorkerIds: [swOn.id],
  });
});

describe("the evaluation report of a seeded project", () => {
  it("counts families served, respite hours and sessions, groups, alerts and time to acknowledge", async () => {
    const res = await get(swOn, `/api/report-projects/${projectId}/report`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = ProjectReportSchema.parse(res.body);
    expect(r.families.total).toBe(6);
    expect(r.families.byStation).toEqual([{ stationId, name: expect.any(String), families: 6 }]);
    expect(r.families.byDistrict).toEqual([{ district: r.project.district, families: 6 }]);
    // Six 2-hour sessions and one of 3 hours, all completed.
    expect(r.respite).toEqual({ families: 6, sessions: 7, hours: 15 });
    expect(r.groups).toEqual({ families: 5, groups: 1, messages: 5 });
    const escalated = await sqlCount(
      srv,
      sql`select count(*) from crisis_alerts where family_id = any(${`{${fams
        .slice(0, 5)
        .map((f) => f.caregiver.familyId)
        .join(",")}}`}::uuid[]) and escalation_step >= 1`,
    );
    expect(r.safeguarding).toEqual({
      families: 5,
      alerts: 5,
      crisis: 0,
      stress: 5,
      acknowledged: 5,
      escalated,
      medianMinutesToAcknowledge: 30,
      // percentile_cont(0.9) of 10..50: 46.
      p90MinutesToAcknowledge: 46,
      // No incident reports at stations (under 5 families: suppressed).
      incidents: "<5",
    });
    // The stress alerts opened a case for each of the five families (decision 125); one home visit.
    const label = (key: string) => ({ key, label: key });
    expect(r.casework).toEqual({
      status: "ok",
      presentingProblems: [{ ...label("care_burden"), families: 5, count: 5 }],
      contactsByType: [{ ...label("home_visit"), families: "<5", count: "<5" }],
      referrals: [],
      stagesReached: [{ ...label("intake"), families: 5, count: 5 }],
    });
    expect(r.outcomes).toEqual({ status: "no_data" });
  });

  it("no child's name or care note, and no family id, appears in the report", async () => {
    const res = await get(admin, `/api/report-projects/${projectId}/report`);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/孩子\d/);
    for (const f of fams) expect(text).not.toContain(f.caregiver.familyId);
  });

  it("suppresses every figure about fewer than 5 families", async () => {
    const small = await createProject({
      name: "小项目",
      from: day(-30),
      to: day(0),
      stationIds: [stationId],
      familyIds: fams.slice(0, 3).map((f) => f.caregiver.familyId),
    });
    const r = ProjectReportSchema.parse((await get(admin, `/api/report-projects/${small}/report`)).body);
    expect(r.families.total).toBe("<5");
    expect(r.families.byStation[0]!.families).toBe("<5");
    expect(r.respite).toEqual({ families: "<5", sessions: "<5", hours: "<5" });
    expect(r.groups).toEqual({ families: "<5", groups: "<5", messages: "<5" });
    expect(r.safeguarding.alerts).toBe("<5");
    expect(r.safeguarding.medianMinutesToAcknowledge).toBe("<5");
  });

  it("answers the CSV with a BOM, suppressed cells as <5, case work by category", async () => {
    const res = await get(swOn, `/api/report-projects/${projectId}/report.csv`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("部分,项目,指标,数值");
    expect(lines).toContain("喘息服务,合计,hours,15");
    expect(lines).toContain("安全保障,合计,medianMinutesToAcknowledge,30");
    expect(lines).toContain("个案工作,stagesReached:intake,families,5");
    expect(lines).toContain("个案工作,contactsByType:home_visit,families,<5");
    const en = await get(swOn, `/api/report-projects/${projectId}/report.csv?locale=en`);
    expect(en.text).toContain("respite,total,sessions,7");
  });
});

describe("report projects: who may read and change them", () => {
  it("a social worker lists only the projects she is on, and gets 404 for another", async () => {
    const other = await createProject({ name: "别的项目", from: day(-10), to: day(0) });
    const mine = await get(swOn, "/api/report-projects");
    expect(mine.body.projects.map((p: { id: string }) => p.id)).toContain(projectId);
    expect(mine.body.projects.map((p: { id: string }) => p.id)).not.toContain(other);
    expect((await get(swOff, `/api/report-projects/${projectId}/report`)).status).toBe(404);
    expect((await get(swOff, `/api/report-projects/${projectId}/report.csv`)).status).toBe(404);
  });

  it("refuses an unknown station, a non-social-worker and a reversed range with 400, creating nothing", async () => {
    const before = await sqlCount(srv, sql`select count(*) from report_projects`);
    const bad = [
      { name: "x", from: day(-1), to: day(0), stationIds: [randomUUID()] },
      { name: "x", from: day(-1), to: day(0), socialWorkerIds: [admin.id] },
      { name: "x", from: day(0), to: day(-1) },
    ];
    for (const body of bad) {
      const res = await post(admin, "/api/report-projects", body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details).toBeDefined();
    }
    const patch = await srv.http
      .patch(`/api/report-projects/${projectId}`)
      .set("Authorization", admin.auth)
      .send({ from: day(5) });
    expect(patch.status).toBe(400);
    expect(await sqlCount(srv, sql`select count(*) from report_projects`)).toBe(before);
  });

  it("an admin changes the social workers: the newly named one may read it", async () => {
    const res = await srv.http
      .patch(`/api/report-projects/${projectId}`)
      .set("Authorization", admin.auth)
      .send({ socialWorkerIds: [swOn.id, swOff.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ReportProjectSchema.parse(res.body).socialWorkerIds.sort()).toEqual([swOn.id, swOff.id].sort());
    expect((await get(swOff, `/api/report-projects/${projectId}`)).status).toBe(200);
  });

  it("the families of the project's social workers count even without a booking", async () => {
    const extra = await createProject({
      name: "社工项目",
      from: day(-30),
      to: day(0),
      socialWorkerIds: [swOff.id],
    });
    for (const f of fams.slice(0, 5)) await assignSocialWorker(srv, f.caregiver.familyId!, swOff.id);
    const r = ProjectReportSchema.parse((await get(swOff, `/api/report-projects/${extra}/report`)).body);
    expect(r.families.total).toBe(5);
    expect(r.respite.sessions).toBe(6);
  });
});
