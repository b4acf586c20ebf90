import { sql } from "@carecircle/server";
import { type AdministrationDetail, SSRS, scoreScale } from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  answerAll,
  assignSocialWorker,
  buildCaregiver,
  buildStaff,
  joinFamily,
  SSRS_MAX,
  SSRS_MIN,
  sqlCount,
  sqlOne,
  startScale,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * Filling a scale (issue 18 §2, decision 126): sent to one caregiver, answers saved one by one
 * (concurrent saves of different items all kept, the same answer twice a no-op), completion
 * only with every item, the stored score equal to scoreScale's, and audited staff reads.
 */
const srv = useTestServer();
let sw: Account;
let cg: Account;
let cg2: Account;
let otherCg: Account;

beforeAll(async () => {
  sw = await buildStaff(srv, "social_worker");
  cg = await buildCaregiver(srv, { displayName: "王奶奶" });
  cg2 = await joinFamily(srv, cg, { displayName: "王爷爷" });
  otherCg = await buildCaregiver(srv);
  await assignSocialWorker(srv, cg.familyId!, sw.id);
});

const put = (who: Account, id: string, itemId: string, answer: unknown) =>
  srv.http
    .put(`/api/scale-administrations/${id}/answers/${itemId}`)
    .set("Authorization", who.auth)
    .send({ answer });
const complete = (who: Account, id: string) =>
  srv.http.post(`/api/scale-administrations/${id}/complete`).set("Authorization", who.auth);
const read = async (who: Account, id: string) => {
  const res = await srv.http.get(`/api/scale-administrations/${id}`).set("Authorization", who.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as AdministrationDetail;
};

describe("sending to a caregiver", () => {
  it("tells her with ids only, and only she of her family may fill it", async () => {
    const a = await startScale(srv, sw, cg.familyId!, { caregiver: cg });
    expect(a).toMatchObject({
      respondent: "caregiver",
      respondentUser: { id: cg.id },
      status: "in_progress",
    });
    const n = await sqlOne<{ payload: unknown }>(
      srv,
      sql`select payload from notifications where user_id = ${cg.id} and kind = 'scale_sent'`,
    );
    expect(n.payload).toEqual({ administrationId: a.id });
    expect((await put(cg, a.id, "q1", "o2")).status).toBe(200);
    expect((await put(cg2, a.id, "q1", "o3")).status).toBe(404);
    expect((await put(otherCg, a.id, "q1", "o3")).status).toBe(404);
    const mine = await srv.http
      .get(`/api/families/${cg.familyId}/scale-administrations`)
      .set("Authorization", cg.auth);
    expect(mine.body.administrations.map((x: { id: string }) => x.id)).toContain(a.id);
    const his = await srv.http
      .get(`/api/families/${cg.familyId}/scale-administrations`)
      .set("Authorization", cg2.auth);
    expect(his.body.administrations).toEqual([]);
  });

  it("refuses a caregiver of another family", async () => {
    const res = await srv.http
      .post(`/api/families/${cg.familyId}/scale-administrations`)
      .set("Authorization", sw.auth)
      .send({ scaleId: "ssrs", occasion: "intake", respondent: "caregiver", caregiverId: otherCg.id });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details.fields)).toEqual(["caregiverId"]);
    const none = await srv.http
      .post(`/api/families/${cg.familyId}/scale-administrations`)
      .set("Authorization", sw.auth)
      .send({ scaleId: "ssrs", occasion: "intake", respondent: "caregiver" });
    expect(none.status).toBe(400);
  });
});

describe("saving as she goes", () => {
  it("keeps every answer of concurrent saves of different items", async () => {
    const a = await startScale(srv, sw, cg.familyId!, { caregiver: cg });
    const results = await Promise.all(
      Object.entries(SSRS_MAX).map(([itemId, answer], i) => put(i % 2 ? cg : sw, a.id, itemId, answer)),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const detail = await read(cg, a.id);
    expect(detail.answers).toEqual(SSRS_MAX);
    expect(detail).toMatchObject({ revision: 10, answeredCount: 10 });
  });

  it("is idempotent: the same answer again changes nothing, a new one wins", async () => {
    const a = await startScale(srv, sw, cg.familyId!, { caregiver: cg });
    const first = await put(cg, a.id, "q5", { a: "o2" });
    expect(first.body).toEqual({ itemId: "q5", revision: 1, answeredCount: 0 });
    const again = await put(cg, a.id, "q5", { a: "o2" });
    expect(again.body.revision).toBe(1);
    const whole = await put(cg, a.id, "q5", { a: "o2", b: "o3", c: "o1", d: "o1", e: "o4" });
    expect(whole.body).toEqual({ itemId: "q5", revision: 2, answeredCount: 1 });
    expect((await read(cg, a.id)).answers.q5).toEqual({ a: "o2", b: "o3", c: "o1", d: "o1", e: "o4" });
  });

  it("refuses wrong answers with the reason, and changes nothing", async () => {
    const a = await startScale(srv, sw, cg.familyId!);
    const cases: [string, unknown, number, string?][] = [
      ["q1", "o9", 400, "unknown_option"],
      ["q6", ["a", "a"], 400, "duplicate_source"],
      ["q6", ["zz"], 400, "unknown_source"],
      ["q5", "o1", 400, "wrong_type"],
      ["q5", { x: "o1" }, 400, "unknown_part"],
      ["q99", "o1", 404],
    ];
    for (const [itemId, answer, status, code] of cases) {
      const res = await put(sw, a.id, itemId, answer);
      expect(res.status, `${itemId} ${JSON.stringify(answer)}`).toBe(status);
      if (code) expect(res.body.error.details.errors[0].code).toBe(code);
    }
    const bad = await put(sw, a.id, "q1", { deeply: { nested: true } });
    expect(bad.status).toBe(400);
    expect(await read(sw, a.id)).toMatchObject({ revision: 0, answers: {} });
  });
});

describe("completing", () => {
  it("needs every item (422 with the missing ids, in order), then stores scoreScale's score", async () => {
    const a = await startScale(srv, sw, cg.familyId!, { caregiver: cg });
    const { q3: _q3, q9: _q9, ...most } = SSRS_MIN;
    await answerAll(srv, cg, a.id, { ...most, q5: { a: "o1", b: "o2" } });
    const early = await complete(cg, a.id);
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: "INCOMPLETE", details: { missing: ["q3", "q5", "q9"] } });
    const answers = {
      ...SSRS_MIN,
      q1: "o3",
      q5: { a: "o4", b: "o2", c: "o1", d: "o1", e: "o1" },
      q7: ["a", "d"],
    };
    await answerAll(srv, cg, a.id, answers);
    const done = await complete(cg, a.id);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const expected = scoreScale(SSRS, answers);
    if (!expected.ok) throw new Error("fixture does not score");
    expect(done.body.score).toEqual({
      total: expected.total,
      subscales: expected.subscales,
      band: expected.band,
      subscaleBands: expected.subscaleBands,
    });
    // objective 1+0+2, subjective 3+1+1+9, use 3: total 20, "some support" (20-30).
    expect(done.body.score).toMatchObject({
      total: 20,
      subscales: { objective: 3, subjective: 14, utilisation: 3 },
      band: { id: "moderate" },
    });
    expect(done.body).toMatchObject({ status: "complete", answeredCount: 10 });
    const twice = await complete(cg, a.id);
    expect(twice.status).toBe(409);
    expect(twice.body.error.details).toEqual({ status: "complete" });
    expect((await put(cg, a.id, "q1", "o1")).status).toBe(409);
  });

  it("abandons (staff only); an abandoned one cannot be answered", async () => {
    const a = await startScale(srv, sw, cg.familyId!, { caregiver: cg });
    const byCg = await srv.http
      .post(`/api/scale-administrations/${a.id}/abandon`)
      .set("Authorization", cg.auth);
    expect(byCg.status).toBe(403);
    const res = await srv.http
      .post(`/api/scale-administrations/${a.id}/abandon`)
      .set("Authorization", sw.auth);
    expect(res.body.status).toBe("abandoned");
    expect((await put(cg, a.id, "q1", "o1")).status).toBe(409);
  });
});

describe("audited reads", () => {
  it("audits a staff read of the answers, not the caregiver's own", async () => {
    const a = await startScale(srv, sw, cg.familyId!, { caregiver: cg });
    const count = () =>
      sqlCount(
        srv,
        sql`select count(*) from audit_log where action = 'scale_answers_viewed' and after->>'administrationId' = ${a.id}`,
      );
    await read(cg, a.id);
    expect(await count()).toBe(0);
    await read(sw, a.id);
    const row = await sqlOne<{ actor_id: string; target_user_id: string; after: unknown }>(
      srv,
      sql`select actor_id, target_user_id, after from audit_log
          where action = 'scale_answers_viewed' and after->>'administrationId' = ${a.id}`,
    );
    expect(row).toEqual({
      actor_id: sw.id,
      target_user_id: cg.id,
      after: { familyId: cg.familyId, administrationId: a.id },
    });
    expect(await count()).toBe(1);
  });
});

describe("the data export", () => {
  it("carries the family's questionnaires with their answers", async () => {
    const a = await startScale(srv, sw, cg.familyId!, { caregiver: cg });
    expect((await put(cg, a.id, "q2", "o4")).status).toBe(200);
    const res = await srv.http.get("/api/me/export").set("Authorization", cg2.auth);
    expect(res.status).toBe(200);
    const mine = (res.body.scaleAdministrations as AdministrationDetail[]).find((x) => x.id === a.id);
    expect(mine).toMatchObject({ answers: { q2: "o4" }, definition: { id: "ssrs" } });
  });
});
