import { CASE_STAGES, type CaseStage, type SignoffPoint, type StageRefusal } from "@carecircle/shared";

/** What the stage rule needs to know, read under the case's row lock. */
export interface StageMoveInput {
  from: CaseStage;
  to: CaseStage;
  /** The mover's reason (required to go back or to close). */
  reason: string | undefined;
  /** Goals of the plan that are not dropped. */
  liveGoals: number;
  /** Service records of the case. */
  records: number;
  /** A change already waits for sign-off. */
  pending: boolean;
  /** The deployment's sign-off points (`CASE_SIGNOFF`). */
  signoff: readonly SignoffPoint[];
  /** The mover is the supervisor (an admin): their own move needs no second sign-off. */
  bySupervisor: boolean;
}

/** The rule's answer: refused with a reason, or allowed (at once or after sign-off). */
export type StageVerdict =
  | { ok: false; refusal: StageRefusal | "reason_required" }
  | { ok: true; needsSignoff: boolean; direction: "forward" | "back" | "close" };

const order = (s: CaseStage) => CASE_STAGES.indexOf(s);

/**
 * The one rule for moving a case between stages (decision 123), pure, used inside the stage
 * transaction on rows read under lock:
 * - a closed case is final, and a case never "moves" to the stage it is in;
 * - while a change waits for sign-off, nothing else moves;
 * - forward goes one step at a time (intake, assessment, plan, intervention, evaluation, closed);
 *   back goes to any earlier stage, with a reason; closing is allowed from any stage, with a reason;
 * - entering intervention (the plan is carried out) needs at least one live goal; entering
 *   evaluation needs at least one service record (something was done to evaluate);
 * - with `plan` in CASE_SIGNOFF, entering intervention waits for the supervisor (plan approval);
 *   with `closure`, so does closing; the supervisor's own moves take effect at once.
 */
export function stageMove(i: StageMoveInput): StageVerdict {
  if (i.from === "closed") return { ok: false, refusal: "case_closed" };
  if (i.to === i.from) return { ok: false, refusal: "same_stage" };
  if (i.pending) return { ok: false, refusal: "signoff_pending" };
  const hasReason = !!i.reason?.trim();
  if (i.to === "closed") {
    if (!hasReason) return { ok: false, refusal: "reason_required" };
    return { ok: true, needsSignoff: needs(i, "closure"), direction: "close" };
  }
  if (order(i.to) < order(i.from)) {
    if (!hasReason) return { ok: false, refusal: "reason_required" };
    return { ok: true, needsSignoff: false, direction: "back" };
  }
  if (order(i.to) !== order(i.from) + 1) return { ok: false, refusal: "skips_stage" };
  if (i.to === "intervention" && i.liveGoals < 1) return { ok: false, refusal: "needs_goal" };
  if (i.to === "evaluation" && i.records < 1) return { ok: false, refusal: "needs_record" };
  return { ok: true, needsSignoff: i.to === "intervention" && needs(i, "plan"), direction: "forward" };
}

function needs(i: StageMoveInput, point: SignoffPoint): boolean {
  return !i.bySupervisor && i.signoff.includes(point);
}
