import type { Report, ReportCreateInput, ReportReason } from "@carecircle/shared";
import { isNull } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { isPgError, PG } from "../../db/errors.js";
import { messages as messagesTable } from "../../db/schema/index.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, forbidden, invalid } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { groupsRepo } from "../groups/groups.repo.js";
import { changeMessage } from "../messages/message-changes.js";
import { type MessageRow, messagesRepo } from "../messages/messages.repo.js";
import type { MessagesService } from "../messages/messages.service.js";
import type { AlertsService } from "./alerts.service.js";
import { reportWeight, reportWeightRepo } from "./report-weight.js";
import { type ReportRow, reportsRepo } from "./reports.repo.js";

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

/** Inside the report's unit: hide the message once its open reports weigh `threshold` (decision 087). */
async function hideIfWeighty(
  { config }: Deps,
  tx: Tx,
  uow: UnitOfWork,
  row: MessageRow,
  threshold: number,
  reporterCount: number,
): Promise<boolean> {
  const trustAgeMs = config.reportTrustAgeDays * 86_400_000;
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

/**
 * Inside the report's unit: tell the group's moderators (not the reporter or the author) when a
 * message gets its first open report, and when reports hide it (decision 118); ids only. A first
 * report for `crisis` raises an alert instead, which tells them already.
 */
async function notifyModerators(
  tx: Tx,
  uow: UnitOfWork,
  r: { row: MessageRow; reporterId: string; reporterCount: number; hidden: boolean; crisis: boolean },
): Promise<void> {
  const first = r.reporterCount === 1 && !r.crisis;
  if (!first && !r.hidden) return;
  const skip = new Set([r.reporterId, r.row.senderId]);
  const to = (await groupsRepo.moderatorIds(tx, r.row.groupId)).filter((id) => !skip.has(id));
  const payload = { groupId: r.row.groupId, messageId: r.row.id, seq: r.row.seq, hidden: r.hidden };
  uow.notify(...to.map((userId) => ({ userId, kind: "report_filed" as const, payload })));
}

/** A member files a report; the message is hidden once its reports weigh enough (decision 087). */
export function createReportFiling(
  deps: Deps,
  messages: Pick<MessagesService, "loadVisible">,
  alerts: AlertsService,
) {
  const { db } = deps;
  return {
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
            !exempt && threshold > 0 && (await hideIfWeighty(deps, tx, uow, row, threshold, reporterCount));
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
          const crisis = input.reason === "crisis";
          await notifyModerators(tx, uow, { row, reporterId: user.id, reporterCount, hidden, crisis });
          if (crisis) await alerts.raise(tx, uow, { groupId: row.groupId, messageId, source: "report" });
          return r;
        });
      } catch (err) {
        if (isPgError(err, PG.uniqueViolation)) throw conflict("You have already reported this message");
        throw err;
      }
      return { report: presentReport(report) };
    },
  };
}
