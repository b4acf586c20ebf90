import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { children, familySocialWorkers } from "../../db/schema/index.js";

export type ChildRow = typeof children.$inferSelect;
export type NewChildRow = typeof children.$inferInsert;

/** Data access for child profiles. */
export const childrenRepo = {
  async byId(db: DbOrTx, id: string): Promise<ChildRow | undefined> {
    const [row] = await db.select().from(children).where(eq(children.id, id)).limit(1);
    return row;
  },
  async byFamily(db: DbOrTx, familyId: string): Promise<ChildRow[]> {
    return db.select().from(children).where(eq(children.familyId, familyId)).orderBy(children.createdAt);
  },
  async byFamilies(db: DbOrTx, familyIds: string[]): Promise<ChildRow[]> {
    if (familyIds.length === 0) return [];
    return db
      .select()
      .from(children)
      .where(inArray(children.familyId, familyIds))
      .orderBy(children.createdAt);
  },
  async ofAssignedFamilies(db: DbOrTx, socialWorkerId: string): Promise<ChildRow[]> {
    const rows = await db
      .select({ c: children })
      .from(children)
      .innerJoin(familySocialWorkers, eq(familySocialWorkers.familyId, children.familyId))
      .where(eq(familySocialWorkers.socialWorkerId, socialWorkerId))
      .orderBy(children.createdAt);
    return rows.map((r) => r.c);
  },
  async all(db: DbOrTx, limit = 1000): Promise<ChildRow[]> {
    return db.select().from(children).orderBy(children.createdAt).limit(limit);
  },
  async insert(db: DbOrTx, row: NewChildRow): Promise<ChildRow> {
    const [created] = await db.insert(children).values(row).returning();
    return created!;
  },
  async update(db: DbOrTx, id: string, patch: Partial<NewChildRow>): Promise<ChildRow | undefined> {
    const [row] = await db
      .update(children)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(children.id, id))
      .returning();
    return row;
  },
  async delete(db: DbOrTx, id: string, familyId: string): Promise<boolean> {
    const rows = await db
      .delete(children)
      .where(and(eq(children.id, id), eq(children.familyId, familyId)))
      .returning({ id: children.id });
    return rows.length > 0;
  },
};
