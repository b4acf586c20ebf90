import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { children } from "../../db/schema/index.js";

export type RosterChildRow = typeof children.$inferSelect;

/** Data access the roster needs beyond bookings: the booked children's full profiles. */
export const rosterRepo = {
  async children(db: DbOrTx, ids: string[]): Promise<RosterChildRow[]> {
    if (ids.length === 0) return [];
    return db.select().from(children).where(inArray(children.id, ids));
  },
};
