import {
  type AuthorHistory,
  type HistoryCount,
  MODERATION_LIMITS,
  type QueueItem,
  type ReportReason,
} from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { presentMessage } from "../messages/messages.presenter.js";
import { type MessageRow, messagesRepo } from "../messages/messages.repo.js";
import { type AuthorHistoryRow, type ReportRow, reportsRepo } from "./reports.repo.js";
import type { Scope } from "./scope.js";

const QUEUE_MAX_ITEMS = 100;

interface Pending {
  messageId: string;
  groupName: string;
  reports: ReportRow[];
  reasons: Partial<Record<ReportReason, number>>;
  reporterCount: number;
}

/** Open reports grouped by message: crisis first, then most reporters, then oldest. */
function rank(open: { report: ReportRow; groupName: string }[]): Pending[] {
  const byMessage = new Map<string, Pending>();
  for (const { report, groupName } of open) {
    const p = byMessage.get(report.messageId) ?? {
      messageId: report.messageId,
      groupName,
      reports: [],
      reasons: {},
      reporterCount: 0,
    };
    p.reports.push(report);
    const reason = report.reason as ReportReason;
    p.reasons[reason] = (p.reasons[reason] ?? 0) + 1;
    byMessage.set(report.messageId, p);
  }
  const items = [...byMessage.values()];
  for (const p of items)
    p.reporterCount = new Set(p.reports.map((r) => r.reporterId).filter((id) => id !== null)).size;
  return items.sort(
    (a, b) =>
      Number(!!b.reasons.crisis) - Number(!!a.reasons.crisis) ||
      b.reporterCount - a.reporterCount ||
      a.reports[0]!.createdAt.getTime() - b.reports[0]!.createdAt.getTime(),
  );
}

const none = (): HistoryCount => ({ count: 0, lastAt: null });
const emptyHistory = (): AuthorHistory => ({
  reports: none(),
  mutes: none(),
  removals: none(),
  bans: none(),
});
const HISTORY_FIELD: Record<AuthorHistoryRow["kind"], keyof AuthorHistory> = {
  reports: "reports",
  member_muted: "mutes",
  member_removed: "removals",
  member_banned: "bans",
};

function histories(rows: AuthorHistoryRow[]): Map<string, AuthorHistory> {
  const out = new Map<string, AuthorHistory>();
  for (const r of rows) {
    const key = `${r.groupId}:${r.userId}`;
    const h = out.get(key) ?? emptyHistory();
    h[HISTORY_FIELD[r.kind]] = { count: r.n, lastAt: r.lastAt ? new Date(r.lastAt).toISOString() : null };
    out.set(key, h);
  }
  return out;
}

/**
 * One page of the review queue: each reported message itself, a few messages around it, its
 * reasons and reporters, and its author's record in the group. A fixed number of statements per
 * page whatever its length (reports, contexts, message views, author history).
 */
export async function buildQueue(db: DbOrTx, scope: Scope): Promise<QueueItem[]> {
  const ranked = rank(await reportsRepo.open(db, scope)).slice(0, QUEUE_MAX_ITEMS);
  const ids = ranked.map((p) => p.messageId);
  const around = await reportsRepo.contexts(db, ids, MODERATION_LIMITS.queueContext);
  const distinct = new Map<string, MessageRow>(around.map((a) => [a.row.id, a.row]));
  const views = new Map((await messagesRepo.views(db, [...distinct.values()])).map((v) => [v.row.id, v]));
  const reportedRows = ids.map((id) => distinct.get(id)).filter((r) => r !== undefined);
  const keys = reportedRows
    .filter((r) => r.senderId !== null)
    .map((r) => ({ groupId: r.groupId, userId: r.senderId! }));
  const history = histories(await reportsRepo.authorHistory(db, keys, ids));
  const items: QueueItem[] = [];
  for (const p of ranked) {
    const self = views.get(p.messageId);
    if (!self) continue;
    const context = around
      .filter((a) => a.anchorId === p.messageId && a.row.id !== p.messageId)
      .map((a) => presentMessage(views.get(a.row.id)!, "moderator"));
    const author = self.row.senderId;
    items.push({
      group: { id: self.row.groupId, name: p.groupName },
      message: presentMessage(self, "moderator"),
      context,
      reporterCount: p.reporterCount,
      reasons: p.reasons,
      reports: p.reports.map((r) => ({
        id: r.id,
        reason: r.reason as ReportReason,
        note: r.note,
        automatic: r.reporterId === null,
        createdAt: r.createdAt.toISOString(),
      })),
      firstReportedAt: p.reports[0]!.createdAt.toISOString(),
      authorHistory: author ? (history.get(`${self.row.groupId}:${author}`) ?? emptyHistory()) : null,
    });
  }
  return items;
}
