import type { ResolveInput } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, invalid } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { GroupRow } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import { changeMessage } from "../messages/message-changes.js";
import { presentMessage } from "../messages/messages.presenter.js";
import { type MessageRow, type MessageView, messagesRepo } from "../messages/messages.repo.js";
import { moderatedMessage } from "./message-moderation.js";
import { reportsRepo } from "./reports.repo.js";
import type { SanctionsService } from "./sanctions.service.js";

/** Inside the resolution's unit: what the decision does to the message or its author. */
async function applyDecision(
  sanctions: SanctionsService,
  tx: Tx,
  uow: UnitOfWork,
  user: AuthUser,
  row: MessageRow,
  group: GroupRow,
  input: ResolveInput,
): Promise<MessageView | undefined> {
  const fresh = (await messagesRepo.rowById(tx, row.id))!;
  const audit = { actorId: user.id, groupId: row.groupId, messageId: row.id, targetUserId: row.senderId };
  if (input.action === "dismiss" && fresh.hiddenAt && !fresh.deletedAt) {
    const view = await changeMessage(tx, uow, fresh, { hiddenAt: null }, "message:updated");
    await auditRepo.append(tx, { ...audit, action: "message_restored", reason: input.reason });
    return view;
  }
  if (input.action === "delete" && !fresh.deletedAt) {
    const patch = { deletedAt: new Date(), pinnedAt: null, pinnedBy: null };
    const view = await changeMessage(tx, uow, fresh, patch, "message:deleted");
    await auditRepo.append(tx, { ...audit, action: "message_deleted", reason: input.reason });
    return view;
  }
  if (input.action === "mute")
    await sanctions.applyMute(tx, uow, user, group, row.senderId!, input.muteMinutes!, input.reason);
  else if (input.action === "remove" || input.action === "ban")
    await sanctions.applyRemoval(tx, uow, user, group, row.senderId!, input.reason, input.action === "ban");
  return undefined;
}

/** A moderator decides on a reported message; each reporter is told only that it was handled. */
export function createReportDecisions(deps: Deps, groups: GroupsService, sanctions: SanctionsService) {
  const { db } = deps;
  return {
    /** Decide on a reported message; every open report of it is closed in the same transaction. */
    async resolve(user: AuthUser, messageId: string, input: ResolveInput) {
      const { row, group } = await moderatedMessage(db, groups, user, messageId);
      const sanction = input.action === "mute" || input.action === "remove" || input.action === "ban";
      if (sanction) {
        if (!row.senderId) throw invalid("action", "the author's account no longer exists");
        await sanctions.loadTarget(user, row.groupId, row.senderId);
      }
      // No group-row lock here: a removal locks the member row, and a send locks member then
      // group, so taking the group first could deadlock with the author's own send.
      const { closed, changed } = await unitOfWork(deps, async (tx, uow) => {
        const status = input.action === "dismiss" ? "dismissed" : "actioned";
        const reports = await reportsRepo.close(tx, messageId, status, user.id, input.action);
        if (reports.length === 0) throw conflict("There are no open reports on this message");
        const changed = await applyDecision(sanctions, tx, uow, user, row, group, input);
        await auditRepo.append(tx, {
          actorId: user.id,
          groupId: row.groupId,
          messageId,
          targetUserId: row.senderId,
          action: status === "dismissed" ? "report_dismissed" : "report_actioned",
          reason: input.reason,
          after: { action: input.action, reports: reports.length },
        });
        const reporters = new Set(reports.map((r) => r.reporterId).filter((id): id is string => id !== null));
        uow.notify(
          ...[...reporters].map((userId) => ({
            userId,
            kind: "report_handled" as const,
            payload: { groupId: row.groupId, groupName: group.name, messageId },
          })),
        );
        return { closed: reports, changed };
      });
      const view =
        changed ?? (await messagesRepo.views(db, [(await messagesRepo.rowById(db, messageId))!]))[0]!;
      return { resolved: closed.length, message: presentMessage(view, "moderator") };
    },
  };
}
