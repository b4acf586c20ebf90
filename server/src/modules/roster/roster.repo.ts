import { asc, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { childCareNeeds, children } from "../../db/schema/index.js";

export type RosterChildRow = typeof children.$inferSelect;
export interface RosterNeedRow {
  code: string;
  instructions: string;
}

/** Data access the roster needs beyond bookings: the booked children's profiles and care needs. */
export const rosterRepo = {
  async children(db: DbOrTx, ids: string[]): Promise<RosterChildRow[]> {
    if (ids.length === 0) return [];
    return db.select().from(children).where(inArray(children.id, ids));
  },

  /** Each child's care needs with their instructions, by child id (children with none are absent). */
  async careNeeds(db: DbOrTx, ids: string[]): Promise<Map<string, RosterNeedRow[]>> {
    const out = new Map<string, RosterNeedRow[]>();
    if (ids.length === 0) return out;
    const rows = await db
      .select({
        childId: childCareNeeds.childId,
        code: childCareNeeds.needCode,
        instructions: childCareNeeds.instructions,
      })
      .from(childCareNeeds)
      .where(inArray(childCareNeeds.childId, ids))
      .orderBy(asc(childCareNeeds.needCode));
    for (const r of rows)
      out.set(r.childId, [...(out.get(r.childId) ?? []), { code: r.code, instructions: r.instructions }]);
    return out;
  },
};
