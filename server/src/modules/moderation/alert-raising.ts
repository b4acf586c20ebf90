import type { CrisisTier } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import type { UnitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { rooms } from "../../realtime/rooms.js";
import { caseOnAlert } from "../cases/case-triggers.js";
import { groupsRepo } from "../groups/groups.repo.js";
import { messagesRepo } from "../messages/messages.repo.js";
import { alertsRepo } from "./alerts.repo.js";
import { dutyRepo } from "./duty-hours.repo.js";
import type { DutyHoursService } from "./duty-hours.service.js";

/**
 * Raising alerts inside the transaction that noticed the danger (a crisis message or report, a
 * stressed check-in); whoever must act is told after it commits. An alert about a family's
 * caregiver also opens or adds to the family's case, in the same transaction (decision 125).
 */
export function createAlertRaising({ config }: Deps, duty: DutyHoursService) {
  const firstDue = (from: Date) => new Date(from.getTime() + config.escalateAfterSeconds * 1000);
  return {
    /**
     * Inside the caller's transaction: open a crisis alert for the message (unless one is open),
     * its clock starting when the message was stored, and store a notification for each of the
     * group's moderators. After commit: push both.
     */
    async raise(
      tx: Tx,
      uow: UnitOfWork,
      a: { groupId: string; messageId: string; source: "word" | "report"; tier?: CrisisTier | null },
    ): Promise<void> {
      const msg = await messagesRepo.rowById(tx, a.messageId);
      if (!msg) return;
      const familyId = msg.senderId ? await dutyRepo.familyOf(tx, msg.senderId) : null;
      const alert = await alertsRepo.open(tx, {
        kind: "crisis",
        tier: a.tier ?? "distress",
        groupId: a.groupId,
        messageId: a.messageId,
        familyId,
        source: a.source,
        createdAt: msg.createdAt,
        nextEscalationAt: firstDue(msg.createdAt),
      });
      if (!alert) return;
      const moderatorIds = await groupsRepo.moderatorIds(tx, a.groupId);
      const payload = { alertId: alert.id, groupId: a.groupId, messageId: a.messageId, seq: msg.seq };
      uow.publish({ type: "alert.opened", alertId: alert.id, rooms: [rooms.moderators(a.groupId)] });
      uow.notify(
        ...moderatorIds.map((userId) => ({
          userId,
          kind: "moderation_alert" as const,
          payload: { ...payload, source: a.source, tier: alert.tier },
        })),
      );
      if (familyId)
        await caseOnAlert(tx, uow, {
          familyId,
          kind: "crisis_alert",
          alertId: alert.id,
          tier: alert.tier,
          at: alert.createdAt,
        });
    },

    /**
     * Inside the check-in's transaction: open a stress alert for the family (unless one is open)
     * for its assigned social workers, or, if none, those on duty (everyone when nobody is).
     */
    async raiseStress(
      tx: Tx,
      uow: UnitOfWork,
      c: { familyId: string; checkinId: string; createdAt: Date; tier: CrisisTier },
    ): Promise<void> {
      const alert = await alertsRepo.open(tx, {
        kind: "stress",
        tier: c.tier,
        familyId: c.familyId,
        checkinId: c.checkinId,
        source: "checkin",
        createdAt: c.createdAt,
        nextEscalationAt: firstDue(c.createdAt),
      });
      if (!alert) return;
      const assigned = await dutyRepo.assignedIds(tx, c.familyId);
      const to = assigned.length > 0 ? assigned : await duty.onDutyOrAll(tx, c.createdAt);
      await alertsRepo.addRecipients(tx, alert.id, to, 0);
      uow.publish({ type: "alert.opened", alertId: alert.id, rooms: to.map(rooms.user) });
      uow.notify(
        ...to.map((userId) => ({
          userId,
          kind: "stress_alert" as const,
          payload: { alertId: alert.id, familyId: c.familyId, tier: c.tier },
        })),
      );
      await caseOnAlert(tx, uow, {
        familyId: c.familyId,
        kind: "stress_alert",
        alertId: alert.id,
        tier: c.tier,
        at: c.createdAt,
      });
    },
  };
}
