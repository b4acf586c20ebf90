import { sql } from "@carecircle/server";
import type { PolicyCard } from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildCaregiver,
  buildChild,
  buildPolicyCard,
  buildStaff,
  dayFromToday,
  policyCardBody,
  sqlCount,
  sqlOne,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * The policy and resource library (issue 18 §5, decision 128): librarians write, publish and
 * archive cards; caregivers read published ones, the cards that fit their children first and why;
 * search understands Chinese in either script.
 */

const srv = useTestServer();
const thisYear = new Date().getUTCFullYear();
let sw: Account;
let cg: Account;
const cards: Record<string, PolicyCard> = {};

async function list(who: Account, query: Record<string, string> = {}): Promise<PolicyCard[]> {
  const res = await srv.http.get("/api/policies").query(query).set("Authorization", who.auth);
  expect(res.status, res.text).toBe(200);
  return res.body.cards as PolicyCard[];
}

const any = { distressTypes: [], disabilityTypes: [], ageMin: null, ageMax: null, householdStatuses: [] };

beforeAll(async () => {
  sw = await buildStaff(srv, "social_worker", "社工小李");
  cg = await buildCaregiver(srv, { displayName: "王奶奶" });
  await assignSocialWorker(srv, cg.familyId!, sw.id);
  await buildChild(srv, cg, { nickname: "乐乐", birthYear: thisYear - 6, disabilityTypes: ["autism"] });
  // One card per case: fits by disability and age; by household; too old; no criteria; a draft.
  cards.rehab = await buildPolicyCard(srv, sw, { title: "残疾儿童康复救助", deadline: dayFromToday(30) });
  cards.dibao = await buildPolicyCard(srv, sw, {
    title: "最低生活保障（低保）",
    summary: "家庭人均收入低于当地低保标准的，可以申请。",
    kind: "subsidy",
    eligibility: { ...any, householdStatuses: ["dibao"] },
    deadline: null,
    keywords: ["低保"],
  });
  cards.teen = await buildPolicyCard(srv, sw, {
    title: "重度残疾人护理补贴",
    summary: "为重度残疾人提供每月护理补贴。",
    kind: "subsidy",
    eligibility: { ...any, ageMin: 16, ageMax: 30 },
    deadline: dayFromToday(5),
    keywords: [],
  });
  cards.general = await buildPolicyCard(srv, sw, {
    title: "困难残疾人生活补贴",
    summary: "困难家庭的残疾人可申请生活补贴。",
    kind: "subsidy",
    eligibility: any,
    deadline: dayFromToday(10),
    keywords: [],
  });
  cards.draft = await buildPolicyCard(srv, sw, { title: "草稿：送教上门" }, false);
});

describe("reading and writing", () => {
  it("caregivers see published cards only; a draft is 404 to them and listed for librarians", async () => {
    const titles = (await list(cg)).map((c) => c.title);
    expect(titles).not.toContain("草稿：送教上门");
    const res = await srv.http.get(`/api/policies/${cards.draft!.id}`).set("Authorization", cg.auth);
    expect(res.status).toBe(404);
    expect((await list(sw, { status: "draft" })).map((c) => c.id)).toContain(cards.draft!.id);
    const staff = await buildStaff(srv, "station_staff");
    expect((await list(staff)).every((c) => c.status === "published")).toBe(true);
  });

  it("refuses bad input with the field named, and changes nothing", async () => {
    const before = await sqlCount(srv, sql`select count(*) from policy_cards`);
    const bad = [
      { ...policyCardBody(), title: "" },
      { ...policyCardBody(), steps: [] },
      { ...policyCardBody(), eligibility: { ...any, ageMin: 9, ageMax: 3 } },
      { ...policyCardBody(), reviewBy: "2026-13-01" },
      { ...policyCardBody(), sourceUrl: "javascript:alert(1)" },
      { ...policyCardBody(), eligibility: { ...any, disabilityTypes: ["flying"] } },
    ];
    for (const body of bad) {
      const res = await srv.http.post("/api/policies").set("Authorization", sw.auth).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details).toBeDefined();
    }
    const status = await srv.http
      .put(`/api/policies/${cards.draft!.id}/status`)
      .set("Authorization", sw.auth)
      .send({ status: "gone" });
    expect(status.status).toBe(400);
    expect(await sqlCount(srv, sql`select count(*) from policy_cards`)).toBe(before);
  });

  it("edits, publishes (stamping the first publication) and archives a card", async () => {
    const c = await buildPolicyCard(srv, sw, { title: "送教上门服务" }, false);
    expect(c).toMatchObject({ status: "draft", publishedAt: null, author: { id: sw.id } });
    const edit = await srv.http
      .patch(`/api/policies/${c.id}`)
      .set("Authorization", sw.auth)
      .send({ documents: ["户口本"], where: { url: "https://example.org/apply" } });
    expect(edit.status, edit.text).toBe(200);
    expect(edit.body).toMatchObject({ documents: ["户口本"], where: { url: "https://example.org/apply" } });
    const to = (status: string) =>
      srv.http.put(`/api/policies/${c.id}/status`).set("Authorization", sw.auth).send({ status });
    const pub = await to("published");
    expect(pub.body.publishedAt).not.toBeNull();
    expect((await list(cg)).map((x) => x.id)).toContain(c.id);
    expect((await to("archived")).body.status).toBe("archived");
    expect((await list(cg)).map((x) => x.id)).not.toContain(c.id);
    const unknown = await srv.http
      .patch("/api/policies/00000000-0000-4000-8000-000000000000")
      .set("Authorization", sw.auth)
      .send({ title: "x" });
    expect(unknown.status).toBe(404);
  });
});

describe("cards that fit my children", () => {
  it("lists the fitting cards first with why, then the rest by deadline", async () => {
    const got = await list(cg);
    const mine = got.filter((c) =>
      [cards.rehab, cards.dibao, cards.teen, cards.general].some((x) => x!.id === c.id),
    );
    expect(mine.map((c) => c.title)).toEqual([
      "残疾儿童康复救助",
      "重度残疾人护理补贴",
      "困难残疾人生活补贴",
      "最低生活保障（低保）",
    ]);
    expect(mine[0]!.fits).toEqual([
      expect.objectContaining({
        nickname: "乐乐",
        disabilityTypes: ["autism"],
        age: 6,
        householdStatus: null,
      }),
    ]);
    expect(mine.slice(1).every((c) => c.fits.length === 0)).toBe(true);
    expect(got.every((c) => c.reviewOverdue === false)).toBe(true);
  });

  it("a recorded household status makes the 低保 card fit, and is audited", async () => {
    const res = await srv.http
      .put(`/api/families/${cg.familyId}/household-status`)
      .set("Authorization", sw.auth)
      .send({ householdStatus: "dibao" });
    expect(res.status, res.text).toBe(200);
    const got = await list(cg);
    expect(got.slice(0, 2).map((c) => c.title)).toEqual(["残疾儿童康复救助", "最低生活保障（低保）"]);
    expect(got[1]!.fits[0]).toMatchObject({ householdStatus: "dibao", age: null });
    const family = await srv.http.get("/api/family").set("Authorization", cg.auth);
    expect(family.body.householdStatus).toBe("dibao");
    const audit = await sqlOne<{ n: number }>(
      srv,
      sql`select count(*)::int as n from audit_log where action = 'household_status_set' and actor_id = ${sw.id}`,
    );
    expect(audit.n).toBe(1);
  });

  it("another social worker cannot set her household status", async () => {
    const other = await buildStaff(srv, "social_worker");
    const res = await srv.http
      .put(`/api/families/${cg.familyId}/household-status`)
      .set("Authorization", other.auth)
      .send({ householdStatus: "none" });
    expect(res.status).toBe(404);
  });
});

describe("search in Chinese", () => {
  it("finds a card by a substring, in simplified and in traditional characters, and by keyword", async () => {
    const titles = async (q: string) => (await list(cg, { q })).map((c) => c.title);
    expect(await titles("康复救助")).toEqual(["残疾儿童康复救助"]);
    expect(await titles("康復救助")).toEqual(["残疾儿童康复救助"]);
    expect(await titles("護理補貼")).toEqual(["重度残疾人护理补贴"]);
    expect(await titles("自闭症")).toEqual(["残疾儿童康复救助"]);
    expect(await titles("低保标准")).toEqual(["最低生活保障（低保）"]);
    expect(await titles("送教")).toEqual([]);
  });
});
