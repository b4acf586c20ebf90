import { and, asc, eq, gt, inArray, lte } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { dutyShifts, familySocialWorkers, users } from "../../db/schema/index.js";

export type DutyShiftRow = typeof dutyShifts.$inferSelect;

/** Data access for on-duty hours and the people an alert can be routed to. */
export const dutyRepo = {
  async shifts(db: DbOrTx, userId: string): Promise<DutyShiftRow[]> {
    return db
      .select()
      .from(dutyShifts)
      .where(eq(dutyShifts.userId, userId))
      .orderBy(asc(dutyShifts.weekday), asc(dutyShifts.startMinute));
  },

  /** Replace all of a user's shifts in one transaction. */
  async replace(
    tx: DbOrTx,
    userId: string,
    shifts: { weekday: number; startMinute: number; endMinute: number }[],
  ): Promise<void> {
    await tx.delete(dutyShifts).where(eq(dutyShifts.userId, userId));
    if (shifts.length > 0) await tx.insert(dutyShifts).values(shifts.map((s) => ({ ...s, userId })));
  },

  /** Active social workers with a shift covering local `weekday` at `minute`. */
  async onDutyIds(db: DbOrTx, weekday: number, minute: number): Promise<string[]> {
    const rows = await db
      .selectDistinct({ id: users.id })
      .from(dutyShifts)
      .innerJoin(users, eq(users.id, dutyShifts.userId))
      .where(
        and(
          eq(dutyShifts.weekday, weekday),
          lte(dutyShifts.startMinute, minute),
          gt(dutyShifts.endMinute, minute),
          eq(users.role, "social_worker"),
          eq(users.status, "active"),
        ),
      );
    return rows.map((r) => r.id);
  },

  /** Every active user of one role. */
  async activeIds(db: DbOrTx, role: "social_worker" | "admin"): Promise<string[]> {
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, role), eq(users.status, "active")));
    return rows.map((r) => r.id);
  },

  /** Active social workers assigned to the family. */
  async assignedIds(db: DbOrTx, familyId: string): Promise<string[]> {
    const rows = await db
      .select({ id: users.id })
      .from(familySocialWorkers)
      .innerJoin(users, eq(users.id, familySocialWorkers.socialWorkerId))
      .where(and(eq(familySocialWorkers.familyId, familyId), eq(users.status, "active")));
    return rows.map((r) => r.id);
  },

  async familyOf(db: DbOrTx, userId: string): Promise<string | null> {
    const [row] = await db.select({ familyId: users.familyId }).from(users).where(eq(users.id, userId));
    return row?.familyId ?? null;
  },

  async roleOf(db: DbOrTx, userIds: string[]) {
    if (userIds.length === 0) return [];
    return db.select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, userIds));
  },
};
