import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type DbOrTx, queryRows } from "../../db/client.js";
import { crisisAlerts, groups, messages, platformSettings, reports, users } from "../../db/schema/index.js";
import { inScope, type Scope } from "./scope.js";

export type AlertRow = typeof crisisAlerts.$inferSelect;

/** An alert with the names its DTO shows. */
export interface AlertListRow {
  alert: AlertRow;
  groupName: string;
  ackByName: string | null;
}

const ackBy = alias(users, "ack_by");

/** Data access for crisis alerts, the dashboard and operator settings. */
export const alertsRepo = {
  /** Open an alert for a message unless one is already open (partial unique index). */
  async open(tx: DbOrTx, a: { groupId: string; messageId: string; source: "word" | "report" }) {
    const [row] = await tx.insert(crisisAlerts).values(a).onConflictDoNothing().returning();
    return row;
  },

  async list(db: DbOrTx, scope: Scope, status: "open" | "acknowledged" | "all", id?: string) {
    const conds: (SQL | undefined)[] = [inScope(crisisAlerts.groupId, scope)];
    if (status !== "all") conds.push(eq(crisisAlerts.status, status));
    if (id) conds.push(eq(crisisAlerts.id, id));
    const rows = await db
      .select({ alert: crisisAlerts, groupName: groups.name, ackByName: ackBy.displayName })
      .from(crisisAlerts)
      .innerJoin(groups, eq(groups.id, crisisAlerts.groupId))
      .leftJoin(ackBy, eq(ackBy.id, crisisAlerts.acknowledgedBy))
      .where(and(...conds))
      .orderBy(desc(crisisAlerts.createdAt))
      .limit(200);
    return rows as AlertListRow[];
  },

  async byId(db: DbOrTx, id: string): Promise<AlertRow | undefined> {
    const [row] = await db.select().from(crisisAlerts).where(eq(crisisAlerts.id, id)).limit(1);
    return row;
  },

  /** Acknowledge an open alert (only once). */
  async acknowledge(tx: DbOrTx, id: string, userId: string, note: string): Promise<AlertRow | undefined> {
    const [row] = await tx
      .update(crisisAlerts)
      .set({ status: "acknowledged", acknowledgedBy: userId, acknowledgedAt: new Date(), followUpNote: note })
      .where(and(eq(crisisAlerts.id, id), eq(crisisAlerts.status, "open")))
      .returning();
    return row;
  },

  async dashboard(db: DbOrTx, scope: Scope) {
    const alertScope = inScope(crisisAlerts.groupId, scope) ?? sql`true`;
    const reportScope = inScope(reports.groupId, scope) ?? sql`true`;
    const messageScope = inScope(messages.groupId, scope) ?? sql`true`;
    const [r] = await queryRows<Record<string, string | number | null>>(
      db,
      sql`select
            (select count(*) from ${crisisAlerts} where ${alertScope} and ${crisisAlerts.status} = 'open') as open_alerts,
            (select count(*) from ${crisisAlerts} where ${alertScope} and ${crisisAlerts.status} = 'acknowledged') as acked,
            (select percentile_cont(0.5) within group (
               order by extract(epoch from ${crisisAlerts.acknowledgedAt} - ${crisisAlerts.createdAt}))
             from ${crisisAlerts} where ${alertScope} and ${crisisAlerts.status} = 'acknowledged') as median_ack,
            (select count(distinct ${reports.messageId}) from ${reports} where ${reportScope} and ${reports.status} = 'open') as open_reports,
            (select count(*) from ${messages} where ${messageScope}
               and ${messages.hiddenAt} is not null and ${messages.deletedAt} is null) as hidden`,
    );
    return {
      openAlerts: Number(r?.open_alerts ?? 0),
      acknowledgedAlerts: Number(r?.acked ?? 0),
      medianAckSeconds: r?.median_ack == null ? null : Math.round(Number(r.median_ack) * 10) / 10,
      openReports: Number(r?.open_reports ?? 0),
      hiddenMessages: Number(r?.hidden ?? 0),
    };
  },

  async getSetting<T>(db: DbOrTx, key: string): Promise<T | undefined> {
    const [row] = await db.select().from(platformSettings).where(eq(platformSettings.key, key)).limit(1);
    return row?.value as T | undefined;
  },

  async putSetting(db: DbOrTx, key: string, value: unknown): Promise<void> {
    await db
      .insert(platformSettings)
      .values({ key, value })
      .onConflictDoUpdate({ target: platformSettings.key, set: { value, updatedAt: new Date() } });
  },
};
