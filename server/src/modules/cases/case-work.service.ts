import {
  CASE_LIMITS,
  type CaseGoal,
  type CaseGoalCreateInput,
  type CaseGoalUpdateInput,
  type CaseRecord,
  type CaseRecordCreateInput,
  type CaseRecordKind,
  type CaseRecordUpdateInput,
  FOLLOWED_UP_KINDS,
  type FollowUpStatus,
} from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { assertFound, forbidden, invalid } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { policiesRepo } from "../policies/policies.repo.js";
import { auditCaseRead, type CaseStanding, caseFor } from "./case-reads.js";
import { caseWorkRepo, type RecordRow } from "./case-work.repo.js";
import { presentGoal, presentRecord } from "./cases.presenter.js";
import { casesRepo } from "./cases.repo.js";
import { assertChangeable, caseConflict } from "./cases.service.js";

const EDIT_MS = CASE_LIMITS.recordEditHours * 3_600_000;

/**
 * Who may edit a service record (decision 123): its author within 24 hours of writing it (after
 * that the record stands and a correction is a new record); the supervisor at any time, audited.
 */
export function mayEditRecord(r: RecordRow, user: AuthUser, standing: CaseStanding, now = new Date()) {
  if (standing === "supervisor") return true;
  return r.authorId === user.id && now.getTime() - r.createdAt.getTime() <= EDIT_MS;
}

/** Refuse goal ids that are not goals of the case. */
async function checkGoalIds(db: DbOrTx, caseId: string, ids: string[] | undefined) {
  if (!ids?.length) return;
  const found = await caseWorkRepo.goalIdsOf(db, caseId, ids);
  if (found.length !== new Set(ids).size) throw invalid("goalIds", "must name goals of this case");
}

/** A record may name a policy card of the library (issue 18 §5), never an unknown one. */
async function checkPolicyCard(db: DbOrTx, id: string | null | undefined) {
  if (id && !(await policiesRepo.byId(db, id)))
    throw invalid("policyCardId", "must name a policy card of the library");
}

type Op = (deps: Deps, ...args: never[]) => unknown;
type Bound<T extends Record<string, Op>> = {
  [K in keyof T]: T[K] extends (deps: Deps, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/** Records as `user` sees them, with authors' names and whether each is still editable. */
async function presentRecords(db: DbOrTx, rows: RecordRow[], user: AuthUser, standing: CaseStanding) {
  const names = await casesRepo.names(
    db,
    rows.flatMap((r) => [r.authorId, r.followUpBy]),
  );
  return rows.map((r) => presentRecord(r, names, mayEditRecord(r, user, standing)));
}

async function addGoal(deps: Deps, user: AuthUser, caseId: string, input: CaseGoalCreateInput) {
  return unitOfWork(deps, async (tx) => {
    const { row } = await caseFor(tx, user, caseId, { lock: true });
    assertChangeable(row);
    const goal = await caseWorkRepo.insertGoal(tx, {
      caseId: row.id,
      domain: input.domain,
      goal: input.goal,
      actions: input.actions,
      targetDate: input.targetDate ?? null,
      respiteSessionsPerMonth: input.respiteSessionsPerMonth ?? null,
      createdBy: user.id,
    });
    return { goal: presentGoal(goal) };
  });
}

async function updateGoal(
  deps: Deps,
  user: AuthUser,
  caseId: string,
  goalId: string,
  input: CaseGoalUpdateInput,
): Promise<{ goal: CaseGoal }> {
  return unitOfWork(deps, async (tx) => {
    const { row } = await caseFor(tx, user, caseId, { lock: true });
    assertChangeable(row);
    const goal = assertFound(await caseWorkRepo.goal(tx, row.id, goalId), "goal");
    return { goal: presentGoal(await caseWorkRepo.updateGoal(tx, goal.id, input)) };
  });
}

/** The case's records, newest first (an audited read). */
async function listRecords(
  { db }: Deps,
  user: AuthUser,
  caseId: string,
  q: { kind?: CaseRecordKind; pendingFollowUp?: string },
): Promise<{ records: CaseRecord[] }> {
  const { row, standing } = await caseFor(db, user, caseId);
  await auditCaseRead(db, user, row, "records");
  const rows = await caseWorkRepo.records(db, row.id, {
    kind: q.kind,
    pendingFollowUp: q.pendingFollowUp === "true",
  });
  return { records: await presentRecords(db, rows, user, standing) };
}

/** Record a contact; a referral or resource linking starts as `submitted`. */
async function addRecord(
  deps: Deps,
  user: AuthUser,
  caseId: string,
  input: CaseRecordCreateInput,
): Promise<{ record: CaseRecord }> {
  const record = await unitOfWork(deps, async (tx) => {
    const { row } = await caseFor(tx, user, caseId, { lock: true });
    assertChangeable(row);
    await checkGoalIds(tx, row.id, input.goalIds);
    await checkPolicyCard(tx, input.policyCardId);
    const followed = FOLLOWED_UP_KINDS.includes(input.kind);
    const created = await caseWorkRepo.insertRecord(tx, {
      ...input,
      caseId: row.id,
      authorId: user.id,
      subject: input.subject ?? null,
      policyCardId: input.policyCardId ?? null,
      followUpStatus: followed ? "submitted" : null,
    });
    await casesRepo.addEvent(tx, { caseId: row.id, kind: "record_added", refId: created.id });
    return created;
  });
  const standing = user.role === "admin" ? "supervisor" : "member";
  return { record: (await presentRecords(deps.db, [record], user, standing))[0]! };
}

/** Edit a record: its author within 24 hours, the supervisor at any time (audited). */
async function updateRecord(
  deps: Deps,
  user: AuthUser,
  caseId: string,
  recordId: string,
  input: CaseRecordUpdateInput,
): Promise<{ record: CaseRecord }> {
  const { standing, updated } = await unitOfWork(deps, async (tx) => {
    const { row, standing } = await caseFor(tx, user, caseId, { lock: true });
    assertChangeable(row);
    const r = assertFound(await caseWorkRepo.record(tx, row.id, recordId), "record");
    if (!mayEditRecord(r, user, standing))
      throw forbidden(
        "Only the author can edit a record, and only within 24 hours; add a new record instead",
      );
    await checkGoalIds(tx, row.id, input.goalIds);
    await checkPolicyCard(tx, input.policyCardId);
    if (standing === "supervisor")
      await auditRepo.append(tx, {
        actorId: user.id,
        action: "case_record_edited",
        after: { caseId: row.id, recordId: r.id, fields: Object.keys(input) },
      });
    return { standing, updated: await caseWorkRepo.updateRecord(tx, r.id, input) };
  });
  return { record: (await presentRecords(deps.db, [updated], user, standing))[0]! };
}

/** Set where a referral or application stands. */
async function setFollowUp(
  deps: Deps,
  user: AuthUser,
  caseId: string,
  recordId: string,
  status: FollowUpStatus,
): Promise<{ record: CaseRecord }> {
  const { standing, updated } = await unitOfWork(deps, async (tx) => {
    const { row, standing } = await caseFor(tx, user, caseId, { lock: true });
    assertChangeable(row);
    const r = assertFound(await caseWorkRepo.record(tx, row.id, recordId), "record");
    if (!FOLLOWED_UP_KINDS.includes(r.kind))
      throw caseConflict("no_follow_up", "Only referrals and resource linking are followed up");
    const set = { followUpStatus: status, followUpBy: user.id, followUpAt: new Date() };
    return { standing, updated: await caseWorkRepo.updateRecord(tx, r.id, set) };
  });
  return { record: (await presentRecords(deps.db, [updated], user, standing))[0]! };
}

/** The supervisor deletes a record, with a reason kept in the audit log (never its notes). */
async function deleteRecord(deps: Deps, user: AuthUser, caseId: string, recordId: string, reason: string) {
  await unitOfWork(deps, async (tx) => {
    const { row } = await caseFor(tx, user, caseId, { lock: true });
    const r = assertFound(await caseWorkRepo.record(tx, row.id, recordId), "record");
    await caseWorkRepo.deleteRecord(tx, r.id);
    await auditRepo.append(tx, {
      actorId: user.id,
      action: "case_record_deleted",
      reason,
      after: { caseId: row.id, recordId: r.id, kind: r.kind, occurredOn: r.occurredOn },
    });
  });
  return { ok: true as const };
}

const OPS = { addGoal, updateGoal, listRecords, addRecord, updateRecord, setFollowUp, deleteRecord };

/** Plan goals and service records of a case, with follow-up of referrals and applications. */
export function createCaseWorkService(deps: Deps): Bound<typeof OPS> {
  return Object.fromEntries(
    Object.entries(OPS).map(([name, op]) => [name, (...args: never[]) => (op as Op)(deps, ...args)]),
  ) as Bound<typeof OPS>;
}
export type CaseWorkService = ReturnType<typeof createCaseWorkService>;
