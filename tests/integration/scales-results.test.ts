import { sql } from "@carecircle/server";
import type { ScaleAnswers, ScaleResults } from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildStaff,
  completeScale,
  resilienceWithItems,
  SSRS_MAX,
  SSRS_MIN,
  sqlCount,
  startScale,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * A family's results (issue 18 §2, decision 127) on worked numbers. The SSRS total's norm
 * (SD 6.99, r .92) gives Sdiff = 6.99 * sqrt(2 * 0.08) = 2.796, so a change must exceed
 * 1.96 * 2.796 = 5.48 points to be reliable. Its subscales have no norm: "not available".
 */
const srv = useTestServer();
let sw: Account;
let cg: Account;
let cgB: Account;

beforeAll(async () => {
  sw = await buildStaff(srv, "social_worker");
  cg = await buildCaregiver(srv);
  cgB = await buildCaregiver(srv);
  await assignSocialWorker(srv, cg.familyId!, sw.id);
  await assignSocialWorker(srv, cgB.familyId!, sw.id);
});

async function fill(familyOf: Account, occasion: string, answers: ScaleAnswers, scaleId = "ssrs") {
  const a = await startScale(srv, sw, familyOf.familyId!, { occasion, scaleId });
  return completeScale(srv, sw, a.id, answers);
}

async function results(who: Account, familyOf: Account) {
  const res = await srv.http
    .get(`/api/families/${familyOf.familyId}/scale-results`)
    .set("Authorization", who.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as ScaleResults;
}

describe("SSRS before and after", () => {
  it("12 -> 20: a reliable improvement (RCI 2.861); subscales in plain words only", async () => {
    await fill(cg, "intake", SSRS_MIN);
    // A midway score the change ignores: first to last only.
    await fill(cg, "midway", { ...SSRS_MIN, q1: "o2" });
    // +3 (q1), +1 (q3), +3 (q5 a) subjective; +1 (q8) use: total 20.
    const after = { ...SSRS_MIN, q1: "o4", q3: "o2", q5: { ...(SSRS_MIN.q5 as object), a: "o4" }, q8: "o2" };
    await fill(cg, "evaluation", after);
    const [ssrs] = (await results(cg, cg)).scales;
    expect(ssrs!.points.map((p) => [p.occasion, p.scores._total])).toEqual([
      ["intake", 12],
      ["midway", 13],
      ["evaluation", 20],
    ]);
    expect(ssrs!.dimensions).toEqual([
      { id: "_total", name: null, min: 12, max: 66 },
      { id: "objective", name: expect.any(Object), min: 1, max: 22 },
      { id: "subjective", name: expect.any(Object), min: 8, max: 32 },
      { id: "utilisation", name: expect.any(Object), min: 3, max: 12 },
    ]);
    const byDim = Object.fromEntries(ssrs!.changes.map((c) => [c.dimension, c]));
    expect(byDim._total).toMatchObject({ first: 12, last: 20, change: 8, plain: "up_a_lot" });
    expect(byDim._total!.reliable).toEqual({
      available: true,
      rci: expect.closeTo(8 / 2.796, 6),
      classification: "reliable_improvement",
    });
    // 7 of a range of 24 (29%) and 1 of 9 (11%): no norm, so the share of the range decides.
    expect(byDim.subjective).toMatchObject({ change: 7, plain: "up_a_lot", reliable: { available: false } });
    expect(byDim.utilisation).toMatchObject({
      change: 1,
      plain: "up_a_little",
      reliable: { available: false },
    });
    expect(byDim.objective).toMatchObject({ change: 0, plain: "same", reliable: { available: false } });
  });

  it("66 -> 60 is a reliable deterioration (RCI -2.146); 12 -> 16 is not reliable", async () => {
    await fill(cgB, "intake", SSRS_MAX);
    await fill(cgB, "evaluation", { ...SSRS_MAX, q6: ["a", "b", "c"] });
    const total = (await results(sw, cgB)).scales[0]!.changes.find((c) => c.dimension === "_total")!;
    expect(total).toMatchObject({ change: -6, plain: "down_a_lot" });
    expect(total.reliable).toMatchObject({
      rci: expect.closeTo(-6 / 2.796, 6),
      classification: "reliable_deterioration",
    });

    const cgC = await buildCaregiver(srv);
    await assignSocialWorker(srv, cgC.familyId!, sw.id);
    await fill(cgC, "intake", SSRS_MIN);
    const admin = await buildAdmin(srv);
    const small = (await results(admin, cgC)).scales[0]!;
    expect(small.changes).toEqual([]);
    await fill(cgC, "evaluation", { ...SSRS_MIN, q6: ["a", "b", "c", "d"] });
    const four = (await results(admin, cgC)).scales[0]!.changes.find((c) => c.dimension === "_total")!;
    expect(four).toMatchObject({ change: 4, plain: "up_a_little" });
    expect(four.reliable).toMatchObject({
      rci: expect.closeTo(4 / 2.796, 6),
      classification: "no_reliable_change",
    });
  });
});

describe("a scale without norms", () => {
  it("says reliable change is not available, and counts only completed ones", async () => {
    const admin = await buildAdmin(srv);
    const saved = await srv.http
      .post("/api/scales/family-resilience/versions")
      .set("Authorization", admin.auth)
      .send({ definition: resilienceWithItems() });
    expect(saved.status).toBe(201);
    const items = (v: string) =>
      Object.fromEntries(resilienceWithItems().items.map((item) => [item.id, v])) as ScaleAnswers;
    await fill(cg, "intake", items("o2"), "family-resilience");
    await startScale(srv, sw, cg.familyId!, { scaleId: "family-resilience" });
    await fill(cg, "evaluation", { ...items("o2"), "cohesion-1": "o5" }, "family-resilience");
    const fr = (await results(cg, cg)).scales.find((s) => s.scaleId === "family-resilience")!;
    expect(fr.points).toHaveLength(2);
    const cohesion = fr.changes.find((c) => c.dimension === "cohesion")!;
    expect(cohesion).toMatchObject({
      first: 2,
      last: 5,
      change: 3,
      plain: "up_a_lot",
      reliable: { available: false },
    });
    expect(fr.changes.find((c) => c.dimension === "_total")).toMatchObject({
      change: 0.5,
      reliable: { available: false },
    });
  });
});

describe("who sees results", () => {
  it("the family's caregivers, its social worker and admins; staff reads audited", async () => {
    const audits = () =>
      sqlCount(srv, sql`select count(*) from audit_log where action = 'scale_results_viewed'`);
    const before = await audits();
    await results(cg, cg);
    expect(await audits()).toBe(before);
    await results(sw, cg);
    expect(await audits()).toBe(before + 1);
    const other = await buildStaff(srv, "social_worker");
    const refused = await srv.http
      .get(`/api/families/${cg.familyId}/scale-results`)
      .set("Authorization", other.auth);
    expect(refused.status).toBe(404);
    const foreign = await srv.http
      .get(`/api/families/${cg.familyId}/scale-results`)
      .set("Authorization", cgB.auth);
    expect(foreign.status).toBe(404);
  });
});
