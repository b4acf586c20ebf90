import { and, asc, between, countDistinct, eq, isNull, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { groups, messages, reports } from "../../db/schema/index.js";
import { inScope, type Scope } from "./scope.js";

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

  /** The messages around `seq` (the reported one included). */
  async context(db: DbOrTx, groupId: string, seq: number, n: number) {
    return db
      .select()
      .from(messages)
      .where(and(eq(messages.groupId, groupId), between(messages.seq, seq - n, seq + n)))
      .orderBy(asc(messages.seq));
  },
};
