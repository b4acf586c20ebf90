import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import { ProjectReportSchema, ReportProjectSchema } from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { type Came, pastSession } from "../factories/group-activities.js";
import { type Account, buildAdmin, buildFamiliesFast, shanghaiDay, sqlOne } from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * The project report's group-activity figure (issue 19 §4, decision 149) on a fixture of past
 * sessions: sessions held in the period that the project's caregivers attended, by kind, and the
 * caregivers and families who attended at least one; cells about fewer than 5 families are "<5".
 */

const srv = useTestServer();
type Fam = Awaited<ReturnType<typeof buildFamiliesFast>>[number];
let admin: Account;
let fams: Fam[];

const came = (f: Fam, attended = true): Came => [f.caregiver.id, f.child.familyId, attended];
const session = (kind: string, daysAgo: number, who: Came[], cancelled = false) =>
  pastSession(srv, kind, daysAgo, who, cancelled);

async function report(familyIds: string[]) {
  const created = await srv.http
    .post("/api/report-projects")
    .set("Authorization", admin.auth)
    .send({
      name: `小组活动项目 ${randomUUID().slice(0, 4)}`,
      from: shanghaiDay(-30),
      to: shanghaiDay(0),
      familyIds,
    });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = ReportProjectSchema.parse(created.body).id;
  const res = await srv.http.get(`/api/report-projects/${id}/report`).set("Authorization", admin.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { id, report: ProjectReportSchema.parse(res.body) };
}

beforeAll(async () => {
  admin = await buildAdmin(srv);
  fams = await buildFamiliesFast(srv, 7);
  const [f0, f1, f2, f3, f4, f5, outside] = fams as [Fam, Fam, Fam, Fam, Fam, Fam, Fam];
  // A second caregiver of family 0: one more caregiver, not one more family.
  const { id: dad } = await sqlOne<{ id: string }>(
    srv,
    sql`insert into users (email, password_hash, display_name, role, family_id)
        values (${`dad-${randomUUID()}@test.carecircle`}, 'x', '爸爸', 'caregiver', ${f0.child.familyId}::uuid)
        returning id`,
  );
  // Parent training 10 days ago: five project families came (family 0 with both caregivers),
  // family 5 did not, and a family outside the project did.
  await session("parent_training", 10, [
    ...[f0, f1, f2, f3, f4].map((f) => came(f)),
    [dad, f0.child.familyId, true],
    came(f5, false),
    came(outside),
  ]);
  await session("parent_training", 5, [came(f0), came(f1)]);
  // A respite group three families came to: its own cells are about fewer than 5 families.
  await session("caregiver_respite", 3, [came(f0), came(f1), came(f2)]);
  // Not counted: a cancelled session, one before the period, one nobody in the project came to.
  await session("caregiver_respite", 2, [came(f3), came(f4)], true);
  await session(
    "parent_training",
    40,
    [f0, f1, f2, f3, f4, f5].map((f) => came(f)),
  );
  await session("director_training", 4, [came(outside)]);
});

describe("the report's group activities", () => {
  it("counts sessions by kind and the caregivers and families who attended at least one", async () => {
    const { report: r } = await report(fams.slice(0, 6).map((f) => f.child.familyId));
    expect(r.groupActivities).toEqual({
      families: 5,
      caregivers: 6,
      sessions: 3,
      byKind: [
        { kind: "caregiver_respite", families: "<5", sessions: "<5" },
        { kind: "parent_training", families: 5, sessions: 2 },
        { kind: "director_training", families: "<5", sessions: "<5" },
      ],
    });
  });

  it("suppresses every figure about fewer than 5 families", async () => {
    const { report: r } = await report(fams.slice(0, 3).map((f) => f.child.familyId));
    expect(r.groupActivities).toEqual({
      families: "<5",
      caregivers: "<5",
      sessions: "<5",
      byKind: ["caregiver_respite", "parent_training", "director_training"].map((kind) => ({
        kind,
        families: "<5",
        sessions: "<5",
      })),
    });
  });

  it("the CSV has the figure, in total and by kind", async () => {
    const { id } = await report(fams.slice(0, 6).map((f) => f.child.familyId));
    const res = await srv.http.get(`/api/report-projects/${id}/report.csv`).set("Authorization", admin.auth);
    expect(res.status).toBe(200);
    const lines = res.text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines).toContain("小组活动,合计,families,5");
    expect(lines).toContain("小组活动,合计,caregivers,6");
    expect(lines).toContain("小组活动,合计,sessions,3");
    expect(lines).toContain("小组活动,parent_training,sessions,2");
    expect(lines).toContain("小组活动,caregiver_respite,families,<5");
  });
});
