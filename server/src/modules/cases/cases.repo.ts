import type { CaseEventKind, CaseStage, CaseWorkerRole } from "@carecircle/shared";
import { and, desc, eq, exists, inArray, ne, notExists, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { caseEvents, caseStageChanges, cases, caseWorkers, users } from "../../db/schema/index.js";

export type CaseRow = typeof cases.$inferSelect;
export type CaseInsert = typeof cases.$inferInsert;
export type StageChangeRow = typeof caseStageChanges.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

/** Filters of the staff case list. */
export interface CaseFilter {
  /** Only cases this social worker is on (undefined: every case, for the supervisor). */
  workerId?: string;
  stage?: CaseStage;
  familyId?: string;
  pendingSignoff?: boolean;
  unled?: boolean;
}

const pendingOf = (caseId: SQL | typeof cases.id) =>
  sql`select 1 from ${caseStageChanges} where ${caseStageChanges.caseId} = ${caseId} and ${caseStageChanges.signoff} = 'pending'`;

/** Data access for cases, their workers, stage changes and timeline events. */
export const casesRepo = {
  /** Insert a case; undefined when the family already has an open one (the partial unique index). */
  async insert(db: DbOrTx, row: CaseInsert): Promise<CaseRow | undefined> {
    const [created] = await db.insert(cases).values(row).onConflictDoNothing().returning();
    return created;
  },
  async byId(db: DbOrTx, id: string): Promise<CaseRow | undefined> {
    const [row] = await db.select().from(cases).where(eq(cases.id, id));
    return row;
  },
  /** The case under a row lock (stage moves, changes, decisions take it first). */
  async lock(db: DbOrTx, id: string): Promise<CaseRow | undefined> {
    const [row] = await db.select().from(cases).where(eq(cases.id, id)).for("update");
    return row;
  },
  /** The family's open case, locked. */
  async lockOpenOf(db: DbOrTx, familyId: string): Promise<CaseRow | undefined> {
    const [row] = await db
      .select()
      .from(cases)
      .where(and(eq(cases.familyId, familyId), ne(cases.stage, "closed")))
      .for("update");
    return row;
  },
  /** The family's open case (no lock), if any. */
  async openOf(db: DbOrTx, familyId: string): Promise<CaseRow | undefined> {
    const [row] = await db
      .select()
      .from(cases)
      .where(and(eq(cases.familyId, familyId), ne(cases.stage, "closed")));
    return row;
  },
  /** Every case of a family, newest first. */
  async ofFamily(db: DbOrTx, familyId: string): Promise<CaseRow[]> {
    return db.select().from(cases).where(eq(cases.familyId, familyId)).orderBy(desc(cases.openedAt));
  },
  async list(db: DbOrTx, f: CaseFilter, limit = 500): Promise<CaseRow[]> {
    const conds: (SQL | undefined)[] = [];
    if (f.workerId)
      conds.push(
        exists(
          db
            .select({ one: sql`1` })
            .from(caseWorkers)
            .where(and(eq(caseWorkers.caseId, cases.id), eq(caseWorkers.socialWorkerId, f.workerId))),
        ),
      );
    if (f.stage) conds.push(eq(cases.stage, f.stage));
    if (f.familyId) conds.push(eq(cases.familyId, f.familyId));
    if (f.pendingSignoff) conds.push(sql`exists (${pendingOf(cases.id)})`);
    if (f.unled)
      conds.push(
        ne(cases.stage, "closed"),
        notExists(
          db
            .select({ one: sql`1` })
            .from(caseWorkers)
            .where(and(eq(caseWorkers.caseId, cases.id), eq(caseWorkers.role, "lead"))),
        ),
      );
    return db
      .select()
      .from(cases)
      .where(and(...conds))
      .orderBy(desc(cases.openedAt), desc(cases.id))
      .limit(limit);
  },
  /** Change a locked case and bump its version. */
  async update(db: DbOrTx, id: string, set: Partial<CaseInsert>): Promise<CaseRow> {
    const [row] = await db
      .update(cases)
      .set({ ...set, version: sql`${cases.version} + 1`, updatedAt: new Date() })
      .where(eq(cases.id, id))
      .returning();
    return row!;
  },

  async workers(db: DbOrTx, caseIds: string[]) {
    if (caseIds.length === 0) return [];
    return db
      .select({
        caseId: caseWorkers.caseId,
        id: caseWorkers.socialWorkerId,
        role: caseWorkers.role,
        displayName: users.displayName,
      })
      .from(caseWorkers)
      .innerJoin(users, eq(users.id, caseWorkers.socialWorkerId))
      .where(inArray(caseWorkers.caseId, caseIds))
      .orderBy(caseWorkers.addedAt);
  },
  /** The caller's part in the case, or null when not on it. */
  async roleOn(db: DbOrTx, caseId: string, userId: string): Promise<CaseWorkerRole | null> {
    const [row] = await db
      .select({ role: caseWorkers.role })
      .from(caseWorkers)
      .where(and(eq(caseWorkers.caseId, caseId), eq(caseWorkers.socialWorkerId, userId)));
    return row?.role ?? null;
  },
  /** Add (or change the part of) a worker. */
  async putWorker(db: DbOrTx, caseId: string, userId: string, role: CaseWorkerRole, addedBy: string | null) {
    await db
      .insert(caseWorkers)
      .values({ caseId, socialWorkerId: userId, role, addedBy })
      .onConflictDoUpdate({ target: [caseWorkers.caseId, caseWorkers.socialWorkerId], set: { role } });
  },
  /** The current lead becomes a member (before another is made lead). */
  async demoteLead(db: DbOrTx, caseId: string): Promise<void> {
    await db
      .update(caseWorkers)
      .set({ role: "member" })
      .where(and(eq(caseWorkers.caseId, caseId), eq(caseWorkers.role, "lead")));
  },
  async removeWorker(db: DbOrTx, caseId: string, userId: string): Promise<boolean> {
    const rows = await db
      .delete(caseWorkers)
      .where(and(eq(caseWorkers.caseId, caseId), eq(caseWorkers.socialWorkerId, userId)))
      .returning({ id: caseWorkers.socialWorkerId });
    return rows.length > 0;
  },

  async stageChanges(db: DbOrTx, caseIds: string[], onlyPending = false): Promise<StageChangeRow[]> {
    if (caseIds.length === 0) return [];
    return db
      .select()
      .from(caseStageChanges)
      .where(
        and(
          inArray(caseStageChanges.caseId, caseIds),
          onlyPending ? eq(caseStageChanges.signoff, "pending") : undefined,
        ),
      )
      .orderBy(caseStageChanges.at, caseStageChanges.id);
  },
  async insertChange(db: DbOrTx, row: typeof caseStageChanges.$inferInsert): Promise<StageChangeRow> {
    const [created] = await db.insert(caseStageChanges).values(row).returning();
    return created!;
  },
  async changeById(db: DbOrTx, caseId: string, id: string): Promise<StageChangeRow | undefined> {
    const [row] = await db
      .select()
      .from(caseStageChanges)
      .where(and(eq(caseStageChanges.id, id), eq(caseStageChanges.caseId, caseId)));
    return row;
  },
  async decideChange(
    db: DbOrTx,
    id: string,
    d: { signoff: "approved" | "returned"; by: string | null; comment: string | null },
  ) {
    await db
      .update(caseStageChanges)
      .set({ signoff: d.signoff, signoffBy: d.by, signoffAt: new Date(), signoffComment: d.comment })
      .where(eq(caseStageChanges.id, id));
  },

  /** Add a timeline event once: a repeat of (case, kind, ref) is ignored. Answers whether it was added. */
  async addEvent(
    db: DbOrTx,
    e: { caseId: string; kind: CaseEventKind; refId: string | null; at?: Date },
  ): Promise<boolean> {
    const rows = await db.insert(caseEvents).values(e).onConflictDoNothing().returning({ id: caseEvents.id });
    return rows.length > 0;
  },
  async events(db: DbOrTx, caseId: string): Promise<CaseEventRow[]> {
    return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(caseEvents.at);
  },

  /** Display names of users, by id. */
  async names(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (wanted.length === 0) return new Map();
    const rows = await db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.id, wanted));
    return new Map(rows.map((r) => [r.id, r.name]));
  },
  /** Display names of each family's caregivers. */
  async caregiverNames(db: DbOrTx, familyIds: (string | null)[]): Promise<Map<string, string[]>> {
    const wanted = [...new Set(familyIds.filter((x): x is string => !!x))];
    const out = new Map<string, string[]>();
    if (wanted.length === 0) return out;
    const rows = await db
      .select({ familyId: users.familyId, name: users.displayName })
      .from(users)
      .where(and(inArray(users.familyId, wanted), eq(users.role, "caregiver")))
      .orderBy(users.createdAt);
    for (const r of rows) out.set(r.familyId!, [...(out.get(r.familyId!) ?? []), r.name]);
    return out;
  },
};
