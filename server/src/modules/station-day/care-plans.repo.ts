import type { CarePlanInput } from "@carecircle/shared";
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import { carePlans, stations, users } from "../../db/schema/index.js";

export type CarePlanRow = typeof carePlans.$inferSelect;

const editor = alias(users, "editor");
const confirmer = alias(users, "confirmer");

/** The only SQL of care plans (decision 144). */
export const carePlansRepo = {
  /**
   * Write the plan of a child at a station: a new plan is version 1; a change is the next version,
   * and clears the family's confirmation (the family confirms what it read, not an older text).
   */
  async upsert(
    db: DbOrTx,
    key: { childId: string; stationId: string; familyId: string },
    input: CarePlanInput,
    userId: string,
  ): Promise<CarePlanRow> {
    const now = new Date();
    const [row] = await db
      .insert(carePlans)
      .values({ ...key, ...input, updatedBy: userId, updatedAt: now })
      .onConflictDoUpdate({
        target: [carePlans.childId, carePlans.stationId],
        set: {
          ...input,
          version: sql`${carePlans.version} + 1`,
          updatedBy: userId,
          updatedAt: now,
          confirmedAt: null,
          confirmedBy: null,
        },
      })
      .returning();
    return row!;
  },
  async byId(db: DbOrTx, id: string): Promise<CarePlanRow | undefined> {
    const [row] = await db.select().from(carePlans).where(eq(carePlans.id, id));
    return row;
  },
  /** The family confirms the current version; the next review is due at `reviewDueAt`. */
  async confirm(db: DbOrTx, id: string, userId: string, now: Date, reviewDueAt: Date): Promise<void> {
    await db
      .update(carePlans)
      .set({ confirmedAt: now, confirmedBy: userId, reviewDueAt, reviewNotifiedAt: null })
      .where(and(eq(carePlans.id, id), isNull(carePlans.confirmedAt)));
  },
  /** A child's plans (optionally only at `stationIds`) with station and people names. */
  async views(
    db: DbOrTx,
    f: { childId?: string; familyId?: string; ids?: string[]; stationIds?: readonly string[] },
  ) {
    if (f.stationIds?.length === 0 || f.ids?.length === 0) return [];
    return db
      .select({
        p: carePlans,
        stationName: stations.name,
        editorName: editor.displayName,
        confirmerName: confirmer.displayName,
      })
      .from(carePlans)
      .innerJoin(stations, eq(stations.id, carePlans.stationId))
      .leftJoin(editor, eq(editor.id, carePlans.updatedBy))
      .leftJoin(confirmer, eq(confirmer.id, carePlans.confirmedBy))
      .where(
        and(
          f.childId ? eq(carePlans.childId, f.childId) : undefined,
          f.familyId ? eq(carePlans.familyId, f.familyId) : undefined,
          f.ids ? inArray(carePlans.id, f.ids) : undefined,
          f.stationIds ? inArray(carePlans.stationId, [...f.stationIds]) : undefined,
        ),
      )
      .orderBy(asc(stations.name));
  },
  /**
   * Lock up to `limit` plans whose review is due and not yet reminded, that no other node holds
   * (`FOR UPDATE SKIP LOCKED`).
   */
  async lockDue(db: DbOrTx, now: Date, limit: number): Promise<CarePlanRow[]> {
    return db
      .select()
      .from(carePlans)
      .where(and(isNull(carePlans.reviewNotifiedAt), lte(carePlans.reviewDueAt, now)))
      .orderBy(asc(carePlans.reviewDueAt))
      .limit(limit)
      .for("update", { skipLocked: true });
  },
  async markNotified(db: DbOrTx, id: string, now: Date): Promise<void> {
    await db.update(carePlans).set({ reviewNotifiedAt: now }).where(eq(carePlans.id, id));
  },
};
export type CarePlanView = Awaited<ReturnType<typeof carePlansRepo.views>>[number];
