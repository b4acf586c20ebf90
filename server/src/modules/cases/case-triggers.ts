import type { CrisisTier } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import type { UnitOfWork } from "../../db/unit-of-work.js";
import { dutyRepo } from "../moderation/duty-hours.repo.js";
import { snapshotSupportMap } from "../support-map/support-map.service.js";
import { type CaseRow, casesRepo } from "./cases.repo.js";

/** A safety alert about a family's caregiver, as the case needs it. */
export interface CaseTrigger {
  familyId: string;
  kind: "stress_alert" | "crisis_alert";
  alertId: string;
  tier: CrisisTier;
  at: Date;
}

/**
 * Need-triggered help (issue 18 §6, decision 125), inside the transaction that opened the alert:
 * the family's open case gets the alert on its timeline; a family without one gets a case (source
 * `alert`, stage intake, risk medium for distress and high above it) led by one of its assigned
 * social workers, who is told, or, if it has none, left for the supervisors, who are told.
 * Exactly once: an alert is opened once (its own unique indexes), the timeline entry is unique
 * per (case, kind, alert), and two alerts racing to open a case meet at the one-open-case index.
 */
export async function caseOnAlert(tx: Tx, uow: UnitOfWork, t: CaseTrigger): Promise<void> {
  const open = await casesRepo.lockOpenOf(tx, t.familyId);
  if (open) {
    await casesRepo.addEvent(tx, { caseId: open.id, kind: t.kind, refId: t.alertId, at: t.at });
    return;
  }
  const created = await casesRepo.insert(tx, {
    familyId: t.familyId,
    source: "alert",
    riskLevel: t.tier === "distress" ? "medium" : "high",
    presentingProblems: t.kind === "stress_alert" ? ["care_burden"] : [],
    openedAt: t.at,
  });
  if (!created) {
    // Another transaction opened the family's case first (it has committed: the insert waited).
    const theirs = await casesRepo.lockOpenOf(tx, t.familyId);
    if (theirs) await casesRepo.addEvent(tx, { caseId: theirs.id, kind: t.kind, refId: t.alertId, at: t.at });
    return;
  }
  await opened(tx, uow, created, t);
}

async function opened(tx: Tx, uow: UnitOfWork, row: CaseRow, t: CaseTrigger): Promise<void> {
  await casesRepo.addEvent(tx, { caseId: row.id, kind: "opened", refId: null, at: t.at });
  await snapshotSupportMap(tx, { familyId: t.familyId, caseId: row.id, reason: "intake", by: null });
  await casesRepo.addEvent(tx, { caseId: row.id, kind: t.kind, refId: t.alertId, at: t.at });
  const [lead] = (await dutyRepo.assignedIds(tx, t.familyId)).sort();
  if (lead) await casesRepo.putWorker(tx, row.id, lead, "lead", null);
  const told = lead ? [lead] : await dutyRepo.activeIds(tx, "admin");
  const payload = { caseId: row.id, trigger: t.kind };
  uow.notify(...told.map((userId) => ({ userId, kind: "case_opened" as const, payload })));
}
