import type { AlertClaimInput, CrisisAlert } from "@carecircle/shared";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, forbidden, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { GroupsService } from "../groups/groups.service.js";
import { changeMessage } from "../messages/message-changes.js";
import { messagesRepo } from "../messages/messages.repo.js";
import { type AlertRow, alertsRepo } from "./alerts.repo.js";
import { presentAlert } from "./moderation.events.js";

/** Following an alert up: claiming it ("我来跟进") and acknowledging it with a note. */
export function createAlertFollowUp(deps: Deps, groups: GroupsService) {
  const { db } = deps;

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
  };
}
