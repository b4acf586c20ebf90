import type {
  Case,
  CaseGoal,
  CaseRecord,
  CaseStageChange,
  CaseSummary,
  FamilyCase,
  PresentingProblem,
  SignoffPoint,
} from "@carecircle/shared";
import type { GoalRow, RecordRow } from "./case-work.repo.js";
import type { CaseRow, StageChangeRow } from "./cases.repo.js";

type Names = ReadonlyMap<string, string>;
type Worker = { caseId: string; id: string; role: "lead" | "member"; displayName: string };

const iso = (d: Date | null) => d?.toISOString() ?? null;
const person = (id: string | null, names: Names) => (id ? { id, displayName: names.get(id) ?? "" } : null);

/** A stage change DTO. */
export function presentChange(c: StageChangeRow, names: Names): CaseStageChange {
  return {
    id: c.id,
    from: c.fromStage,
    to: c.toStage,
    reason: c.reason,
    by: person(c.byId, names),
    at: c.at.toISOString(),
    signoff: c.signoff,
    signoffBy: person(c.signoffBy, names),
    signoffAt: iso(c.signoffAt),
    signoffComment: c.signoffComment,
  };
}

/** What a summary is built from. */
export interface SummaryParts {
  row: CaseRow;
  workers: readonly Worker[];
  pending: StageChangeRow | undefined;
  caregiverNames: readonly string[];
  names: Names;
  /** Referrals and applications of the case still `submitted`. */
  pendingFollowUps: number;
}

/** A case in a list. */
export function presentSummary(p: SummaryParts): CaseSummary {
  const lead = p.workers.find((w) => w.role === "lead");
  return {
    id: p.row.id,
    familyId: p.row.familyId,
    caregiverNames: [...p.caregiverNames],
    stage: p.row.stage,
    riskLevel: p.row.riskLevel,
    source: p.row.source,
    lead: lead ? { id: lead.id, displayName: lead.displayName } : null,
    pendingChange: p.pending ? presentChange(p.pending, p.names) : null,
    pendingFollowUps: p.pendingFollowUps,
    openedAt: p.row.openedAt.toISOString(),
    closedAt: iso(p.row.closedAt),
    version: p.row.version,
  };
}

/** A goal DTO. */
export function presentGoal(g: GoalRow): CaseGoal {
  return {
    id: g.id,
    domain: g.domain,
    goal: g.goal,
    actions: g.actions,
    targetDate: g.targetDate,
    status: g.status,
    progressNote: g.progressNote,
    respite: g.respiteSessionsPerMonth === null ? null : { sessionsPerMonth: g.respiteSessionsPerMonth },
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}

/** The whole case (staff). */
export function presentCase(
  p: SummaryParts & { changes: StageChangeRow[]; goals: GoalRow[]; signoff: readonly SignoffPoint[] },
): Case {
  return {
    ...presentSummary(p),
    presentingProblems: p.row.presentingProblems as PresentingProblem[],
    problemNote: p.row.problemNote,
    strengths: p.row.strengths,
    closedReason: p.row.closedReason,
    workers: p.workers.map((w) => ({ id: w.id, displayName: w.displayName, role: w.role })),
    goals: p.goals.map(presentGoal),
    stageChanges: p.changes.map((c) => presentChange(c, p.names)),
    signoffPoints: [...p.signoff],
    purgeAfter: iso(p.row.purgeAfter),
  };
}

/** A service record DTO; `editable` says whether the caller may still edit it. */
export function presentRecord(r: RecordRow, names: Names, editable: boolean): CaseRecord {
  return {
    id: r.id,
    caseId: r.caseId,
    kind: r.kind,
    author: person(r.authorId, names),
    occurredOn: r.occurredOn,
    durationMinutes: r.durationMinutes,
    goalIds: r.goalIds,
    notes: r.notes,
    sharedWithFamily: r.sharedWithFamily,
    subject: r.subject,
    followUpStatus: r.followUpStatus,
    followUpBy: person(r.followUpBy, names),
    followUpAt: iso(r.followUpAt),
    policyCardId: r.policyCardId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    editable,
  };
}

/**
 * The family's plain view: stage, goals and progress, strengths, shared records. The problem
 * note, risk level, stage reasons, unshared records and authors' accounts are left out on purpose.
 */
export function presentFamilyCase(
  row: CaseRow,
  workers: readonly Worker[],
  goals: GoalRow[],
  shared: RecordRow[],
): FamilyCase {
  return {
    id: row.id,
    stage: row.stage,
    openedAt: row.openedAt.toISOString(),
    closedAt: iso(row.closedAt),
    socialWorkers: workers.map((w) => ({ displayName: w.displayName, lead: w.role === "lead" })),
    strengths: row.strengths,
    goals: goals.map((g) => {
      const { createdAt: _c, updatedAt: _u, ...plain } = presentGoal(g);
      return plain;
    }),
    records: shared.map((r) => ({
      id: r.id,
      kind: r.kind,
      occurredOn: r.occurredOn,
      durationMinutes: r.durationMinutes,
      notes: r.notes,
      subject: r.subject,
      followUpStatus: r.followUpStatus,
    })),
  };
}
