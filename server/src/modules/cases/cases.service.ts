import type {
  Case,
  CaseOpenInput,
  CaseSummary,
  CaseUpdateInput,
  CaseWorkerAddInput,
  RiskLevel,
} from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, forbidden, invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { familiesRepo } from "../families/families.repo.js";
import { dutyRepo } from "../moderation/duty-hours.repo.js";
import { snapshotSupportMap } from "../support-map/support-map.service.js";
import { auditCaseRead, caseFor, familyOpenCase, readCase, readSummaries } from "./case-reads.js";
import { type CaseRow, casesRepo } from "./cases.repo.js";

/** 409 CONFLICT with a stable `details.reason` (decision 123). */
export const caseConflict = (reason: string, message: string, extra: Record<string, unknown> = {}) =>
  conflict(message, { reason, ...extra });

/** Refuse changes to a closed case, and changes made against an older version. */
export function assertChangeable(row: CaseRow, version?: number): void {
  if (row.stage === "closed") throw caseConflict("case_closed", "This case is closed");
  if (version !== undefined && version !== row.version)
    throw caseConflict("stale_version", "Someone else changed this case; reload it and try again", {
      version: row.version,
    });
}

/**
 * Record a high-risk intake (issue 18 §6) on the case's timeline and tell the supervisors, with
 * nothing but the case's id in the notification.
 */
export async function markHighRisk(tx: Tx, uow: UnitOfWork, caseId: string, exceptUserId: string | null) {
  await casesRepo.addEvent(tx, { caseId, kind: "high_risk_intake", refId: null });
  const supervisors = await dutyRepo.activeIds(tx, "admin");
  uow.notify(
    ...supervisors
      .filter((id) => id !== exceptUserId)
      .map((userId) => ({ userId, kind: "case_high_risk" as const, payload: { caseId } })),
  );
}

const becameHigh = (before: RiskLevel | null, after: RiskLevel | undefined) =>
  after === "high" && before !== "high";

/** The case's "opened" entry, and the family's support map as the case begins (issue 18 §3). */
async function markOpened(tx: Tx, row: CaseRow, by: string): Promise<void> {
  await casesRepo.addEvent(tx, { caseId: row.id, kind: "opened", refId: null });
  if (row.familyId)
    await snapshotSupportMap(tx, { familyId: row.familyId, caseId: row.id, reason: "intake", by });
}

/**
 * Cases (decision 123): opening, reading (audited), intake changes with optimistic concurrency,
 * and the case's social workers. Stage moves live in case-stages.ts, goals and records in
 * case-work.service.ts.
 */
export function createCasesService(deps: Deps) {
  const { db, config } = deps;
  const read = (tx: Tx | typeof db, row: CaseRow) => readCase(tx, row, config.caseSignoff);
  return {
    async list(
      user: AuthUser,
      q: { stage?: Case["stage"]; familyId?: string; pendingSignoff?: string; unled?: string },
    ): Promise<{ cases: CaseSummary[] }> {
      const rows = await casesRepo.list(db, {
        workerId: user.role === "admin" ? undefined : user.id,
        stage: q.stage,
        familyId: q.familyId,
        pendingSignoff: q.pendingSignoff === "true",
        unled: q.unled === "true",
      });
      return { cases: await readSummaries(db, rows) };
    },

    /** Open a case for a family the caller is assigned to (admins: any); the opener becomes its lead. */
    async open(user: AuthUser, input: CaseOpenInput): Promise<{ case: Case }> {
      const family = await familiesRepo.byId(db, input.familyId);
      const assigned = user.role === "admin" || (await familiesRepo.isAssigned(db, input.familyId, user.id));
      if (!family || !assigned) throw notFound("family");
      return unitOfWork(deps, async (tx, uow) => {
        const row = await casesRepo.insert(tx, {
          familyId: input.familyId,
          source: input.source,
          riskLevel: input.riskLevel,
          presentingProblems: input.presentingProblems,
          problemNote: input.problemNote ?? null,
          strengths: input.strengths ?? null,
          openedBy: user.id,
        });
        if (!row) throw caseConflict("case_open", "This family already has an open case");
        if (user.role === "social_worker") await casesRepo.putWorker(tx, row.id, user.id, "lead", user.id);
        await markOpened(tx, row, user.id);
        if (input.riskLevel === "high") await markHighRisk(tx, uow, row.id, user.id);
        return { case: await read(tx, row) };
      });
    },

    /** The family's open case for its assigned social workers (decision 154; not a case read). */
    openOfFamily: (user: AuthUser, familyId: string) => familyOpenCase(db, user, familyId),

    /** The whole case; the read is audited. */
    async get(user: AuthUser, caseId: string): Promise<{ case: Case }> {
      const { row } = await caseFor(db, user, caseId);
      await auditCaseRead(db, user, row, "case");
      return { case: await read(db, row) };
    },

    /** Change intake facts or strengths, if `version` is still the case's version. */
    async update(user: AuthUser, caseId: string, input: CaseUpdateInput): Promise<{ case: Case }> {
      return unitOfWork(deps, async (tx, uow) => {
        const { row } = await caseFor(tx, user, caseId, { lock: true });
        assertChangeable(row, input.version);
        const { version: _v, ...set } = input;
        const updated = await casesRepo.update(tx, row.id, set);
        if (becameHigh(row.riskLevel, input.riskLevel)) await markHighRisk(tx, uow, row.id, user.id);
        return { case: await read(tx, updated) };
      });
    },

    /**
     * Add a social worker assigned to the family (the lead or the supervisor); making someone the
     * lead is the supervisor's (the former lead stays a member).
     */
    async addWorker(user: AuthUser, caseId: string, input: CaseWorkerAddInput): Promise<{ case: Case }> {
      return unitOfWork(deps, async (tx) => {
        const { row, standing } = await caseFor(tx, user, caseId, { lead: true, lock: true });
        assertChangeable(row);
        if (input.role === "lead" && standing !== "supervisor")
          throw forbidden("Only the supervisor can choose the case's lead");
        const ok = row.familyId && (await familiesRepo.isAssigned(tx, row.familyId, input.socialWorkerId));
        if (!ok) throw invalid("socialWorkerId", "is not a social worker assigned to this family");
        const current = await casesRepo.roleOn(tx, row.id, input.socialWorkerId);
        if (input.role === "lead" && current !== "lead") {
          await casesRepo.demoteLead(tx, row.id);
          await casesRepo.putWorker(tx, row.id, input.socialWorkerId, "lead", user.id);
        } else if (!current) await casesRepo.putWorker(tx, row.id, input.socialWorkerId, "member", user.id);
        return { case: await read(tx, row) };
      });
    },

    /** Take a member off the case (the lead or the supervisor); the lead is replaced, not removed. */
    async removeWorker(user: AuthUser, caseId: string, userId: string): Promise<{ case: Case }> {
      return unitOfWork(deps, async (tx) => {
        const { row } = await caseFor(tx, user, caseId, { lead: true, lock: true });
        assertChangeable(row);
        const role = await casesRepo.roleOn(tx, row.id, userId);
        if (!role) throw notFound("case worker");
        if (role === "lead")
          throw caseConflict("is_lead", "The lead cannot be removed; choose another lead first");
        await casesRepo.removeWorker(tx, row.id, userId);
        return { case: await read(tx, row) };
      });
    },
  };
}
export type CasesService = ReturnType<typeof createCasesService>;
