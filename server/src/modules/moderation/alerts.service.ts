import type { AlertClaimInput, CrisisAlert, CrisisTier, Dashboard } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, forbidden, notFound } from "../../errors.js";
import { rooms } from "../../realtime/rooms.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { groupsRepo, moderatedGroupIds } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import { changeMessage } from "../messages/message-changes.js";
import { messagesRepo } from "../messages/messages.repo.js";
import { presentAlerts } from "./alerts.presenter.js";
import { type AlertRow, type AlertVisibility, alertsRepo } from "./alerts.repo.js";
import { alertsDashboardRepo } from "./alerts-dashboard.repo.js";
import { createCrisisHelp } from "./crisis-help.js";
import { dutyRepo } from "./duty-hours.repo.js";
import type { DutyHoursService } from "./duty-hours.service.js";
import { presentAlert } from "./moderation.events.js";
import { moderationScope } from "./scope.js";

/**
 * Safety alerts (docs/decisions/072): crisis talk in a group (raised inside the send transaction,
 * for the group's moderators) and high or rising stress (for the family's social workers). Each is
 * open until someone acknowledges it with a follow-up note; anyone allowed may claim it first.
 * Escalation of unacknowledged alerts is in `alert-escalation.ts`.
 */
export function createAlertsService(deps: Deps, groups: GroupsService, duty: DutyHoursService) {
  const { db, config } = deps;
  const firstDue = (from: Date) => new Date(from.getTime() + config.escalateAfterSeconds * 1000);

  async function visibility(user: AuthUser): Promise<AlertVisibility> {
    if (user.role === "admin") return "all";
    return { userId: user.id, groups: await moderatedGroupIds(db, user.id) };
  }

  /** The caller may act on the alert: admin, moderator of its group, or a recipient (else 403). */
  async function requireActor(user: AuthUser, id: string): Promise<AlertRow> {
    const alert = await alertsRepo.byId(db, id);
    if (!alert) throw notFound("alert");
    if (user.role === "admin") return alert;
    if (alert.groupId && (await groups.access(user, alert.groupId)).canModerate) return alert;
    if (await alertsRepo.isRecipient(db, id, user.id)) return alert;
    throw forbidden("Only the people this alert was sent to can act on it");
  }

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
    },

    async list(user: AuthUser, q: { status: "open" | "acknowledged" | "all"; groupId?: string | undefined }) {
      if (q.groupId) await groups.requireModerator(user, q.groupId);
      const rows = await alertsRepo.list(db, await visibility(user), {
        status: q.status,
        ...(q.groupId ? { groupId: q.groupId } : {}),
      });
      return { alerts: await presentAlerts(db, rows) };
    },

    /** "我来跟进": claim an open alert; 409 when someone else holds it, unless `takeOver`. */
    async claim(user: AuthUser, id: string, input: AlertClaimInput): Promise<{ alert: CrisisAlert }> {
      const alert = await requireActor(user, id);
      if (alert.status !== "open") throw conflict("This alert was already acknowledged");
      if (alert.claimedBy === user.id) return { alert: await presentAlert(db, id) };
      await unitOfWork(deps, async (tx, uow) => {
        const claimed = await alertsRepo.claim(tx, id, user.id, input.takeOver);
        if (!claimed)
          throw conflict("Someone else is already following this up", { claimedBy: alert.claimedBy });
        await auditRepo.append(tx, {
          actorId: user.id,
          action: "alert_claimed",
          groupId: alert.groupId,
          messageId: alert.messageId,
          before: { claimedBy: alert.claimedBy },
          after: { alertId: id, claimedBy: user.id, takeOver: input.takeOver },
        });
        uow.publish({ type: "alert.changed", alertId: id, fresh: [] });
      });
      return { alert: await presentAlert(db, id) };
    },

    /** Acknowledge with a follow-up note: ends escalation and marks the message as followed up. */
    async acknowledge(user: AuthUser, id: string, note: string): Promise<{ alert: CrisisAlert }> {
      const alert = await requireActor(user, id);
      await unitOfWork(deps, async (tx, uow) => {
        const updated = await alertsRepo.acknowledge(tx, id, user.id, note);
        if (!updated) throw conflict("This alert was already acknowledged");
        const msg = alert.messageId ? await messagesRepo.rowById(tx, alert.messageId) : undefined;
        if (msg && !msg.followedUpAt && !msg.deletedAt)
          await changeMessage(tx, uow, msg, { followedUpAt: new Date() }, "message:updated");
        await auditRepo.append(tx, {
          actorId: user.id,
          action: "alert_acknowledged",
          groupId: alert.groupId,
          messageId: alert.messageId,
          reason: note,
          before: { status: "open" },
          after: { status: "acknowledged", alertId: id },
        });
        uow.publish({ type: "alert.changed", alertId: id, fresh: [] });
      });
      return { alert: await presentAlert(db, id) };
    },

    async dashboard(user: AuthUser, groupId: string | undefined): Promise<Dashboard> {
      const scope = await moderationScope(db, groups, user, groupId);
      // One group: only its alerts; otherwise everything the caller may see.
      const v: AlertVisibility = groupId ? { groups: scope } : await visibility(user);
      const [totals, weeks] = await Promise.all([
        alertsDashboardRepo.totals(db, v, scope),
        alertsDashboardRepo.weeks(db, v, {
          now: new Date(),
          timeZone: config.timeZone,
          inTimeSeconds: config.escalateAfterSeconds,
        }),
      ]);
      return { ...totals, weeks };
    },

    ...createCrisisHelp(deps),
  };
}
export type AlertsService = ReturnType<typeof createAlertsService>;
