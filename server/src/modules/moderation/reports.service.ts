import type {
  Message,
  QueueItem,
  Report,
  ReportCreateInput,
  ReportReason,
  ResolveInput,
} from "@carecircle/shared";
import { isNull } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { isPgError, PG } from "../../db/errors.js";
import { messages as messagesTable } from "../../db/schema/index.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, forbidden, invalid, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { GroupRow } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import { changeMessage } from "../messages/message-changes.js";
import { presentMessage } from "../messages/messages.presenter.js";
import { type MessageRow, type MessageView, messagesRepo } from "../messages/messages.repo.js";
import type { MessagesService } from "../messages/messages.service.js";
import type { AlertsService } from "./alerts.service.js";
import { buildQueue } from "./report-queue.js";
import { reportWeight, reportWeightRepo } from "./report-weight.js";
import { type ReportRow, reportsRepo } from "./reports.repo.js";
import type { SanctionsService } from "./sanctions.service.js";
import { moderationScope } from "./scope.js";

function presentReport(r: ReportRow): Report {
  return {
    id: r.id,
    messageId: r.messageId,
    groupId: r.groupId,
    reason: r.reason as ReportReason,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * Reports and the review queue. A message whose open reports weigh `hideThreshold` (one per
 * family, half for new accounts and non-posters: decision 087) is hidden from members until a
 * moderator decides, unless its author is a moderator, social worker or admin; a `crisis` report raises an alert (and never notifies
 * the author). Deciding closes every open report of the message and tells each reporter only
 * that their report was handled.
 */
export function createReportsService(
  deps: Deps,
  groups: GroupsService,
  messages: Pick<MessagesService, "loadVisible">,
  sanctions: SanctionsService,
  alerts: AlertsService,
) {
  const { db } = deps;

  async function moderatedMessage(user: AuthUser, messageId: string) {
    const row = await messagesRepo.rowById(db, messageId);
    if (!row) throw notFound("message");
    const a = await groups.requireModerator(user, row.groupId);
    return { row, group: a.group };
  }

  /** One audited change of a message's visibility by a moderator. */
  async function moderate(
    user: AuthUser,
    messageId: string,
    reason: string,
    kind: "delete" | "hide" | "restore",
  ): Promise<{ message: Message }> {
    const { row } = await moderatedMessage(user, messageId);
    const current = async () => {
      const [v] = await messagesRepo.views(db, [row]);
      return { message: presentMessage(v!, "moderator") };
    };
    if (kind === "delete" && row.deletedAt) return current();
    if (kind !== "delete" && row.deletedAt) throw conflict("This message was deleted");
    if (kind === "hide" && row.hiddenAt) return current();
    if (kind === "restore" && !row.hiddenAt) return current();
    const patch: Partial<MessageRow> =
      kind === "delete"
        ? { deletedAt: new Date(), pinnedAt: null, pinnedBy: null }
        : { hiddenAt: kind === "hide" ? new Date() : null };
    const event = kind === "delete" ? "message:deleted" : "message:updated";
    const view = await unitOfWork(deps, async (tx, uow) => {
      const v = await changeMessage(tx, uow, row, patch, event, isNull(messagesTable.deletedAt));
      await auditRepo.append(tx, {
        actorId: user.id,
        action:
          kind === "delete" ? "message_deleted" : kind === "hide" ? "message_hidden" : "message_restored",
        groupId: row.groupId,
        messageId: row.id,
        targetUserId: row.senderId,
        reason,
        before: { hidden: row.hiddenAt !== null, pinned: row.pinnedAt !== null },
      });
      return v;
    });
    return { message: presentMessage(view, "moderator") };
  }

  /** Inside the report's unit: hide the message once its open reports weigh `threshold` (decision 087). */
  async function hideIfWeighty(
    tx: Tx,
    uow: UnitOfWork,
    row: MessageRow,
    threshold: number,
    reporterCount: number,
  ): Promise<boolean> {
    const trustAgeMs = deps.config.reportTrustAgeDays * 86_400_000;
    const weight = reportWeight(
      await reportWeightRepo.openReporters(tx, row.id, row.groupId),
      new Date(),
      trustAgeMs,
    );
    const fresh = await messagesRepo.rowById(tx, row.id);
    if (weight < threshold || !fresh || fresh.hiddenAt || fresh.deletedAt) return false;
    await changeMessage(
      tx,
      uow,
      fresh,
      { hiddenAt: new Date() },
      "message:updated",
      isNull(messagesTable.hiddenAt),
    );
    await auditRepo.append(tx, {
      actorId: null,
      action: "message_hidden",
      groupId: row.groupId,
      messageId: row.id,
      targetUserId: row.senderId,
      reason: `reported by ${reporterCount} members`,
      after: { reporters: reporterCount, weight, threshold },
    });
    return true;
  }

  /** Inside the resolution's unit: what the decision does to the message or its author. */
  async function applyDecision(
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

  return {
    moderatorDelete: (user: AuthUser, id: string, reason: string) => moderate(user, id, reason, "delete"),
    hide: (user: AuthUser, id: string, reason: string) => moderate(user, id, reason, "hide"),
    restore: (user: AuthUser, id: string, reason: string) => moderate(user, id, reason, "restore"),

    async report(user: AuthUser, messageId: string, input: ReportCreateInput): Promise<{ report: Report }> {
      const { row, access } = await messages.loadVisible(user, messageId);
      if (!access.membership) throw forbidden("Join this group to report its messages");
      if (row.senderId === user.id) throw invalid("messageId", "you cannot report your own message");
      if (row.deletedAt) throw conflict("This message was already deleted");
      const threshold = access.group.hideThreshold;
      const exempt = await reportWeightRepo.authorIsStaff(db, row.groupId, row.senderId);
      let report: ReportRow;
      try {
        report = await unitOfWork(deps, async (tx, uow) => {
          // Serialise reports of this group so concurrent reporters are counted exactly.
          await messagesRepo.lockGroup(tx, row.groupId);
          const r = await reportsRepo.insert(tx, {
            messageId,
            groupId: row.groupId,
            reporterId: user.id,
            reason: input.reason,
            note: input.note ?? null,
          });
          const reporterCount = await reportsRepo.openReporterCount(tx, messageId);
          const hidden =
            !exempt && threshold > 0 && (await hideIfWeighty(tx, uow, row, threshold, reporterCount));
          uow.publish({
            type: "report.filed",
            report: {
              groupId: row.groupId,
              messageId,
              reason: input.reason,
              reporterCount,
              automatic: false,
              hidden: hidden || row.hiddenAt !== null,
            },
          });
          if (input.reason === "crisis")
            await alerts.raise(tx, uow, { groupId: row.groupId, messageId, source: "report" });
          return r;
        });
      } catch (err) {
        if (isPgError(err, PG.uniqueViolation)) throw conflict("You have already reported this message");
        throw err;
      }
      return { report: presentReport(report) };
    },

    /** Open reports grouped by message: crisis first, then most reporters, then oldest. */
    async queue(user: AuthUser, groupId: string | undefined): Promise<{ items: QueueItem[] }> {
      const scope = await moderationScope(db, groups, user, groupId);
      return { items: await buildQueue(db, scope) };
    },

    /** Decide on a reported message; every open report of it is closed in the same transaction. */
    async resolve(user: AuthUser, messageId: string, input: ResolveInput) {
      const { row, group } = await moderatedMessage(user, messageId);
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
        const changed = await applyDecision(tx, uow, user, row, group, input);
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
export type ReportsService = ReturnType<typeof createReportsService>;
