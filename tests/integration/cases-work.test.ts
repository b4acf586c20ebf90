import { sql } from "@carecircle/server";
import {
  type Case,
  type CaseRecord,
  CaseSchema,
  type CaseSummary,
  FamilyCaseSchema,
} from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  addGoal,
  addRecord,
  assignSocialWorker,
  bookOk,
  buildAdmin,
  buildCaregiver,
  buildChild,
  buildSlot,
  buildStaff,
  caseCall,
  familyWithCase,
  hoursFromNow,
  moveOk,
  moveStage,
  notificationsOf,
  sqlCount,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * Case work (issue 18 §1, decision 123): who reads and changes a case (audited), the stage rule
 * with the supervisor's sign-off, concurrent moves, service records, and the family's plain view.
 */

const srv = useTestServer();

const auditedReads = (caseId: string, actorId: string) =>
  sqlRows<{ part: string }>(
    srv,
    sql`select after->>'part' as part from audit_log
        where action = 'case_viewed' and actor_id = ${actorId} and after->>'caseId' = ${caseId} order by id`,
  );

describe("who may read and change a case", () => {
  it("its social workers and the supervisor read it, every read audited; others get 404 or 403", async () => {
    const lead = await buildStaff(srv, "social_worker", "主责社工");
    const colleague = await buildStaff(srv, "social_worker", "同事社工");
    const admin = await buildAdmin(srv);
    const { caregiver, case: c } = await familyWithCase(srv, lead);
    // Assigned to the family, but not on the case: the case does not exist for her.
    await assignSocialWorker(srv, caregiver.familyId!, colleague.id);
    for (const path of [`/api/cases/${c.id}`, `/api/cases/${c.id}/records`, `/api/cases/${c.id}/timeline`])
      expect((await caseCall(srv, colleague, "get", path)).status, path).toBe(404);
    expect((await caseCall(srv, colleague, "get", "/api/cases")).body.cases).toEqual([]);
    expect((await caseCall(srv, caregiver, "get", `/api/cases/${c.id}`)).status).toBe(403);
    expect(await auditedReads(c.id, colleague.id)).toEqual([]);

    for (const who of [lead, admin]) {
      const res = await caseCall(srv, who, "get", `/api/cases/${c.id}`);
      expect(res.status).toBe(200);
      expect(CaseSchema.parse(res.body.case)).toMatchObject({ problemNote: "家里经济困难，奶奶一个人照顾" });
      await caseCall(srv, who, "get", `/api/cases/${c.id}/records`);
      await caseCall(srv, who, "get", `/api/cases/${c.id}/timeline`);
      expect((await auditedReads(c.id, who.id)).map((r) => r.part)).toEqual(["case", "records", "timeline"]);
    }

    // The lead adds her; a member may read but not manage the team.
    const added = await caseCall(srv, lead, "post", `/api/cases/${c.id}/workers`, {
      socialWorkerId: colleague.id,
    });
    expect(added.status).toBe(200);
    expect((added.body.case as Case).workers.map((w) => [w.displayName, w.role])).toEqual([
      ["主责社工", "lead"],
      ["同事社工", "member"],
    ]);
    expect((await caseCall(srv, colleague, "get", `/api/cases/${c.id}`)).status).toBe(200);
    const other = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, caregiver.familyId!, other.id);
    const byMember = await caseCall(srv, colleague, "post", `/api/cases/${c.id}/workers`, {
      socialWorkerId: other.id,
    });
    expect(byMember.status).toBe(403);
    // Only social workers assigned to the family can join; only the supervisor picks the lead.
    const stranger = await buildStaff(srv, "social_worker");
    const refused = await caseCall(srv, lead, "post", `/api/cases/${c.id}/workers`, {
      socialWorkerId: stranger.id,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toHaveProperty("socialWorkerId");
    const lead2 = { socialWorkerId: colleague.id, role: "lead" };
    expect((await caseCall(srv, lead, "post", `/api/cases/${c.id}/workers`, lead2)).status).toBe(403);
    const swapped = await caseCall(srv, admin, "post", `/api/cases/${c.id}/workers`, lead2);
    expect((swapped.body.case as Case).lead?.id).toBe(colleague.id);
    expect(
      (await caseCall(srv, admin, "delete", `/api/cases/${c.id}/workers/${colleague.id}`)).body.error.details,
    ).toEqual({ reason: "is_lead" });
  });

  it("one open case per family; social workers not assigned to the family cannot open one", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const { caregiver } = await familyWithCase(srv, sw);
    const again = await caseCall(srv, sw, "post", "/api/cases", {
      familyId: caregiver.familyId,
      source: "self",
      riskLevel: "low",
      presentingProblems: ["isolation"],
    });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe("case_open");
    const other = await buildStaff(srv, "social_worker");
    const body = {
      familyId: caregiver.familyId,
      source: "self",
      riskLevel: "low",
      presentingProblems: ["other"],
    };
    expect((await caseCall(srv, other, "post", "/api/cases", body)).status).toBe(404);
    const bad = await caseCall(srv, sw, "post", "/api/cases", { ...body, presentingProblems: [] });
    expect(bad.status).toBe(400);
    expect(await sqlCount(srv, sql`select count(*) from cases where family_id = ${caregiver.familyId}`)).toBe(
      1,
    );
  });
});

describe("stage rules and sign-off", () => {
  it("walks the stages; plan approval and closure wait for the supervisor, who approves or returns", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const admin = await buildAdmin(srv);
    let { case: c } = await familyWithCase(srv, sw);
    const refusal = async (to: string, reason?: string) =>
      (await moveStage(srv, sw, c, to, reason)).body.error;
    expect(await refusal("plan")).toMatchObject({ code: "CONFLICT", details: { reason: "skips_stage" } });
    c = await moveOk(srv, sw, c, "assessment");
    expect(await refusal("intake")).toMatchObject({ code: "VALIDATION_FAILED" });
    c = await moveOk(srv, sw, c, "plan");
    expect(await refusal("intervention")).toMatchObject({ details: { reason: "needs_goal" } });
    await addGoal(srv, sw, c.id, { respiteSessionsPerMonth: 4 });

    c = await moveOk(srv, sw, c, "intervention");
    expect(c.stage).toBe("plan");
    expect(c.pendingChange).toMatchObject({ from: "plan", to: "intervention", signoff: "pending" });
    const [asked] = await notificationsOf(srv, admin, "case_signoff_requested");
    expect(asked!.payload).toEqual({ caseId: c.id, changeId: c.pendingChange!.id, to: "intervention" });
    expect(await refusal("assessment", "再评估")).toMatchObject({ details: { reason: "signoff_pending" } });

    const decide = (changeId: string, body: Record<string, unknown>) =>
      caseCall(srv, admin, "post", `/api/cases/${c.id}/signoffs/${changeId}`, body);
    expect((await decide(c.pendingChange!.id, { decision: "return" })).status).toBe(400);
    const returned = await decide(c.pendingChange!.id, { decision: "return", comment: "目标要更具体" });
    c = returned.body.case as Case;
    expect(c.stage).toBe("plan");
    expect(c.stageChanges.at(-1)).toMatchObject({ signoff: "returned", signoffComment: "目标要更具体" });
    const [told] = await notificationsOf(srv, sw, "case_signoff_decided");
    expect(told!.payload).toMatchObject({ caseId: c.id, decision: "return" });
    expect((await decide(c.stageChanges.at(-1)!.id, { decision: "approve" })).body.error.details).toEqual({
      reason: "not_pending",
    });

    c = await moveOk(srv, sw, c, "intervention");
    c = (await decide(c.pendingChange!.id, { decision: "approve" })).body.case as Case;
    expect(c).toMatchObject({ stage: "intervention", pendingChange: null });
    expect(await refusal("evaluation")).toMatchObject({ details: { reason: "needs_record" } });
    await addRecord(srv, sw, c.id);
    c = await moveOk(srv, sw, c, "evaluation");
    expect(await refusal("closed")).toMatchObject({ code: "VALIDATION_FAILED" });
    c = await moveOk(srv, sw, c, "closed", "目标达成，结案");
    c = (await decide(c.pendingChange!.id, { decision: "approve" })).body.case as Case;
    expect(c.stage).toBe("closed");
    const years = (Date.parse(c.purgeAfter!) - Date.parse(c.closedAt!)) / (365.25 * 86_400_000);
    expect(years).toBeCloseTo(10, 3);
    const late = await caseCall(srv, sw, "patch", `/api/cases/${c.id}`, {
      version: c.version,
      strengths: "x",
    });
    expect(late.body.error.details.reason).toBe("case_closed");
  });

  it("the supervisor's own moves need no second sign-off", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const admin = await buildAdmin(srv);
    const { case: c } = await familyWithCase(srv, sw);
    const closed = await moveOk(srv, admin, c, "closed", "家庭已迁出本区");
    expect(closed).toMatchObject({ stage: "closed", closedReason: "家庭已迁出本区", pendingChange: null });
  });

  it("of concurrent moves and edits made on one version, exactly one wins; the rest get stale_version", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const { case: c } = await familyWithCase(srv, sw);
    const results = await Promise.all([
      ...[1, 2, 3].map(() => moveStage(srv, sw, c, "assessment")),
      caseCall(srv, sw, "patch", `/api/cases/${c.id}`, { version: c.version, riskLevel: "low" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body.error).toMatchObject({
        code: "CONFLICT",
        details: { reason: "stale_version", version: 2 },
      });
    const row = await sqlRows<{ version: number }>(srv, sql`select version from cases where id = ${c.id}`);
    expect(row[0]!.version).toBe(2);
    expect(
      await sqlCount(srv, sql`select count(*) from case_stage_changes where case_id = ${c.id}`),
    ).toBeLessThan(2);
  });
});

describe("service records", () => {
  it("referrals are followed up; authors edit for 24 hours, the supervisor later (audited) and deletes (audited)", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const member = await buildStaff(srv, "social_worker");
    const admin = await buildAdmin(srv);
    const { caregiver, case: c } = await familyWithCase(srv, sw);
    await assignSocialWorker(srv, caregiver.familyId!, member.id);
    await caseCall(srv, sw, "post", `/api/cases/${c.id}/workers`, { socialWorkerId: member.id });
    const goal = await addGoal(srv, sw, c.id);
    const visit = await addRecord(srv, sw, c.id, { goalIds: [goal.id] });
    const referral = await addRecord(srv, sw, c.id, { kind: "resource_linking", subject: "低保申请" });
    expect(visit.followUpStatus).toBeNull();
    expect(referral).toMatchObject({ followUpStatus: "submitted", subject: "低保申请", editable: true });
    const wrongGoal = await caseCall(srv, sw, "post", `/api/cases/${c.id}/records`, {
      kind: "office",
      occurredOn: "2026-01-05",
      durationMinutes: 30,
      notes: "来访",
      goalIds: [c.id],
    });
    expect(wrongGoal.status).toBe(400);

    const list = async (query = "") =>
      (
        (await caseCall(srv, member, "get", `/api/cases/${c.id}/records${query}`)).body
          .records as CaseRecord[]
      ).map((r) => r.id);
    expect(await list("?pendingFollowUp=true")).toEqual([referral.id]);
    expect(await list("?kind=home_visit")).toEqual([visit.id]);
    // The case list counts what waits for follow-up, for its badge (the list carries no records).
    const pendingIn = async () => {
      const res = await caseCall(srv, member, "get", `/api/cases?familyId=${caregiver.familyId}`);
      const [summary] = res.body.cases as CaseSummary[];
      const whole = (await caseCall(srv, member, "get", `/api/cases/${c.id}`)).body.case as Case;
      return [summary!.pendingFollowUps, whole.pendingFollowUps];
    };
    expect(await pendingIn()).toEqual([1, 1]);
    const follow = (recordId: string, status: string) =>
      caseCall(srv, member, "post", `/api/cases/${c.id}/records/${recordId}/follow-up`, { status });
    expect((await follow(visit.id, "approved")).body.error.details.reason).toBe("no_follow_up");
    expect((await follow(referral.id, "approved")).body.record).toMatchObject({ followUpStatus: "approved" });
    expect(await list("?pendingFollowUp=true")).toEqual([]);
    expect(await pendingIn()).toEqual([0, 0]);

    const edit = (who: Account, notes: string) =>
      caseCall(srv, who, "patch", `/api/cases/${c.id}/records/${visit.id}`, { notes });
    expect((await edit(member, "别人改")).status).toBe(403);
    expect((await edit(sw, "补充一句")).status).toBe(200);
    await sqlRows(
      srv,
      sql`update case_records set created_at = now() - interval '25 hours' where id = ${visit.id}`,
    );
    expect((await edit(sw, "太晚了")).status).toBe(403);
    expect((await edit(admin, "督导更正")).body.record).toMatchObject({ notes: "督导更正", editable: true });
    const del = await caseCall(srv, sw, "delete", `/api/cases/${c.id}/records/${visit.id}`, {
      reason: "重复",
    });
    expect(del.status).toBe(403);
    expect(
      (await caseCall(srv, admin, "delete", `/api/cases/${c.id}/records/${visit.id}`, { reason: "重复" }))
        .status,
    ).toBe(200);
    const audit = await sqlRows<{ action: string; reason: string | null }>(
      srv,
      sql`select action, reason from audit_log where after->>'recordId' = ${visit.id} order by id`,
    );
    expect(audit).toEqual([
      { action: "case_record_edited", reason: null },
      { action: "case_record_deleted", reason: "重复" },
    ]);
    expect(JSON.stringify(audit)).not.toContain("督导更正");
  });
});

describe("the family's plain view and the timeline", () => {
  it("caregivers see stage, goals, strengths and shared records only; respite sessions reach the timeline", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const { caregiver, case: c } = await familyWithCase(srv, sw, { riskLevel: "high" });
    const goal = await addGoal(srv, sw, c.id, { respiteSessionsPerMonth: 2 });
    await addRecord(srv, sw, c.id, { notes: "过程记录：奶奶情绪低落，秘密", sharedWithFamily: false });
    await addRecord(srv, sw, c.id, { notes: "下次一起去看喘息服务", sharedWithFamily: true });
    const child = await buildChild(srv, caregiver);
    const { slot } = await buildSlot(srv, { startsAt: hoursFromNow(30) });
    const booking = await bookOk(srv, caregiver, slot.id, child.id);

    const res = await caseCall(srv, caregiver, "get", "/api/family/case");
    expect(res.status).toBe(200);
    const view = FamilyCaseSchema.parse(res.body.case);
    expect(view).toMatchObject({ id: c.id, stage: "intake", strengths: "奶奶很有耐心，邻居愿意帮忙" });
    expect(view.goals).toEqual([expect.objectContaining({ id: goal.id, respite: { sessionsPerMonth: 2 } })]);
    expect(view.records.map((r) => r.notes)).toEqual(["下次一起去看喘息服务"]);
    const text = JSON.stringify(res.body);
    for (const secret of ["秘密", "经济困难", "riskLevel", "problemNote", "high"])
      expect(text).not.toContain(secret);
    const stranger = await buildCaregiver(srv);
    expect((await caseCall(srv, stranger, "get", "/api/family/case")).body).toEqual({ case: null });

    const timeline = await caseCall(srv, sw, "get", `/api/cases/${c.id}/timeline`);
    const kinds = (timeline.body.entries as { kind: string; refId: string | null }[]).map((e) => [
      e.kind,
      e.refId,
    ]);
    expect(kinds.map(([k]) => k)).toEqual([
      "opened",
      "high_risk_intake",
      "record_added",
      "record_added",
      "respite_session",
    ]);
    expect(kinds.at(-1)).toEqual(["respite_session", booking.id]);
  });
});
