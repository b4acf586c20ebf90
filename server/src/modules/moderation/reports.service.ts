import type {
  Message,
  QueueItem,
  Report,
  ReportCreateInput,
  ReportReason,
  ResolveInput,
} from "@carecircle/shared";
import { isNull } from "drizzle-orm";
import { isPgError, PG } from "../../db/errors.js";
import { messages as messagesTable } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { conflict, forbidden, invalid, notFound } from "../../errors.js";
import { rooms } from "../../realtime/rooms.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { GroupsService } from "../groups/groups.service.js";
import type { AfterCommit } from "../messages/content-safety.js";
import { presentMessage } from "../messages/messages.presenter.js";
import { type MessageRow, messagesRepo } from "../messages/messages.repo.js";
import type { MessageEvent, MessagesService } from "../messages/messages.service.js";
import type { NotificationDraft, NotificationsService } from "../notifications/notifications.service.js";
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
  messages: MessagesService,
  sanctions: SanctionsService,
  alerts: AlertsService,
  notifications: NotificationsService,
) {
  const { db, realtime } = deps;

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
    const updated = await db.transaction(async (tx) => {
      const u = await messages.stamp(tx, row, patch, isNull(messagesTable.deletedAt));
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
      return u;
    });
    const view = await messages.publish(kind === "delete" ? "message:deleted" : "message:updated", updated);
    return { message: presentMessage(view, "moderator") };
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
      const trustAgeMs = deps.config.reportTrustAgeDays * 86_400_000;
      let hidden: MessageRow | undefined;
      let after: AfterCommit | undefined;
      let reporterCount = 0;
      let report: ReportRow;
      try {
        report = await db.transaction(async (tx) => {
          // Serialise reports of this group so concurrent reporters are counted exactly.
          await messagesRepo.lockGroup(tx, row.groupId);
          const r = await reportsRepo.insert(tx, {
            messageId,
            groupId: row.groupId,
            reporterId: user.id,
            reason: input.reason,
            note: input.note ?? null,
          });
          reporterCount = await reportsRepo.openReporterCount(tx, messageId);
          const weight = exempt
            ? 0
            : reportWeight(
                await reportWeightRepo.openReporters(tx, messageId, row.groupId),
                new Date(),
                trustAgeMs,
              );
          const fresh = await messagesRepo.rowById(tx, messageId);
          if (threshold > 0 && weight >= threshold && fresh && !fresh.hiddenAt && !fresh.deletedAt) {
            hidden = await messages.stamp(
              tx,
              fresh,
              { hiddenAt: new Date() },
              isNull(messagesTable.hiddenAt),
            );
            await auditRepo.append(tx, {
              actorId: null,
              action: "message_hidden",
              groupId: row.groupId,
              messageId,
              targetUserId: row.senderId,
              reason: `reported by ${reporterCount} members`,
              after: { reporters: reporterCount, weight, threshold },
            });
          }
          if (input.reason === "crisis")
            after = await alerts.raise(tx, { groupId: row.groupId, messageId, source: "report" });
          return r;
        });
      } catch (err) {
        if (isPgError(err, PG.uniqueViolation)) throw conflict("You have already reported this message");
        throw err;
      }
      if (hidden) await messages.publish("message:updated", hidden);
      realtime.emitTo(rooms.moderators(row.groupId), "moderation:report", {
        groupId: row.groupId,
        messageId,
        reason: input.reason,
        reporterCount,
        automatic: false,
        hidden: hidden !== undefined || row.hiddenAt !== null,
      });
      after?.();
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
      let changed: { row: MessageRow; event: MessageEvent } | undefined;
      const afters: AfterCommit[] = [];
      // No group-row lock here: a removal locks the member row, and a send locks member then
      // group, so taking the group first could deadlock with the author's own send.
      const closed = await db.transaction(async (tx) => {
        const status = input.action === "dismiss" ? "dismissed" : "actioned";
        const reports = await reportsRepo.close(tx, messageId, status, user.id, input.action);
        if (reports.length === 0) throw conflict("There are no open reports on this message");
        const fresh = (await messagesRepo.rowById(tx, messageId))!;
        const audit = { actorId: user.id, groupId: row.groupId, messageId, targetUserId: row.senderId };
        if (input.action === "dismiss" && fresh.hiddenAt && !fresh.deletedAt) {
          changed = { row: await messages.stamp(tx, fresh, { hiddenAt: null }), event: "message:updated" };
          await auditRepo.append(tx, { ...audit, action: "message_restored", reason: input.reason });
        } else if (input.action === "delete" && !fresh.deletedAt) {
          const patch = { deletedAt: new Date(), pinnedAt: null, pinnedBy: null };
          changed = { row: await messages.stamp(tx, fresh, patch), event: "message:deleted" };
          await auditRepo.append(tx, { ...audit, action: "message_deleted", reason: input.reason });
        } else if (input.action === "mute") {
          afters.push(
            (await sanctions.applyMute(tx, user, group, row.senderId!, input.muteMinutes!, input.reason))
              .after,
          );
        } else if (input.action === "remove" || input.action === "ban") {
          afters.push(
            await sanctions.applyRemoval(
              tx,
              user,
              group,
              row.senderId!,
              input.reason,
              input.action === "ban",
            ),
          );
        }
        await auditRepo.append(tx, {
          ...audit,
          action: status === "dismissed" ? "report_dismissed" : "report_actioned",
          reason: input.reason,
          after: { action: input.action, reports: reports.length },
        });
        const reporters = [
          ...new Set(reports.map((r) => r.reporterId).filter((id): id is string => id !== null)),
        ];
        const drafts: NotificationDraft[] = reporters.map((userId) => ({
          userId,
          kind: "report_handled",
          payload: { groupId: row.groupId, groupName: group.name, messageId },
        }));
        const notes = await notifications.store(tx, drafts);
        afters.push(() => notifications.push(notes));
        return reports;
      });
      const view = changed
        ? await messages.publish(changed.event, changed.row)
        : (await messagesRepo.views(db, [(await messagesRepo.rowById(db, messageId))!]))[0]!;
      for (const f of afters) f();
      return { resolved: closed.length, message: presentMessage(view, "moderator") };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
