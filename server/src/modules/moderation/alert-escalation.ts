import type { Tx } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { rooms } from "../../realtime/rooms.js";
import { auditRepo } from "../audit/audit.repo.js";
import { messagesRepo } from "../messages/messages.repo.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { type AlertRow, alertsRepo } from "./alerts.repo.js";
import type { AlertsService } from "./alerts.service.js";
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
export function createAlertEscalation(
  deps: Deps,
  alerts: AlertsService,
  duty: DutyHoursService,
  notifications: NotificationsService,
) {
  const { db, config, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function recipientsOf(tx: Tx, a: AlertRow, step: number, now: Date): Promise<string[]> {
    if (step >= LAST_STEP) return dutyRepo.activeIds(tx, "admin");
    const onDuty = await duty.onDutyOrAll(tx, now);
    const assigned = a.familyId ? await dutyRepo.assignedIds(tx, a.familyId) : [];
    return [...new Set([...onDuty, ...assigned])];
  }

  /** One step for one locked alert; answers what to push after commit. */
  async function escalate(tx: Tx, a: AlertRow, now: Date): Promise<() => void> {
    const step = a.escalationStep + 1;
    const to = await recipientsOf(tx, a, step, now);
    const next =
      step < LAST_STEP ? new Date(a.createdAt.getTime() + config.escalateAdminsAfterSeconds * 1000) : null;
    if (!(await alertsRepo.advance(tx, { id: a.id, step, recipients: to.length, next }))) return () => {};
    await alertsRepo.addRecipients(tx, a.id, to, step);
    const msg = a.messageId ? await messagesRepo.rowById(tx, a.messageId) : undefined;
    const notes = await notifications.store(
      tx,
      to.map((userId) => ({
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
    return alerts.later(async () => {
      notifications.push(notes);
      await alerts.pushAlert(a.id, to.map(rooms.user));
    }, a.id);
  }

  /** Take every due step once (several batches if needed); answers how many steps were taken. */
  async function runDue(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const pushes = await db.transaction(async (tx) => {
        const due = await alertsRepo.lockDue(tx, now, BATCH);
        const out: (() => void)[] = [];
        for (const a of due) out.push(await escalate(tx, a, now));
        return out;
      });
      for (const p of pushes) p();
      total += pushes.length;
      if (pushes.length < BATCH) return total;
    }
  }

  function poll(): void {
    if (running) return;
    running = runDue()
      .catch((err) => logger.warn({ err }, "alert escalation poll failed; will retry"))
      .finally(() => {
        running = undefined;
      });
  }

  return {
    runDue,
    start(): void {
      if (timer) return;
      timer = setInterval(poll, config.escalationPollMs);
      timer.unref();
    },
    /** Stop polling and wait for a poll in progress (before the database closes). */
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
export type AlertEscalation = ReturnType<typeof createAlertEscalation>;
