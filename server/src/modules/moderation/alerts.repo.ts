import { and, asc, eq, exists, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import {
  alertEscalations,
  alertRecipients,
  crisisAlerts,
  groups,
  platformSettings,
  stressCheckins,
  users,
} from "../../db/schema/index.js";
import type { Scope } from "./scope.js";

export type AlertRow = typeof crisisAlerts.$inferSelect;
export type AlertInsert = typeof crisisAlerts.$inferInsert;
export type EscalationRow = typeof alertEscalations.$inferSelect;

/** An alert with the names and check-in its DTO shows. */
export interface AlertListRow {
  alert: AlertRow;
  groupName: string | null;
  ackByName: string | null;
  claimByName: string | null;
  checkin: { id: string; stress: number; note: string | null } | null;
}

/**
 * Which alerts a caller may see: all (admins), or those of the groups they moderate plus (with
 * `userId`) those routed or escalated to them.
 */
export type AlertVisibility = "all" | { userId?: string; groups: Scope };

const ackBy = alias(users, "ack_by");
const claimBy = alias(users, "claim_by");
/** imminent first, then intent, then distress. */
const tierRank = sql`case ${crisisAlerts.tier} when 'imminent' then 0 when 'intent' then 1 else 2 end`;

/** SQL condition: the alert is visible under `v` (undefined = everything). */
export function visibleWhere(v: AlertVisibility): SQL | undefined {
  if (v === "all" || v.groups === "all") return undefined;
  const inGroups = v.groups.length > 0 ? inArray(crisisAlerts.groupId, v.groups) : sql`false`;
  if (!v.userId) return inGroups;
  const recipient = exists(
    sql`(select 1 from ${alertRecipients} where ${alertRecipients.alertId} = ${crisisAlerts.id} and ${alertRecipients.userId} = ${v.userId})`,
  );
  return or(inGroups, recipient);
}

/** Data access for alerts, their recipients and escalation steps, and operator settings. */
export const alertsRepo = {
  /** Open an alert unless one is open for the message (crisis) or the family (stress). */
  async open(tx: DbOrTx, a: AlertInsert): Promise<AlertRow | undefined> {
    const [row] = await tx.insert(crisisAlerts).values(a).onConflictDoNothing().returning();
    return row;
  },

  async list(
    db: DbOrTx,
    v: AlertVisibility,
    q: { status: "open" | "acknowledged" | "all"; id?: string; groupId?: string },
  ): Promise<AlertListRow[]> {
    const conds: (SQL | undefined)[] = [visibleWhere(v)];
    if (q.status !== "all") conds.push(eq(crisisAlerts.status, q.status));
    if (q.id) conds.push(eq(crisisAlerts.id, q.id));
    if (q.groupId) conds.push(eq(crisisAlerts.groupId, q.groupId));
    const rows = await db
      .select({
        alert: crisisAlerts,
        groupName: groups.name,
        ackByName: ackBy.displayName,
        claimByName: claimBy.displayName,
        checkin: { id: stressCheckins.id, stress: stressCheckins.stress, note: stressCheckins.note },
      })
      .from(crisisAlerts)
      .leftJoin(groups, eq(groups.id, crisisAlerts.groupId))
      .leftJoin(ackBy, eq(ackBy.id, crisisAlerts.acknowledgedBy))
      .leftJoin(claimBy, eq(claimBy.id, crisisAlerts.claimedBy))
      .leftJoin(stressCheckins, eq(stressCheckins.id, crisisAlerts.checkinId))
      .where(and(...conds))
      .orderBy(tierRank, asc(crisisAlerts.createdAt))
      .limit(200);
    return rows as AlertListRow[];
  },

  async byId(db: DbOrTx, id: string): Promise<AlertRow | undefined> {
    const [row] = await db.select().from(crisisAlerts).where(eq(crisisAlerts.id, id)).limit(1);
    return row;
  },

  async isRecipient(db: DbOrTx, alertId: string, userId: string): Promise<boolean> {
    const [row] = await db
      .select({ step: alertRecipients.step })
      .from(alertRecipients)
      .where(and(eq(alertRecipients.alertId, alertId), eq(alertRecipients.userId, userId)));
    return row !== undefined;
  },

  /** Record who an alert reached at `step`; answers only the people not reached before. */
  async addRecipients(tx: DbOrTx, alertId: string, userIds: string[], step: number): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await tx
      .insert(alertRecipients)
      .values(userIds.map((userId) => ({ alertId, userId, step })))
      .onConflictDoNothing()
      .returning({ userId: alertRecipients.userId });
    return rows.map((r) => r.userId);
  },

  async recipientIds(db: DbOrTx, alertId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: alertRecipients.userId })
      .from(alertRecipients)
      .where(eq(alertRecipients.alertId, alertId));
    return rows.map((r) => r.userId);
  },

  /** Claim an open alert unless someone else holds it (or `takeOver`). */
  async claim(tx: DbOrTx, id: string, userId: string, takeOver: boolean): Promise<AlertRow | undefined> {
    const free = takeOver
      ? undefined
      : or(isNull(crisisAlerts.claimedBy), eq(crisisAlerts.claimedBy, userId));
    const [row] = await tx
      .update(crisisAlerts)
      .set({ claimedBy: userId, claimedAt: new Date() })
      .where(and(eq(crisisAlerts.id, id), eq(crisisAlerts.status, "open"), free))
      .returning();
    return row;
  },

  /** Acknowledge an open alert (only once); no further escalation. */
  async acknowledge(tx: DbOrTx, id: string, userId: string, note: string): Promise<AlertRow | undefined> {
    const [row] = await tx
      .update(crisisAlerts)
      .set({
        status: "acknowledged",
        acknowledgedBy: userId,
        acknowledgedAt: new Date(),
        followUpNote: note,
        nextEscalationAt: null,
      })
      .where(and(eq(crisisAlerts.id, id), eq(crisisAlerts.status, "open")))
      .returning();
    return row;
  },

  /**
   * Lock up to `limit` open alerts whose next step is due. Rows another node holds are skipped,
   * so each due step is taken by exactly one transaction.
   */
  async lockDue(tx: DbOrTx, now: Date, limit: number): Promise<AlertRow[]> {
    return tx
      .select()
      .from(crisisAlerts)
      .where(and(eq(crisisAlerts.status, "open"), lte(crisisAlerts.nextEscalationAt, now)))
      .orderBy(asc(crisisAlerts.nextEscalationAt))
      .limit(limit)
      .for("update", { skipLocked: true });
  },

  /** Record step `step` (primary key: at most once) and move the alert to it. */
  async advance(
    tx: DbOrTx,
    a: { id: string; step: number; recipients: number; next: Date | null },
  ): Promise<boolean> {
    const [done] = await tx
      .insert(alertEscalations)
      .values({ alertId: a.id, step: a.step, recipients: a.recipients })
      .onConflictDoNothing()
      .returning({ step: alertEscalations.step });
    await tx
      .update(crisisAlerts)
      .set({ escalationStep: a.step, nextEscalationAt: a.next })
      .where(eq(crisisAlerts.id, a.id));
    return done !== undefined;
  },

  async escalations(db: DbOrTx, alertIds: string[]): Promise<EscalationRow[]> {
    if (alertIds.length === 0) return [];
    return db
      .select()
      .from(alertEscalations)
      .where(inArray(alertEscalations.alertId, alertIds))
      .orderBy(asc(alertEscalations.step));
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
