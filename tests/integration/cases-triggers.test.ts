import { sql } from "@carecircle/server";
import { type Case, type CaseTimelineEntry, DataExportSchema } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  addGoal,
  addRecord,
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildChild,
  buildStaff,
  caseCall,
  connectSocket,
  crisisRoom,
  familyWithCase,
  joinFamily,
  joinGroup,
  notificationsOf,
  sendOk,
  sqlCount,
  sqlOne,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * Need-triggered cases (issue 18 §6, decision 125) and the privacy of case records (decision 124):
 * stress and crisis alerts open (or add to) the family's case exactly once; export shows the
 * family's plain view; erasure keeps the record without the caregiver's name; the purge deletes it.
 */

const srv = useTestServer();
const CRISIS = "我真的想死，带着孩子一起走算了";

const post = (who: Account, path: string, body: object = {}) =>
  srv.http.post(path).set("Authorization", who.auth).send(body);
const checkIn = async (who: Account, stress: number) =>
  expect((await post(who, "/api/checkins", { stress })).status).toBe(201);
const casesOf = (familyId: string) =>
  sqlRows<{ id: string; source: string; stage: string; risk_level: string }>(
    srv,
    sql`select id, source, stage, risk_level from cases where family_id = ${familyId}`,
  );
const eventsOf = (caseId: string) =>
  sqlRows<{ kind: string; ref_id: string | null }>(
    srv,
    sql`select kind, ref_id from case_events where case_id = ${caseId} order by at, kind`,
  );

describe("alerts open the family's case", () => {
  it("a stress alert opens a case led by the assigned social worker; later alerts join its timeline once each", async () => {
    const cg = await buildCaregiver(srv);
    const sw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, cg.familyId!, sw.id);
    await checkIn(cg, 5);
    const [c] = await casesOf(cg.familyId!);
    expect(c).toMatchObject({ source: "alert", stage: "intake", risk_level: "high" });
    const alert = await sqlOne<{ id: string }>(
      srv,
      sql`select id from crisis_alerts where family_id = ${cg.familyId}`,
    );
    expect(await eventsOf(c!.id)).toEqual([
      { kind: "opened", ref_id: null },
      { kind: "stress_alert", ref_id: alert.id },
    ]);
    const opened = (await caseCall(srv, sw, "get", `/api/cases/${c!.id}`)).body.case as Case;
    expect(opened.lead?.id).toBe(sw.id);
    const [note] = await notificationsOf(srv, sw, "case_opened");
    expect(note!.payload).toEqual({ caseId: c!.id, trigger: "stress_alert" });

    // The alert is still open: another 5 is the same alert, so nothing is added.
    await checkIn(cg, 5);
    expect(await eventsOf(c!.id)).toHaveLength(2);
    expect(
      (await post(sw, `/api/moderation/alerts/${alert.id}/acknowledge`, { note: "已电话联系" })).status,
    ).toBe(200);
    await checkIn(cg, 5);
    expect(await casesOf(cg.familyId!)).toHaveLength(1);
    const kinds = (await eventsOf(c!.id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === "stress_alert")).toHaveLength(2);
    expect(await notificationsOf(srv, sw, "case_opened")).toHaveLength(1);
  });

  it("two crisis messages of one family at once open one case, with both alerts, left for the supervisor", async () => {
    const admin = await buildAdmin(srv);
    const room = await crisisRoom(srv);
    const partner = await joinFamily(srv, room.author);
    await joinGroup(srv, partner, room.group.id);
    const ps = await connectSocket(srv, partner.token);
    await Promise.all([sendOk(room.as, room.group.id, CRISIS), sendOk(ps, room.group.id, `${CRISIS}。`)]);
    const cases = await casesOf(room.author.familyId!);
    expect(cases).toHaveLength(1);
    const events = await eventsOf(cases[0]!.id);
    expect(events.filter((e) => e.kind === "crisis_alert")).toHaveLength(2);
    expect(events.filter((e) => e.kind === "opened")).toHaveLength(1);
    // Nobody is assigned to the family: no lead, and the supervisors are told.
    const unled = await caseCall(srv, admin, "get", "/api/cases?unled=true");
    expect((unled.body.cases as Case[]).map((c) => c.id)).toContain(cases[0]!.id);
    const told = await notificationsOf(srv, admin, "case_opened");
    expect(told.filter((n) => n.payload.caseId === cases[0]!.id)).toHaveLength(1);
    expect(told.find((n) => n.payload.caseId === cases[0]!.id)!.payload.trigger).toBe("crisis_alert");
  });

  it("a high-risk intake is on the timeline and told to the supervisors, by id only", async () => {
    const admin = await buildAdmin(srv);
    const sw = await buildStaff(srv, "social_worker");
    const { case: c } = await familyWithCase(srv, sw, { riskLevel: "low" });
    const raised = await caseCall(srv, sw, "patch", `/api/cases/${c.id}`, {
      version: c.version,
      riskLevel: "high",
    });
    expect(raised.status).toBe(200);
    expect((await eventsOf(c.id)).map((e) => e.kind)).toEqual(["opened", "high_risk_intake"]);
    const notes = (await notificationsOf(srv, admin, "case_high_risk")).filter(
      (n) => n.payload.caseId === c.id,
    );
    expect(notes.map((n) => n.payload)).toEqual([{ caseId: c.id }]);
    const timeline = await caseCall(srv, sw, "get", `/api/cases/${c.id}/timeline`);
    expect((timeline.body.entries as CaseTimelineEntry[]).map((e) => e.kind)).toEqual([
      "opened",
      "high_risk_intake",
    ]);
  });
});

describe("export, erasure and retention", () => {
  it("the export holds the family's plain view of its case, without unshared notes", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const { caregiver, case: c } = await familyWithCase(srv, sw);
    await addGoal(srv, sw, c.id, { goal: "每月两次喘息服务", respiteSessionsPerMonth: 2 });
    await addRecord(srv, sw, c.id, { notes: "未分享的过程记录", sharedWithFamily: false });
    await addRecord(srv, sw, c.id, { notes: "已分享：申请了低保", sharedWithFamily: true });
    const res = await srv.http.get("/api/me/export").set("Authorization", caregiver.auth);
    expect(res.status).toBe(200);
    const data = DataExportSchema.parse(res.body);
    expect(data.cases).toHaveLength(1);
    expect(data.cases[0]).toMatchObject({ id: c.id, stage: "intake" });
    expect(data.cases[0]!.goals.map((g) => g.goal)).toEqual(["每月两次喘息服务"]);
    expect(data.cases[0]!.records.map((r) => r.notes)).toEqual(["已分享：申请了低保"]);
    expect(JSON.stringify(res.body)).not.toContain("未分享的过程记录");
    expect(JSON.stringify(res.body)).not.toContain("家里经济困难");
  });

  it("erasure keeps the record without the caregiver's and child's names, closes it, and the purge deletes it later", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const admin = await buildAdmin(srv);
    const grandma = await buildCaregiver(srv, { displayName: "王奶奶" });
    await buildChild(srv, grandma, { nickname: "小宝" });
    await assignSocialWorker(srv, grandma.familyId!, sw.id);
    const opened = await caseCall(srv, sw, "post", "/api/cases", {
      familyId: grandma.familyId,
      source: "visit",
      riskLevel: "medium",
      presentingProblems: ["care_burden"],
      problemNote: "王奶奶独自照顾小宝",
    });
    const c = opened.body.case as Case;
    await addGoal(srv, sw, c.id, {
      goal: "王奶奶每周休息一天",
      actions: ["联系小宝的学校", "王奶奶参加互助小组"],
    });
    await addRecord(srv, sw, c.id, { notes: "家访：王奶奶说小宝最近睡得好" });
    const deleted = await post(grandma, "/api/me/delete", { password: grandma.password });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);

    const kept = await caseCall(srv, admin, "get", `/api/cases/${c.id}`);
    expect(kept.status).toBe(200);
    const after = kept.body.case as Case;
    expect(after).toMatchObject({ familyId: null, stage: "closed", closedReason: "family_erased" });
    expect(after.problemNote).toBe("〔已删除〕独自照顾〔已删除〕");
    expect(after.goals[0]).toMatchObject({
      goal: "〔已删除〕每周休息一天",
      actions: ["联系〔已删除〕的学校", "〔已删除〕参加互助小组"],
    });
    const rows = await sqlRows<{ notes: string }>(
      srv,
      sql`select notes from case_records where case_id = ${c.id}`,
    );
    expect(rows).toEqual([{ notes: "家访：〔已删除〕说〔已删除〕最近睡得好" }]);
    expect(JSON.stringify(after)).not.toMatch(/王奶奶|小宝/);
    expect(after.purgeAfter).not.toBeNull();

    // Not yet due: the purge leaves it; once due, it goes with everything under it, once.
    const purge = srv.cc.services.cases.purge;
    await purge.runDue();
    expect(await sqlCount(srv, sql`select count(*) from cases where id = ${c.id}`)).toBe(1);
    await sqlRows(srv, sql`update cases set purge_after = now() - interval '1 second' where id = ${c.id}`);
    const [a, b] = await Promise.all([purge.runDue(), purge.runDue()]);
    // Two nodes at once: one takes the row, the other skips it (SKIP LOCKED): purged exactly once.
    expect(a + b).toBe(1);
    for (const [table, key] of [
      ["cases", "id"],
      ["case_goals", "case_id"],
      ["case_records", "case_id"],
      ["case_events", "case_id"],
      ["case_stage_changes", "case_id"],
    ] as const) {
      const n = await sqlCount(
        srv,
        sql`select count(*) from ${sql.identifier(table)} where ${sql.identifier(key)} = ${c.id}`,
      );
      expect(n, table).toBe(0);
    }
    expect(await sqlCount(srv, sql`select count(*) from audit_log where action = 'cases_purged'`)).toBe(1);
  });

  it("when another caregiver stays, the case stays open and only the leaver's name goes", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const mum = await buildCaregiver(srv, { displayName: "李妈妈" });
    const dad = await joinFamily(srv, mum);
    await assignSocialWorker(srv, mum.familyId!, sw.id);
    const c = (
      await caseCall(srv, sw, "post", "/api/cases", {
        familyId: mum.familyId,
        source: "self",
        riskLevel: "low",
        presentingProblems: ["family_relations"],
        strengths: "李妈妈和爸爸互相支持",
      })
    ).body.case as Case;
    expect((await post(mum, "/api/me/delete", { password: mum.password })).status).toBe(200);
    const after = (await caseCall(srv, sw, "get", `/api/cases/${c.id}`)).body.case as Case;
    expect(after).toMatchObject({
      stage: "intake",
      familyId: dad.familyId,
      strengths: "〔已删除〕和爸爸互相支持",
    });
  });
});
