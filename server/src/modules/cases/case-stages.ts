import type { Case, CaseStage, CaseStageMoveInput, StageDecisionInput } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import type { Config } from "../../env.js";
import { assertFound, invalid } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { dutyRepo } from "../moderation/duty-hours.repo.js";
import { snapshotSupportMap } from "../support-map/support-map.service.js";
import { caseFor, readCase } from "./case-reads.js";
import { stageMove } from "./case-stage-rules.js";
import { caseWorkRepo } from "./case-work.repo.js";
import { type CaseRow, casesRepo } from "./cases.repo.js";
import { assertChangeable, caseConflict } from "./cases.service.js";

const YEAR_MS = 365.25 * 24 * 3_600_000;

/** The closing fields of a case closed at `now`: purged `years` later (decision 124). */
export function closing(now: Date, reason: string | null, years: number) {
  return { closedAt: now, closedReason: reason, purgeAfter: new Date(now.getTime() + years * YEAR_MS) };
}

/** Put the case in stage `to` (and close it when `to` is closed), with its timeline entry. */
async function apply(
  tx: Tx,
  config: Config,
  row: CaseRow,
  step: { to: CaseStage; reason: string | null; changeId: string; by: string | null },
) {
  const closed = step.to === "closed" ? closing(new Date(), step.reason, config.caseRetentionYears) : {};
  const updated = await casesRepo.update(tx, row.id, { stage: step.to, ...closed });
  await casesRepo.addEvent(tx, { caseId: row.id, kind: "stage_changed", refId: step.changeId });
  // The support map as the stage begins: "then" for the later stages (issue 18 §3).
  if (row.familyId)
    await snapshotSupportMap(tx, { familyId: row.familyId, caseId: row.id, reason: step.to, by: step.by });
  return updated;
}

/** The rule's verdict for moving `row` to `to`, from what the case holds now; throws a refusal. */
async function verdict(
  tx: Tx,
  config: Config,
  row: CaseRow,
  move: { to: CaseStage; reason: string | undefined; bySupervisor: boolean },
) {
  const [pending, liveGoals, records] = await Promise.all([
    casesRepo.stageChanges(tx, [row.id], true),
    caseWorkRepo.liveGoals(tx, row.id),
    caseWorkRepo.countRecords(tx, row.id),
  ]);
  const v = stageMove({
    from: row.stage,
    ...move,
    liveGoals,
    records,
    pending: pending.length > 0,
    signoff: config.caseSignoff,
  });
  if (!v.ok && v.refusal === "reason_required")
    throw invalid("reason", "is required to go back to an earlier stage or to close the case");
  if (!v.ok) throw caseConflict(v.refusal, `The case cannot move from ${row.stage} to ${move.to}`);
  return v;
}

async function notifySupervisors(tx: Tx, uow: UnitOfWork, payload: Record<string, unknown>) {
  const supervisors = await dutyRepo.activeIds(tx, "admin");
  uow.notify(...supervisors.map((userId) => ({ userId, kind: "case_signoff_requested" as const, payload })));
}

/**
 * Stage moves and the supervisor's sign-off (decision 123). A move takes the case's row lock and
 * compares `version`, so of two concurrent moves one wins and the other gets 409 `stale_version`;
 * the pure `stageMove` decides, on what was read under the lock.
 */
export function createCaseStages(deps: Deps) {
  const { config } = deps;
  return {
    /** Move the case; plan approval and closure wait for the supervisor where CASE_SIGNOFF says so. */
    async move(user: AuthUser, caseId: string, input: CaseStageMoveInput): Promise<{ case: Case }> {
      return unitOfWork(deps, async (tx, uow) => {
        const { row, standing } = await caseFor(tx, user, caseId, { lock: true });
        assertChangeable(row, input.version);
        const v = await verdict(tx, config, row, {
          to: input.to,
          reason: input.reason,
          bySupervisor: standing === "supervisor",
        });
        const change = await casesRepo.insertChange(tx, {
          caseId: row.id,
          fromStage: row.stage,
          toStage: input.to,
          reason: input.reason ?? null,
          byId: user.id,
          signoff: v.needsSignoff ? "pending" : "none",
        });
        let updated: CaseRow;
        if (v.needsSignoff) {
          updated = await casesRepo.update(tx, row.id, {});
          await notifySupervisors(tx, uow, { caseId: row.id, changeId: change.id, to: input.to });
        } else
          updated = await apply(tx, config, row, {
            to: input.to,
            reason: input.reason ?? null,
            changeId: change.id,
            by: user.id,
          });
        return { case: await readCase(tx, updated, config.caseSignoff) };
      });
    },

    /** The supervisor approves a pending change (it takes effect) or returns it with a comment. */
    async decide(
      user: AuthUser,
      caseId: string,
      changeId: string,
      input: StageDecisionInput,
    ): Promise<{ case: Case }> {
      return unitOfWork(deps, async (tx, uow) => {
        const { row } = await caseFor(tx, user, caseId, { lock: true });
        const change = assertFound(await casesRepo.changeById(tx, row.id, changeId), "stage change");
        if (change.signoff !== "pending")
          throw caseConflict("not_pending", "This stage change has already been decided");
        const approve = input.decision === "approve";
        await casesRepo.decideChange(tx, change.id, {
          signoff: approve ? "approved" : "returned",
          by: user.id,
          comment: input.comment ?? null,
        });
        let updated = await casesRepo.update(tx, row.id, {});
        if (approve) {
          const step = { to: change.toStage, reason: change.reason, changeId: change.id, by: user.id };
          await verdict(tx, config, row, { ...step, reason: change.reason ?? undefined, bySupervisor: true });
          updated = await apply(tx, config, row, step);
        }
        const workers = await casesRepo.workers(tx, [row.id]);
        const lead = workers.find((w) => w.role === "lead")?.id;
        const told = [...new Set([lead, change.byId])].filter((id): id is string => !!id && id !== user.id);
        const payload = { caseId: row.id, changeId, to: change.toStage, decision: input.decision };
        uow.notify(...told.map((userId) => ({ userId, kind: "case_signoff_decided" as const, payload })));
        return { case: await readCase(tx, updated, config.caseSignoff) };
      });
    },
  };
}
export type CaseStages = ReturnType<typeof createCaseStages>;
