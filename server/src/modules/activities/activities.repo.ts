import { and, asc, eq, gt, inArray, isNotNull, lte, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { activitySignups, groupActivities, stations, users } from "../../db/schema/index.js";

export type ActivityRow = typeof groupActivities.$inferSelect;
export type NewActivityRow = typeof groupActivities.$inferInsert;
export type SignupRow = typeof activitySignups.$inferSelect;

/** A sign-up with the person's name and role (organisers' view). */
export interface ParticipantRow {
  signup: SignupRow;
  displayName: string;
  role: string;
}

const active = ne(activitySignups.status, "cancelled");

/** Data access for group activities and their sign-ups (the only SQL of the module). */
export const activitiesRepo = {
  async insert(db: DbOrTx, row: NewActivityRow): Promise<ActivityRow> {
    const [created] = await db.insert(groupActivities).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, id: string): Promise<ActivityRow | undefined> {
    const [row] = await db.select().from(groupActivities).where(eq(groupActivities.id, id)).limit(1);
    return row;
  },
  /** Lock the activity: its seat changes queue here until commit. */
  async lock(db: DbOrTx, id: string): Promise<ActivityRow | undefined> {
    const [row] = await db
      .select()
      .from(groupActivities)
      .where(eq(groupActivities.id, id))
      .for("no key update")
      .limit(1);
    return row;
  },
  /** Activities that have not ended, soonest first. */
  async upcoming(db: DbOrTx, now: Date): Promise<ActivityRow[]> {
    return db
      .select()
      .from(groupActivities)
      .where(gt(groupActivities.endsAt, now))
      .orderBy(asc(groupActivities.startsAt))
      .limit(200);
  },
  async stationsOf(db: DbOrTx, ids: string[]) {
    if (ids.length === 0) return [];
    return db
      .select({ id: stations.id, name: stations.name, address: stations.address })
      .from(stations)
      .where(inArray(stations.id, ids));
  },
  /** Take a seat if one is left (the conditional update is what makes overbooking impossible). */
  async takeSeat(db: DbOrTx, id: string): Promise<boolean> {
    const rows = await db
      .update(groupActivities)
      .set({ confirmedCount: sql`${groupActivities.confirmedCount} + 1`, updatedAt: new Date() })
      .where(
        and(eq(groupActivities.id, id), sql`${groupActivities.confirmedCount} < ${groupActivities.capacity}`),
      )
      .returning({ id: groupActivities.id });
    return rows.length === 1;
  },
  async releaseSeat(db: DbOrTx, id: string): Promise<void> {
    await db
      .update(groupActivities)
      .set({ confirmedCount: sql`${groupActivities.confirmedCount} - 1`, updatedAt: new Date() })
      .where(eq(groupActivities.id, id));
  },
  async insertSignup(db: DbOrTx, row: typeof activitySignups.$inferInsert): Promise<SignupRow> {
    const [created] = await db.insert(activitySignups).values(row).returning();
    return created!;
  },
  async activeSignup(db: DbOrTx, activityId: string, userId: string): Promise<SignupRow | undefined> {
    const [row] = await db
      .select()
      .from(activitySignups)
      .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.userId, userId), active))
      .limit(1);
    return row;
  },
  async setSignup(db: DbOrTx, id: string, patch: Partial<SignupRow>): Promise<void> {
    await db
      .update(activitySignups)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(activitySignups.id, id));
  },
  /** Mark the activity cancelled by its organisers. */
  async cancel(db: DbOrTx, id: string, reason: string, now: Date): Promise<void> {
    await db
      .update(groupActivities)
      .set({ cancelledAt: now, cancelReason: reason, updatedAt: now })
      .where(eq(groupActivities.id, id));
  },
  /** Drop every reminder still to come for the activity (it was cancelled). */
  async clearReminders(db: DbOrTx, activityId: string): Promise<void> {
    await db
      .update(activitySignups)
      .set({ remindAt: null })
      .where(and(eq(activitySignups.activityId, activityId), isNotNull(activitySignups.remindAt)));
  },
  /**
   * Lock up to `limit` sign-ups whose reminder is due and that no other node holds, with their
   * activity and its station's time zone as they are now (a cancellation meanwhile is seen).
   */
  async lockDueReminders(db: DbOrTx, now: Date, limit: number) {
    return db
      .select({ signup: activitySignups, activity: groupActivities, timeZone: stations.timeZone })
      .from(activitySignups)
      .innerJoin(groupActivities, eq(groupActivities.id, activitySignups.activityId))
      .leftJoin(stations, eq(stations.id, groupActivities.stationId))
      .where(and(isNotNull(activitySignups.remindAt), lte(activitySignups.remindAt, now)))
      .orderBy(asc(activitySignups.remindAt))
      .limit(limit)
      .for("update", { of: activitySignups, skipLocked: true });
  },
  /** Clear a due reminder; false if it already was (it then must not be sent again). */
  async finishReminder(db: DbOrTx, signupId: string): Promise<boolean> {
    const done = await db
      .update(activitySignups)
      .set({ remindAt: null })
      .where(and(eq(activitySignups.id, signupId), isNotNull(activitySignups.remindAt)))
      .returning({ id: activitySignups.id });
    return done.length > 0;
  },
  /** The first waitlisted sign-up (first come, first served). */
  async waitlistHead(db: DbOrTx, activityId: string): Promise<SignupRow | undefined> {
    const [row] = await db
      .select()
      .from(activitySignups)
      .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.status, "waitlisted")))
      .orderBy(asc(activitySignups.createdAt), asc(activitySignups.id))
      .limit(1);
    return row;
  },
  /** Every active sign-up of the activities, in sign-up order, with names. */
  async participants(db: DbOrTx, activityIds: string[]): Promise<ParticipantRow[]> {
    if (activityIds.length === 0) return [];
    return db
      .select({ signup: activitySignups, displayName: users.displayName, role: users.role })
      .from(activitySignups)
      .innerJoin(users, eq(users.id, activitySignups.userId))
      .where(and(inArray(activitySignups.activityId, activityIds), active))
      .orderBy(asc(activitySignups.createdAt), asc(activitySignups.id));
  },
  /** The person's sign-ups (the personal data export). */
  async ofUser(db: DbOrTx, userId: string) {
    const rows = await db
      .select({ signup: activitySignups, topic: groupActivities.topic, startsAt: groupActivities.startsAt })
      .from(activitySignups)
      .innerJoin(groupActivities, eq(groupActivities.id, activitySignups.activityId))
      .where(eq(activitySignups.userId, userId))
      .orderBy(asc(activitySignups.createdAt));
    return rows.map((r) => ({
      activityId: r.signup.activityId,
      topic: r.topic,
      startsAt: r.startsAt.toISOString(),
      status: r.signup.status,
      attended: r.signup.attended,
      createdAt: r.signup.createdAt.toISOString(),
    }));
  },
  /** Attendance of a family's caregivers since `since` (the case timeline). */
  async familyAttendance(db: DbOrTx, familyId: string, since: Date) {
    return db
      .select({
        signupId: activitySignups.id,
        attended: activitySignups.attended,
        topic: groupActivities.topic,
        kind: groupActivities.kind,
        startsAt: groupActivities.startsAt,
      })
      .from(activitySignups)
      .innerJoin(groupActivities, eq(groupActivities.id, activitySignups.activityId))
      .where(
        and(
          eq(activitySignups.familyId, familyId),
          eq(activitySignups.status, "confirmed"),
          sql`${activitySignups.attended} IS NOT NULL`,
          sql`${groupActivities.startsAt} >= ${since.toISOString()}::timestamptz`,
        ),
      );
  },
};
