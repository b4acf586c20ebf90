import type { ScaleAnswer } from "@carecircle/shared";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import { scaleAdministrations, scaleDefinitions, users } from "../../db/schema/index.js";

export type ScaleDefinitionRow = typeof scaleDefinitions.$inferSelect;
export type AdministrationRow = typeof scaleAdministrations.$inferSelect;
type Person = { id: string; displayName: string } | null;
/** An administration with the names of the people it names. */
export interface AdministrationView {
  a: AdministrationRow;
  respondentUser: Person;
  startedBy: Person;
}

const respondent = alias(users, "respondent");
const starter = alias(users, "starter");

function viewQuery(db: DbOrTx) {
  return db
    .select({
      a: scaleAdministrations,
      respondentUser: { id: respondent.id, displayName: respondent.displayName },
      startedBy: { id: starter.id, displayName: starter.displayName },
    })
    .from(scaleAdministrations)
    .leftJoin(respondent, eq(respondent.id, scaleAdministrations.respondentUserId))
    .leftJoin(starter, eq(starter.id, scaleAdministrations.startedBy));
}

/** Data access for scale definitions (versions) and administrations. */
export const scalesRepo = {
  /** Insert a built-in definition unless that version is stored already (several nodes may race). */
  async seed(db: DbOrTx, id: string, version: number, definition: unknown): Promise<void> {
    await db
      .insert(scaleDefinitions)
      .values({ id, version, definition, builtIn: true })
      .onConflictDoNothing();
  },
  /** Every version of every scale, newest version first within a scale. */
  async allVersions(db: DbOrTx): Promise<ScaleDefinitionRow[]> {
    return db
      .select()
      .from(scaleDefinitions)
      .orderBy(asc(scaleDefinitions.id), desc(scaleDefinitions.version));
  },
  /** A scale's versions, newest first (locked when `lock`: saving a version). */
  async versionsOf(db: DbOrTx, id: string, lock = false): Promise<ScaleDefinitionRow[]> {
    const q = db
      .select()
      .from(scaleDefinitions)
      .where(eq(scaleDefinitions.id, id))
      .orderBy(desc(scaleDefinitions.version));
    return lock ? q.for("update") : q;
  },
  async version(db: DbOrTx, id: string, version: number): Promise<ScaleDefinitionRow | undefined> {
    const [row] = await db
      .select()
      .from(scaleDefinitions)
      .where(and(eq(scaleDefinitions.id, id), eq(scaleDefinitions.version, version)));
    return row;
  },
  /** Every version of the scales `ids`. */
  async ofScales(db: DbOrTx, ids: string[]): Promise<ScaleDefinitionRow[]> {
    if (ids.length === 0) return [];
    return db.select().from(scaleDefinitions).where(inArray(scaleDefinitions.id, ids));
  },
  async insertVersion(
    db: DbOrTx,
    row: { id: string; version: number; definition: unknown; active: boolean; createdBy: string },
  ): Promise<void> {
    await db.insert(scaleDefinitions).values(row);
  },
  async setActive(db: DbOrTx, id: string, active: boolean): Promise<number> {
    const rows = await db
      .update(scaleDefinitions)
      .set({ active })
      .where(eq(scaleDefinitions.id, id))
      .returning({ id: scaleDefinitions.id });
    return rows.length;
  },

  async insertAdministration(
    db: DbOrTx,
    row: Pick<
      AdministrationRow,
      | "familyId"
      | "caseId"
      | "scaleId"
      | "scaleVersion"
      | "occasion"
      | "respondent"
      | "respondentUserId"
      | "startedBy"
    >,
  ): Promise<AdministrationRow> {
    const [created] = await db.insert(scaleAdministrations).values(row).returning();
    return created!;
  },
  async administration(db: DbOrTx, id: string): Promise<AdministrationView | undefined> {
    const [row] = await viewQuery(db).where(eq(scaleAdministrations.id, id));
    return row;
  },
  /** A family's administrations, newest first; only those sent to `respondentUserId` when given. */
  async ofFamily(db: DbOrTx, familyId: string, respondentUserId?: string): Promise<AdministrationView[]> {
    const conds = [eq(scaleAdministrations.familyId, familyId)];
    if (respondentUserId) conds.push(eq(scaleAdministrations.respondentUserId, respondentUserId));
    return viewQuery(db)
      .where(and(...conds))
      .orderBy(desc(scaleAdministrations.startedAt), desc(scaleAdministrations.id))
      .limit(500);
  },
  /** A family's completed administrations, oldest first (results). */
  async completedOfFamily(db: DbOrTx, familyId: string): Promise<AdministrationRow[]> {
    return db
      .select()
      .from(scaleAdministrations)
      .where(and(eq(scaleAdministrations.familyId, familyId), eq(scaleAdministrations.status, "complete")))
      .orderBy(asc(scaleAdministrations.completedAt), asc(scaleAdministrations.id));
  },
  /**
   * Set one answer in a single statement, so concurrent saves of different items are all kept
   * (each UPDATE applies to the row as the previous one left it); the revision moves only when
   * the answer changed, so sending the same answer again is a no-op. Only while in progress.
   */
  async putAnswer(
    db: DbOrTx,
    id: string,
    itemId: string,
    answer: ScaleAnswer,
  ): Promise<{ revision: number; answers: unknown } | undefined> {
    const value = sql`${JSON.stringify(answer)}::jsonb`;
    const changed = sql`(${scaleAdministrations.answers} -> ${itemId}) IS DISTINCT FROM ${value}`;
    const [row] = await db
      .update(scaleAdministrations)
      .set({
        answers: sql`${scaleAdministrations.answers} || jsonb_build_object(${itemId}::text, ${value})`,
        revision: sql`${scaleAdministrations.revision} + CASE WHEN ${changed} THEN 1 ELSE 0 END`,
        updatedAt: sql`CASE WHEN ${changed} THEN now() ELSE ${scaleAdministrations.updatedAt} END`,
      })
      .where(and(eq(scaleAdministrations.id, id), eq(scaleAdministrations.status, "in_progress")))
      .returning({ revision: scaleAdministrations.revision, answers: scaleAdministrations.answers });
    return row;
  },
  /** The row, locked (completing). */
  async lock(db: DbOrTx, id: string): Promise<AdministrationRow | undefined> {
    const [row] = await db
      .select()
      .from(scaleAdministrations)
      .where(eq(scaleAdministrations.id, id))
      .for("update");
    return row;
  },
  async finish(
    db: DbOrTx,
    id: string,
    change: { status: "complete"; score: unknown } | { status: "abandoned" },
  ): Promise<void> {
    const done = change.status === "complete";
    await db
      .update(scaleAdministrations)
      .set({
        status: change.status,
        score: done ? change.score : null,
        completedAt: done ? sql`now()` : null,
        updatedAt: sql`now()`,
      })
      .where(eq(scaleAdministrations.id, id));
  },
};
