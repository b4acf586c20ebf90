import { sql } from "@carecircle/server";
import type { Administration, RouteName } from "@carecircle/shared";
import { expect } from "vitest";
import { answerAll, SSRS_MIN, sqlCount, startScale, tinyScale } from "../../factories/index.js";
import { until } from "../../setup/until.js";
import type { Ctx, RouteCase } from "./cases.js";
import type { World } from "./world.js";

// Only types come from cases.ts: it spreads this table in, so a value import would be circular.
const route = <F>(c: RouteCase<F>) => c as RouteCase<unknown>;
const familyParams = ({ w }: Ctx<unknown>) => ({ id: w.familyId });
const adminParams = ({ f }: Ctx<Administration>) => ({ id: f.id });

/**
 * An administration of the SSRS for F, sent to cgOwn (so she holds `own_family` to it). Her
 * `scale_sent` push (she subscribed earlier in the walk) is tried before the next refused call,
 * so the push sender's write cannot land inside a refusal's fingerprint window (the walk's
 * server retries only after an hour).
 */
async function sentToCgOwn(w: World): Promise<Administration> {
  const a = await startScale(w.srv, w.swAssigned, w.familyId, { caregiver: w.cgOwn });
  await until(
    async () =>
      (await sqlCount(w.srv, sql`select count(*) from push_jobs where attempts = 0 and not held`)) === 0,
    { what: "the scale_sent push to be tried", timeoutMs: 10_000 },
  );
  return a;
}

/** The same with every item answered (ready to complete). */
async function answeredForCgOwn(w: World): Promise<Administration> {
  const a = await sentToCgOwn(w);
  await answerAll(w.srv, w.swAssigned, a.id, SSRS_MIN);
  return a;
}

/** A new scale at version 1 (the admin's); answers its id. */
async function storedScale(w: World): Promise<string> {
  const def = tinyScale();
  const res = await w.srv.http
    .post("/api/scales")
    .set("Authorization", w.admin.auth)
    .send({ definition: def });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return def.id;
}

/** Permission cases of the scale routes (issue 18 §2). */
export const SCALE_CASES = {
  listScales: route({ target: "none" }),
  createScale: route({
    target: "none",
    fresh: async () => tinyScale(),
    body: ({ f }) => ({ definition: f }),
  }),
  addScaleVersion: route<string>({
    target: "none",
    fresh: storedScale,
    params: ({ f }) => ({ slug: f }),
    body: ({ f }) => ({ definition: tinyScale(2, f) }),
  }),
  setScaleActive: route({ target: "none", params: () => ({ slug: "ssrs" }), body: () => ({ active: true }) }),
  startAdministration: route({
    target: "family",
    params: familyParams,
    body: () => ({ scaleId: "ssrs", occasion: "intake", respondent: "social_worker" }),
  }),
  listAdministrations: route({ target: "family", params: familyParams }),
  getAdministration: route({ target: "family", setup: sentToCgOwn, params: adminParams }),
  answerItem: route<Administration>({
    target: "family",
    setup: sentToCgOwn,
    params: ({ f }) => ({ id: f.id, itemId: "q1" }),
    body: () => ({ answer: "o2" }),
  }),
  completeAdministration: route({ target: "family", fresh: answeredForCgOwn, params: adminParams }),
  abandonAdministration: route({ target: "family", fresh: sentToCgOwn, params: adminParams }),
  familyScaleResults: route({ target: "family", params: familyParams }),
} satisfies Partial<Record<RouteName, RouteCase>>;
