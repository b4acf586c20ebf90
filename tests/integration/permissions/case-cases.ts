import { sql } from "@carecircle/server";
import type { CaseRouteName } from "@carecircle/shared";
import { expect } from "vitest";
import {
  addGoal,
  addRecord,
  assignSocialWorker,
  buildCaregiver,
  buildStaff,
  caseCall,
  familyWithCase,
  moveOk,
  sqlOne,
} from "../../factories/index.js";
import type { RouteCase } from "./cases.js";
import type { World } from "./world.js";

/** The case part of the world: F's case (opened by the world's crisis alert, led by swAssigned). */
export interface CaseWorld {
  caseId: string;
  goalId: string;
  /** A referral by swAssigned, written just now (editable by its author). */
  recordId: string;
}

/** F's case (the world's crisis report opened it, decision 125), with a goal and a referral. */
export async function buildCaseWorld(w: Omit<World, "cases">): Promise<CaseWorld> {
  const res = await caseCall(w.srv, w.swAssigned, "get", `/api/cases?familyId=${w.familyId}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const mine = res.body.cases as { id: string; lead: { id: string } | null }[];
  expect(mine.map((c) => c.lead?.id)).toEqual([w.swAssigned.id]);
  const caseId = mine[0]!.id;
  const goal = await addGoal(w.srv, w.swAssigned, caseId);
  const record = await addRecord(w.srv, w.swAssigned, caseId, { kind: "referral", subject: "低保申请" });
  return { caseId, goalId: goal.id, recordId: record.id };
}

const route = <F>(c: RouteCase<F>) => c as RouteCase<unknown>;
const onCase = ({ w }: { w: World }) => ({ id: w.cases.caseId });
const today = () => new Date().toISOString().slice(0, 10);
const versionOf = async (w: World, id: string) =>
  (await sqlOne<{ version: number }>(w.srv, sql`select version from cases where id = ${id}`)).version;

/** A new family assigned to swAssigned, with an intake case swAssigned leads. */
async function freshCase(w: World) {
  const { case: c } = await familyWithCase(w.srv, w.swAssigned);
  return { id: c.id, version: c.version };
}

/** A new social worker assigned to F (so they may be added to F's case). */
async function freshColleague(w: World) {
  const sw = await buildStaff(w.srv, "social_worker");
  await assignSocialWorker(w.srv, w.familyId, sw.id);
  return sw.id;
}

/** A case waiting for the supervisor to sign off its plan. */
async function pendingPlan(w: World) {
  let c = await freshCase(w);
  c = await moveOk(w.srv, w.swAssigned, c, "assessment");
  c = await moveOk(w.srv, w.swAssigned, c, "plan");
  await addGoal(w.srv, w.swAssigned, c.id);
  const pending = await moveOk(w.srv, w.swAssigned, c, "intervention");
  return { caseId: c.id, changeId: pending.pendingChange!.id };
}

/** Every case route (issue 18), with a valid call. */
export const CASE_ROUTE_CASES: Record<CaseRouteName, RouteCase> = {
  listCases: route({ target: "caller" }),
  openCase: route<string>({
    target: "family",
    // A new family assigned to swAssigned, without a case yet.
    fresh: async (w) => {
      const caregiver = await buildCaregiver(w.srv);
      await assignSocialWorker(w.srv, caregiver.familyId!, w.swAssigned.id);
      return caregiver.familyId!;
    },
    body: ({ f }) => ({ familyId: f, source: "self", riskLevel: "low", presentingProblems: ["isolation"] }),
  }),
  getCase: route({ target: "case", params: onCase }),
  updateCase: route<number>({
    target: "case",
    fresh: (w) => versionOf(w, w.cases.caseId),
    params: onCase,
    body: ({ f }) => ({ version: f, strengths: "家人互相支持" }),
  }),
  moveCaseStage: route<{ id: string; version: number }>({
    target: "case",
    fresh: freshCase,
    params: ({ f }) => ({ id: f.id }),
    body: ({ f }) => ({ version: f.version, to: "assessment" }),
  }),
  decideStageChange: route<{ caseId: string; changeId: string }>({
    target: "none",
    fresh: pendingPlan,
    params: ({ f }) => ({ id: f.caseId, changeId: f.changeId }),
    body: () => ({ decision: "approve" }),
  }),
  addCaseWorker: route<string>({
    target: "case",
    fresh: freshColleague,
    params: onCase,
    body: ({ f }) => ({ socialWorkerId: f, role: "member" }),
  }),
  removeCaseWorker: route<string>({
    target: "case",
    fresh: async (w) => {
      const id = await freshColleague(w);
      const res = await caseCall(w.srv, w.swAssigned, "post", `/api/cases/${w.cases.caseId}/workers`, {
        socialWorkerId: id,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return id;
    },
    params: ({ w, f }) => ({ id: w.cases.caseId, userId: f }),
  }),
  addCaseGoal: route({
    target: "case",
    params: onCase,
    body: () => ({ domain: "communication_processes", goal: "家人一起商量", actions: ["家庭会议"] }),
  }),
  updateCaseGoal: route({
    target: "case",
    params: ({ w }) => ({ id: w.cases.caseId, goalId: w.cases.goalId }),
    body: () => ({ status: "in_progress", progressNote: "有进步" }),
  }),
  listCaseRecords: route({ target: "case", params: onCase }),
  addCaseRecord: route({
    target: "case",
    params: onCase,
    body: () => ({ kind: "phone_call", occurredOn: today(), durationMinutes: 15, notes: "电话回访" }),
  }),
  updateCaseRecord: route({
    target: "case",
    params: ({ w }) => ({ id: w.cases.caseId, recordId: w.cases.recordId }),
    body: () => ({ notes: "补充：材料已交" }),
  }),
  setRecordFollowUp: route({
    target: "case",
    params: ({ w }) => ({ id: w.cases.caseId, recordId: w.cases.recordId }),
    body: () => ({ status: "submitted" }),
  }),
  deleteCaseRecord: route<string>({
    target: "none",
    fresh: async (w) => (await addRecord(w.srv, w.swAssigned, w.cases.caseId)).id,
    params: ({ w, f }) => ({ id: w.cases.caseId, recordId: f }),
    body: () => ({ reason: "重复记录" }),
  }),
  caseTimeline: route({ target: "case", params: onCase }),
  getFamilyOpenCase: route({ target: "family", params: ({ w }) => ({ id: w.familyId }) }),
  getFamilyCase: route({ target: "caller" }),
};
