import type { Role } from "@carecircle/shared";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { type DbOrTx, queryRows, textArray } from "../../db/client.js";
import { pushJobs, pushPreferences, pushSubscriptions } from "../../db/schema/index.js";

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
export type PushPreferencesRow = typeof pushPreferences.$inferSelect;

/** A claimed job with everything needed to decide and send it. */
export interface ClaimedPush {
  jobId: string;
  attempts: number;
  notificationId: string;
  userId: string;
  kind: string;
  payload: Record<string, unknown>;
  subscriptionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  locale: string;
  role: Role;
  disabled: string[];
  quietStart: number | null;
  quietEnd: number | null;
}

/** Data access for push subscriptions and preferences. */
export const pushRepo = {
  /** Insert or take over the device's subscription (the endpoint is the device). */
  async upsert(
    db: DbOrTx,
    v: { userId: string; endpoint: string; p256dh: string; auth: string; label: string | null },
  ): Promise<PushSubscriptionRow> {
    const [row] = await db
      .insert(pushSubscriptions)
      .values(v)
      .onConflictDoUpdate({
        target: pushSubscriptions.endpoint,
        set: { userId: v.userId, p256dh: v.p256dh, auth: v.auth, label: v.label, updatedAt: sql`now()` },
      })
      .returning();
    return row!;
  },

  async list(db: DbOrTx, userId: string): Promise<PushSubscriptionRow[]> {
    return db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, userId))
      .orderBy(asc(pushSubscriptions.createdAt));
  },

  /** Delete the caller's own device (nothing when the endpoint is not theirs). */
  async deleteOwn(db: DbOrTx, userId: string, endpoint: string): Promise<void> {
    await db
      .delete(pushSubscriptions)
      .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)));
  },

  async deleteById(db: DbOrTx, id: string): Promise<void> {
    await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
  },

  async preferences(db: DbOrTx, userId: string): Promise<PushPreferencesRow | undefined> {
    const [row] = await db.select().from(pushPreferences).where(eq(pushPreferences.userId, userId));
    return row;
  },

  async savePreferences(
    db: DbOrTx,
    v: { userId: string; disabled: string[]; quietStart: number | null; quietEnd: number | null },
  ): Promise<void> {
    await db
      .insert(pushPreferences)
      .values(v)
      .onConflictDoUpdate({
        target: pushPreferences.userId,
        set: { disabled: v.disabled, quietStart: v.quietStart, quietEnd: v.quietEnd, updatedAt: sql`now()` },
      });
  },
};

/** Data access for the push job queue (decision 105). */
export const pushJobsRepo = {
  /** One job per device of each notification's user; runs in the notifications' transaction. */
  async enqueue(db: DbOrTx, notificationIds: string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    await db.execute(sql`
      insert into push_jobs (notification_id, subscription_id)
      select n.id, s.id from notifications n
      join push_subscriptions s on s.user_id = n.user_id
      where n.id in (${sql.join(
        notificationIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`);
  },

  /**
   * Claim up to `limit` due jobs: lock them (skipping rows another node holds), count the attempt
   * and move them `leaseMs` on, so a node that dies mid-send leaves them due again later.
   */
  async claimDue(db: DbOrTx, limit: number, leaseMs: number): Promise<ClaimedPush[]> {
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`
      with due as (
        select id from push_jobs where due_at <= now()
        order by due_at limit ${limit} for update skip locked
      ), claimed as (
        update push_jobs j set attempts = j.attempts + 1, held = false,
          due_at = now() + ${leaseMs} * interval '1 millisecond'
        from due where j.id = due.id
        returning j.id, j.attempts, j.notification_id, j.subscription_id
      )
      select c.id as job_id, c.attempts, n.id as notification_id, n.user_id, n.kind, n.payload,
        s.id as subscription_id, s.endpoint, s.p256dh, s.auth, u.locale, u.role,
        p.disabled, p.quiet_start, p.quiet_end
      from claimed c
      join notifications n on n.id = c.notification_id
      join push_subscriptions s on s.id = c.subscription_id
      join users u on u.id = n.user_id
      left join push_preferences p on p.user_id = n.user_id`,
    );
    return rows.map((r) => ({
      jobId: String(r.job_id),
      attempts: Number(r.attempts),
      notificationId: String(r.notification_id),
      userId: String(r.user_id),
      kind: String(r.kind),
      payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
      subscriptionId: String(r.subscription_id),
      endpoint: String(r.endpoint),
      p256dh: String(r.p256dh),
      auth: String(r.auth),
      locale: String(r.locale),
      role: String(r.role) as Role,
      disabled: textArray(r.disabled),
      quietStart: r.quiet_start === null ? null : Number(r.quiet_start),
      quietEnd: r.quiet_end === null ? null : Number(r.quiet_end),
    }));
  },

  async done(db: DbOrTx, jobId: string): Promise<void> {
    await db.delete(pushJobs).where(eq(pushJobs.id, jobId));
  },

  /** Try again at `dueAt`; `countAttempt: false` for a push held by quiet hours (not a failure). */
  async later(db: DbOrTx, jobId: string, dueAt: Date, countAttempt: boolean): Promise<void> {
    await db
      .update(pushJobs)
      .set({ dueAt, ...(countAttempt ? {} : { held: true, attempts: sql`${pushJobs.attempts} - 1` }) })
      .where(eq(pushJobs.id, jobId));
  },

  async markSent(db: DbOrTx, subscriptionId: string): Promise<void> {
    await db
      .update(pushSubscriptions)
      .set({ lastSentAt: sql`now()` })
      .where(eq(pushSubscriptions.id, subscriptionId));
  },

  /** The user's pushes held by quiet hours become due now, to be decided again. */
  async reconsider(db: DbOrTx, userId: string): Promise<void> {
    const subs = db
      .select({ id: pushSubscriptions.id })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, userId));
    await db
      .update(pushJobs)
      .set({ dueAt: sql`now()` })
      .where(and(inArray(pushJobs.subscriptionId, subs), eq(pushJobs.held, true)));
  },
};
