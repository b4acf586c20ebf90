import type { Case, CaseGoal, CaseRecord } from "@carecircle/shared";
import { expect } from "vitest";
import type { TestServer } from "../setup/server.js";
import { type Account, assignSocialWorker, buildCaregiver } from "./accounts.js";

type Body = Record<string, unknown>;

/** The intake of a case opened by hand, unless a test says otherwise. */
export const INTAKE = {
  source: "visit",
  riskLevel: "medium",
  presentingProblems: ["economic", "care_burden"],
  problemNote: "家里经济困难，奶奶一个人照顾",
  strengths: "奶奶很有耐心，邻居愿意帮忙",
} as const;

/** `who` calls a case route: answers the response (status not checked). */
export function caseCall(
  srv: TestServer,
  who: Account,
  method: "get" | "post" | "patch" | "delete",
  path: string,
  body?: Body,
) {
  const req = srv.http[method](path).set("Authorization", who.auth);
  return body === undefined ? req : req.send(body);
}

/** Open a case for `familyId` as `sw` (expects 201). */
export async function openCase(
  srv: TestServer,
  sw: Account,
  familyId: string,
  intake: Body = {},
): Promise<Case> {
  const res = await caseCall(srv, sw, "post", "/api/cases", { familyId, ...INTAKE, ...intake });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.case as Case;
}

/** A new family assigned to `sw`, with a case `sw` opened (and leads). */
export async function familyWithCase(srv: TestServer, sw: Account, intake: Body = {}) {
  const caregiver = await buildCaregiver(srv);
  await assignSocialWorker(srv, caregiver.familyId!, sw.id);
  const c = await openCase(srv, sw, caregiver.familyId!, intake);
  return { caregiver, case: c };
}

/** Add a goal (expects 201). */
export async function addGoal(
  srv: TestServer,
  who: Account,
  caseId: string,
  goal: Body = {},
): Promise<CaseGoal> {
  const res = await caseCall(srv, who, "post", `/api/cases/${caseId}/goals`, {
    domain: "belief_systems",
    goal: "看到家庭自身的力量",
    actions: ["每周一次家访"],
    ...goal,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.goal as CaseGoal;
}

/** Add a service record (expects 201). */
export async function addRecord(
  srv: TestServer,
  who: Account,
  caseId: string,
  record: Body = {},
): Promise<CaseRecord> {
  const res = await caseCall(srv, who, "post", `/api/cases/${caseId}/records`, {
    kind: "home_visit",
    occurredOn: new Date().toISOString().slice(0, 10),
    durationMinutes: 60,
    notes: "家访过程记录",
    ...record,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.record as CaseRecord;
}

/** Move a case (answers the response; status not checked). */
export function moveStage(
  srv: TestServer,
  who: Account,
  c: { id: string; version: number },
  to: string,
  reason?: string,
) {
  return caseCall(srv, who, "post", `/api/cases/${c.id}/stage`, {
    version: c.version,
    to,
    ...(reason ? { reason } : {}),
  });
}

/** Move a case and expect 200; answers the case. */
export async function moveOk(
  srv: TestServer,
  who: Account,
  c: { id: string; version: number },
  to: string,
  reason?: string,
) {
  const res = await moveStage(srv, who, c, to, reason);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.case as Case;
}
