import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { createPoller, drainInBatches } from "../../lib/poller.js";
import { rooms } from "../../realtime/rooms.js";
import { auditRepo } from "../audit/audit.repo.js";
import { messagesRepo } from "../messages/messages.repo.js";
import { type AlertRow, alertsRepo } from "./alerts.repo.js";
import { dutyRepo } from "./duty-hours.repo.js";
import type { DutyHoursService } from "./duty-hours.service.js";

const BATCH = 20;
const LAST_STEP = 2;

/**
 * Escalation of alerts nobody acknowledged (docs/decisions/072). The due time lives in the
 * database (`crisis_alerts.next_escalation_at`); every node polls for due rows with
 * `FOR UPDATE SKIP LOCKED` and, in the same transaction, records the step (once: primary key on
 * alert + step), its recipients, their notifications and an audit entry, then pushes after commit.
 * A restart loses nothing: the next poll of any node finds the step still due.
 */
export function createAlertEscalation(deps: Deps, duty: DutyHoursService) {
  const { config, logger } = deps;
  async function recipientsOf(tx: Tx, a: AlertRow, step: number, now: Date): Promise<string[]> {
    if (step >= LAST_STEP) return dutyRepo.activeIds(tx, "admin");
    const onDuty = await duty.onDutyOrAll(tx, now);
    const assigned = a.familyId ? await dutyRepo.assignedIds(tx, a.familyId) : [];
    return [...new Set([...onDuty, ...assigned])];
  }

  /** One step for one locked alert; its notifications and new state are published after commit. */
  async function escalate(tx: Tx, uow: UnitOfWork, a: AlertRow, now: Date): Promise<void> {
    const step = a.escalationStep + 1;
    const to = await recipientsOf(tx, a, step, now);
    const next =
      step < LAST_STEP ? new Date(a.createdAt.getTime() + config.escalateAdminsAfterSeconds * 1000) : null;
    if (!(await alertsRepo.advance(tx, { id: a.id, step, recipients: to.length, next }))) return;
    await alertsRepo.addRecipients(tx, a.id, to, step);
    const msg = a.messageId ? await messagesRepo.rowById(tx, a.messageId) : undefined;
    uow.notify(
      ...to.map((userId) => ({
        userId,
        kind: "alert_escalated" as const,
        payload: {
          alertId: a.id,
          alertKind: a.kind,
          tier: a.tier,
          step,
          ...(a.groupId ? { groupId: a.groupId, messageId: a.messageId, seq: msg?.seq } : {}),
          ...(a.familyId ? { familyId: a.familyId } : {}),
        },
      })),
    );
    await auditRepo.append(tx, {
      actorId: null,
      action: "alert_escalated",
      groupId: a.groupId,
      messageId: a.messageId,
      after: { alertId: a.id, kind: a.kind, tier: a.tier, step, recipients: to.length },
    });
    uow.publish({ type: "alert.changed", alertId: a.id, fresh: to.map(rooms.user) });
  }

  /** Take every due step once (several batches if needed); answers how many steps were taken. */
  async function runDue(now = new Date()): Promise<number> {
    return drainInBatches(BATCH, () =>
      unitOfWork(deps, async (tx, uow) => {
        const due = await alertsRepo.lockDue(tx, now, BATCH);
        for (const a of due) await escalate(tx, uow, a, now);
        return due.length;
      }),
    );
  }

  return {
    runDue,
    ...createPoller({
      everyMs: config.escalationPollMs,
      poll: () => runDue(),
      logger,
      what: "alert escalation",
    }),
  };
}
export type AlertEscalation = ReturnType<typeof createAlertEscalation>;
