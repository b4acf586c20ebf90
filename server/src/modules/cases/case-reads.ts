import type { Case, CaseSummary, FamilyOpenCase, SignoffPoint } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { assertFound, forbidden, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { familiesRepo } from "../families/families.repo.js";
import { caseWorkRepo } from "./case-work.repo.js";
import { presentCase, presentSummary } from "./cases.presenter.js";
import { type CaseRow, casesRepo } from "./cases.repo.js";

/** The caller's standing on a case: the supervisor (admin), its lead, or a member. */
export type CaseStanding = "supervisor" | "lead" | "member";

/**
 * The case if the caller may act on it (decision 123): admins (supervisors) on every case,
 * social workers only on cases they work on; anyone else gets 404, as if it did not exist.
 * `lead`: only the lead or the supervisor (a member gets 403: they know the case exists).
 * `lock`: read it under a row lock (inside a transaction).
 */
export async function caseFor(
  db: DbOrTx,
  user: AuthUser,
  caseId: string,
  opts: { lead?: boolean; lock?: boolean } = {},
): Promise<{ row: CaseRow; standing: CaseStanding }> {
  const row = assertFound(
    opts.lock ? await casesRepo.lock(db, caseId) : await casesRepo.byId(db, caseId),
    "case",
  );
  if (user.role === "admin") return { row, standing: "supervisor" };
  const role = user.role === "social_worker" ? await casesRepo.roleOn(db, caseId, user.id) : null;
  if (!role) throw notFound("case");
  if (opts.lead && role !== "lead") throw forbidden("Only the case's lead or the supervisor can do this");
  return { row, standing: role };
}

/** Record a staff read of a case's personal data (decision 123: every read is audited). */
export async function auditCaseRead(
  db: DbOrTx,
  user: AuthUser,
  row: CaseRow,
  part: "case" | "records" | "timeline",
): Promise<void> {
  await auditRepo.append(db, {
    actorId: user.id,
    action: "case_viewed",
    after: { caseId: row.id, familyId: row.familyId, part },
  });
}

/** The whole case as staff read it. */
export async function readCase(db: DbOrTx, row: CaseRow, signoff: readonly SignoffPoint[]): Promise<Case> {
  const [workers, changes, goals, families, followUps] = await Promise.all([
    casesRepo.workers(db, [row.id]),
    casesRepo.stageChanges(db, [row.id]),
    caseWorkRepo.goals(db, row.id),
    casesRepo.caregiverNames(db, [row.familyId]),
    caseWorkRepo.pendingFollowUps(db, [row.id]),
  ]);
  const names = await casesRepo.names(
    db,
    changes.flatMap((c) => [c.byId, c.signoffBy]),
  );
  return presentCase({
    row,
    workers,
    changes,
    goals,
    names,
    signoff,
    pending: changes.find((c) => c.signoff === "pending"),
    caregiverNames: row.familyId ? (families.get(row.familyId) ?? []) : [],
    pendingFollowUps: followUps.get(row.id) ?? 0,
  });
}

/** Cases for a list, each with its lead, pending change, pending follow-ups and caregivers' names (four reads in all). */
export async function readSummaries(db: DbOrTx, rows: CaseRow[]): Promise<CaseSummary[]> {
  const ids = rows.map((r) => r.id);
  const [workers, pending, families, followUps] = await Promise.all([
    casesRepo.workers(db, ids),
    casesRepo.stageChanges(db, ids, true),
    casesRepo.caregiverNames(
      db,
      rows.map((r) => r.familyId),
    ),
    caseWorkRepo.pendingFollowUps(db, ids),
  ]);
  const names = await casesRepo.names(
    db,
    pending.map((c) => c.byId),
  );
  return rows.map((row) =>
    presentSummary({
      row,
      workers: workers.filter((w) => w.caseId === row.id),
      pending: pending.find((c) => c.caseId === row.id),
      caregiverNames: row.familyId ? (families.get(row.familyId) ?? []) : [],
      names,
      pendingFollowUps: followUps.get(row.id) ?? 0,
    }),
  );
}

/**
 * The family's open case for a social worker assigned to it (admins: any family): enough to link
 * to it, or to know whom to ask to be added (decision 154). Not a read of the case's content, so
 * not audited; anyone not assigned is told the family does not exist.
 */
export async function familyOpenCase(db: DbOrTx, user: AuthUser, familyId: string): Promise<FamilyOpenCase> {
  const assigned = user.role === "admin" || (await familiesRepo.isAssigned(db, familyId, user.id));
  if (!assigned || !(await familiesRepo.byId(db, familyId))) throw notFound("family");
  const row = await casesRepo.openOf(db, familyId);
  if (!row) return { openCase: null };
  const workers = await casesRepo.workers(db, [row.id]);
  const lead = workers.find((w) => w.role === "lead");
  return {
    openCase: {
      id: row.id,
      stage: row.stage,
      source: row.source,
      openedAt: row.openedAt.toISOString(),
      lead: lead ? { id: lead.id, displayName: lead.displayName } : null,
      onCase: user.role === "admin" || workers.some((w) => w.id === user.id),
    },
  };
}
