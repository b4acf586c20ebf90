import { and, desc, eq, gte, min, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { bookings, families, stressCheckins, users } from "../../db/schema/index.js";

export type CheckinRow = typeof stressCheckins.$inferSelect;
export interface CheckinView {
  checkin: CheckinRow;
  user: { id: string; displayName: string } | null;
}

/** Data access for stress check-ins and the family urgent flag. */
export const checkinsRepo = {
  async insert(
    db: DbOrTx,
    row: { familyId: string; userId: string; stress: number; note: string | null },
  ): Promise<CheckinRow> {
    const [created] = await db.insert(stressCheckins).values(row).returning();
    return created!;
  },
  /** The lowest stress the family recorded since `since`, other than check-in `except`. */
  async lowestSince(db: DbOrTx, familyId: string, since: Date, except: string): Promise<number | null> {
    const [row] = await db
      .select({ lowest: min(stressCheckins.stress) })
      .from(stressCheckins)
      .where(
        and(
          eq(stressCheckins.familyId, familyId),
          gte(stressCheckins.createdAt, since),
          ne(stressCheckins.id, except),
        ),
      );
    return row?.lowest ?? null;
  },
  /** A family's check-ins since `since`, newest first. */
  async since(db: DbOrTx, familyId: string, since: Date, limit = 200): Promise<CheckinView[]> {
    return db
      .select({ checkin: stressCheckins, user: { id: users.id, displayName: users.displayName } })
      .from(stressCheckins)
      .leftJoin(users, eq(users.id, stressCheckins.userId))
      .where(and(eq(stressCheckins.familyId, familyId), gte(stressCheckins.createdAt, since)))
      .orderBy(desc(stressCheckins.createdAt), desc(stressCheckins.id))
      .limit(limit);
  },
  /** When the family's bookings joined a waitlist, since `since` (for the cluster flag). */
  async waitlistJoins(db: DbOrTx, familyId: string, since: Date): Promise<Date[]> {
    const rows = await db
      .select({ at: bookings.waitlistedAt })
      .from(bookings)
      .where(and(eq(bookings.familyId, familyId), gte(bookings.waitlistedAt, since)));
    return rows.flatMap((r) => (r.at ? [r.at] : []));
  },
  async setUrgent(db: DbOrTx, familyId: string, urgent: boolean, note: string | null) {
    const [row] = await db
      .update(families)
      .set({ urgent, urgentNote: note })
      .where(eq(families.id, familyId))
      .returning({ id: families.id, urgent: families.urgent, urgentNote: families.urgentNote });
    return row;
  },
};
