import {
  and,
  asc,
  count,
  countDistinct,
  eq,
  inArray,
  isNull,
  max,
  notInArray,
  type SQL,
  sql,
} from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import { auditLog, groups, messages, reports } from "../../db/schema/index.js";
import { inScope, type Scope } from "./scope.js";

const anchor = alias(messages, "anchor");
const reported = alias(messages, "reported");

/** One author in one group, whose record a queue page shows. */
export interface AuthorKey {
  groupId: string;
  userId: string;
}

/** Counted sanctions and reports of one author in one group (see `authorHistory`). */
export interface AuthorHistoryRow extends AuthorKey {
  kind: "reports" | "member_muted" | "member_removed" | "member_banned";
  n: number;
  lastAt: Date | null;
}

export type ReportRow = typeof reports.$inferSelect;

/** Data access for reports. One open report per (message, reporter) is a partial unique index. */
export const reportsRepo = {
  async insert(tx: DbOrTx, r: typeof reports.$inferInsert): Promise<ReportRow> {
    const [row] = await tx.insert(reports).values(r).returning();
    return row!;
  },

  /** Distinct members (not automatic flags) with an open report on the message. */
  async openReporterCount(db: DbOrTx, messageId: string): Promise<number> {
    const [row] = await db
      .select({ n: countDistinct(reports.reporterId) })
      .from(reports)
      .where(and(eq(reports.messageId, messageId), eq(reports.status, "open")));
    return Number(row?.n ?? 0);
  },

  async hasOpenAutomatic(db: DbOrTx, messageId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.messageId, messageId), eq(reports.status, "open"), isNull(reports.reporterId)))
      .limit(1);
    return !!row;
  },

  async open(db: DbOrTx, scope: Scope, messageId?: string) {
    const conds: (SQL | undefined)[] = [eq(reports.status, "open"), inScope(reports.groupId, scope)];
    if (messageId) conds.push(eq(reports.messageId, messageId));
    return db
      .select({ report: reports, groupName: groups.name })
      .from(reports)
      .innerJoin(groups, eq(groups.id, reports.groupId))
      .where(and(...conds))
      .orderBy(asc(reports.createdAt))
      .limit(2000);
  },

  /** Close every open report of a message; answers the closed rows. */
  async close(
    tx: DbOrTx,
    messageId: string,
    status: "dismissed" | "actioned",
    by: string,
    resolution: string,
  ): Promise<ReportRow[]> {
    return tx
      .update(reports)
      .set({ status, resolvedBy: by, resolvedAt: new Date(), resolution })
      .where(and(eq(reports.messageId, messageId), eq(reports.status, "open")))
      .returning();
  },

  /**
   * The messages within `n` seqs of each of `messageIds` (the reported ones included), in one
   * statement for a whole queue page; `anchorId` says which reported message a row belongs to.
   */
  async contexts(db: DbOrTx, messageIds: string[], n: number) {
    if (messageIds.length === 0) return [];
    return db
      .select({ anchorId: anchor.id, row: messages })
      .from(anchor)
      .innerJoin(
        messages,
        and(
          eq(messages.groupId, anchor.groupId),
          sql`${messages.seq} between ${anchor.seq} - ${n} and ${anchor.seq} + ${n}`,
        ),
      )
      .where(inArray(anchor.id, messageIds))
      .orderBy(asc(anchor.id), asc(messages.seq));
  },

  /**
   * For each (group, author): reports filed against their messages other than `exceptMessageIds`,
   * and mutes, removals and bans from the audit log (lifted ones included), each counted with its
   * latest date. Two statements for a whole queue page.
   */
  async authorHistory(
    db: DbOrTx,
    keys: AuthorKey[],
    exceptMessageIds: string[],
  ): Promise<AuthorHistoryRow[]> {
    if (keys.length === 0) return [];
    const groupIds = [...new Set(keys.map((k) => k.groupId))];
    const userIds = [...new Set(keys.map((k) => k.userId))];
    const reportRows = await db
      .select({
        groupId: reports.groupId,
        userId: sql<string>`${reported.senderId}`,
        n: count(),
        lastAt: max(reports.createdAt),
      })
      .from(reports)
      .innerJoin(reported, eq(reported.id, reports.messageId))
      .where(
        and(
          inArray(reports.groupId, groupIds),
          inArray(reported.senderId, userIds),
          exceptMessageIds.length > 0 ? notInArray(reports.messageId, exceptMessageIds) : undefined,
        ),
      )
      .groupBy(reports.groupId, reported.senderId);
    const auditRows = await db
      .select({
        groupId: sql<string>`${auditLog.groupId}`,
        userId: sql<string>`${auditLog.targetUserId}`,
        kind: auditLog.action,
        n: count(),
        lastAt: max(auditLog.createdAt),
      })
      .from(auditLog)
      .where(
        and(
          inArray(auditLog.groupId, groupIds),
          inArray(auditLog.targetUserId, userIds),
          inArray(auditLog.action, ["member_muted", "member_removed", "member_banned"]),
        ),
      )
      .groupBy(auditLog.groupId, auditLog.targetUserId, auditLog.action);
    return [
      ...reportRows.map((r) => ({ ...r, kind: "reports" as const, n: Number(r.n) })),
      ...auditRows.map((r) => ({ ...r, kind: r.kind as AuthorHistoryRow["kind"], n: Number(r.n) })),
    ];
  },
};
