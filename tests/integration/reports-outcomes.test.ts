import { sql } from "@carecircle/server";
import { ProjectReportSchema, ReportProjectSchema } from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { type Account, buildAdmin, buildFamiliesFast, shanghaiDay, sqlRows } from "../factories/index.js";
import fixture from "../fixtures/report-30-families.json" with { type: "json" };
import { useTestServer } from "../setup/server.js";

/*
 * The report's outcomes from stored scale administrations (issue 18 §2 and §4): 32 families with
 * an SSRS intake and evaluation whose scores are the fixture's, so the figures must equal the ones
 * SciPy computed independently (tests/fixtures/report-expected.py, also asserted on the pure
 * statistics in unit/report-statistics.test.ts):
 * total       n 32, medians 34 -> 38, change 4, V 403.5, p 5.4244101491745134e-05, r_rb 0.8551724137931035
 * total RCI   improved 5, deteriorated 0, unchanged 27
 * objective   n 32, medians 8 -> 10, change 1, V 370.5, p 0.0008457471777616529, r_rb 0.7034482758620689
 * subjective  n 32, medians 20 -> 21, change 1, V 277.5, p 0.03223453846248564, r_rb 0.46825396825396826
 * utilisation n 32, medians 7 -> 8, change 1, V 252.0, p 0.00033285625611225524, r_rb 0.8260869565217391
 */
const srv = useTestServer();
let admin: Account;
let familyIds: string[];

type Score = { total: number; subscales: Record<string, number> };

async function administer(familyId: string, occasion: string, score: Score, daysAgo: number) {
  await sqlRows(
    srv,
    sql`insert into scale_administrations (family_id, scale_id, scale_version, occasion, respondent, status, score, completed_at)
        values (${familyId}::uuid, 'ssrs', 1, ${occasion}, 'caregiver', 'complete', ${JSON.stringify(score)}::jsonb,
                now() - make_interval(days => ${daysAgo}))`,
  );
}

async function report(families: string[]) {
  const created = await srv.http
    .post("/api/report-projects")
    .set("Authorization", admin.auth)
    .send({ name: "成效评估项目", from: shanghaiDay(-30), to: shanghaiDay(0), familyIds: families });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = ReportProjectSchema.parse(created.body).id;
  const res = await srv.http.get(`/api/report-projects/${id}/report`).set("Authorization", admin.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ProjectReportSchema.parse(res.body);
}

beforeAll(async () => {
  admin = await buildAdmin(srv);
  const fams = await buildFamiliesFast(srv, fixture.families.length + 1);
  familyIds = fams.map((f) => f.child.familyId);
  for (const [i, f] of fixture.families.entries()) {
    // An earlier intake that is not the first: the first intake is the pre-test.
    await administer(familyIds[i]!, "intake", f.pre, 25);
    await administer(familyIds[i]!, "midway", f.pre, 10);
    await administer(familyIds[i]!, "evaluation", { total: 12, subscales: {} }, 5);
    await administer(familyIds[i]!, "evaluation", f.post, 1);
  }
  // A family with an intake only: not a pair.
  await administer(familyIds.at(-1)!, "intake", fixture.families[0]!.pre, 3);
});

describe("the report's outcomes from stored administrations", () => {
  it("pairs each family's first intake with its last evaluation and equals SciPy's figures", async () => {
    const r = await report(familyIds);
    expect(r.outcomes.status).toBe("ok");
    if (r.outcomes.status !== "ok") return;
    const [ssrs] = r.outcomes.scales;
    expect(ssrs!.scaleId).toBe("ssrs");
    const row = (d: string) => ssrs!.rows.find((x) => x.dimension === d)!;
    const expected = {
      total: [34, 38, 4, 403.5, 5.4244101491745134e-5, 0.8551724137931035],
      objective: [8, 10, 1, 370.5, 0.0008457471777616529, 0.7034482758620689],
      subjective: [20, 21, 1, 277.5, 0.03223453846248564, 0.46825396825396826],
      utilisation: [7, 8, 1, 252, 0.00033285625611225524, 0.8260869565217391],
    } as const;
    for (const [d, [pre, post, change, v, p, effect]] of Object.entries(expected)) {
      const x = row(d);
      expect([x.n, x.medianPre, x.medianPost, x.medianChange, x.statistic], d).toEqual([
        32,
        pre,
        post,
        change,
        v,
      ]);
      expect(x.method, d).toBe("normal_approximation");
      expect(x.pValue as number, d).toBeCloseTo(p, 10);
      expect(x.effectSize as number, d).toBeCloseTo(effect, 10);
    }
    expect(row("total").reliableChange).toEqual({ improved: 5, unchanged: 27, deteriorated: "<5" });
  });

  it("four families: every figure is <5 and no test is shown", async () => {
    const r = await report(familyIds.slice(0, 4));
    if (r.outcomes.status !== "ok") throw new Error("expected outcomes");
    const total = r.outcomes.scales[0]!.rows.find((x) => x.dimension === "total")!;
    expect(total).toMatchObject({
      n: "<5",
      medianPre: "<5",
      statistic: null,
      pValue: null,
      effectSize: null,
    });
  });
});
