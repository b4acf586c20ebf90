import type { CrisisAlert } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { presentMessage } from "../messages/messages.presenter.js";
import { messagesRepo } from "../messages/messages.repo.js";
import { type AlertListRow, alertsRepo } from "./alerts.repo.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;
const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? "" } : null);

/**
 * rows -> DTOs, the only way an alert leaves the server: the message as moderators see it, the
 * check-in with the caregiver's note (only to people allowed to see the alert), the escalation history.
 */
export async function presentAlerts(db: DbOrTx, rows: AlertListRow[]): Promise<CrisisAlert[]> {
  const messageIds = rows.map((r) => r.alert.messageId).filter((id): id is string => id !== null);
  const msgRows = await Promise.all(messageIds.map((id) => messagesRepo.rowById(db, id)));
  const views = await messagesRepo.views(
    db,
    msgRows.filter((m) => m !== undefined),
  );
  const byId = new Map(views.map((v) => [v.row.id, v]));
  const steps = await alertsRepo.escalations(
    db,
    rows.map((r) => r.alert.id),
  );
  return rows.map(({ alert: a, groupName, ackByName, claimByName, checkin }) => {
    const v = a.messageId ? byId.get(a.messageId) : undefined;
    return {
      id: a.id,
      kind: a.kind,
      tier: a.tier,
      group: a.groupId ? { id: a.groupId, name: groupName ?? "" } : null,
      messageId: a.messageId,
      familyId: a.familyId,
      source: a.source,
      status: a.status,
      message: v ? presentMessage(v, "moderator") : null,
      checkin: checkin?.id ? checkin : null,
      createdAt: a.createdAt.toISOString(),
      claimedBy: person(a.claimedBy, claimByName),
      claimedAt: iso(a.claimedAt),
      escalationStep: a.escalationStep,
      nextEscalationAt: iso(a.nextEscalationAt),
      escalations: steps
        .filter((s) => s.alertId === a.id)
        .map((s) => ({ step: s.step, at: s.createdAt.toISOString(), recipients: s.recipients })),
      acknowledgedAt: iso(a.acknowledgedAt),
      acknowledgedBy: person(a.acknowledgedBy, ackByName),
      followUpNote: a.followUpNote,
    };
  });
}
