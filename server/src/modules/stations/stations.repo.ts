import { and, arrayContains, asc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { stationStaff, stations, users } from "../../db/schema/index.js";

export type StationRow = typeof stations.$inferSelect;
export type NewStationRow = typeof stations.$inferInsert;

/** Data access for stations and their staff. */
export const stationsRepo = {
  async insert(db: DbOrTx, row: NewStationRow): Promise<StationRow> {
    const [created] = await db.insert(stations).values(row).returning();
    return created!;
  },
  async byId(db: DbOrTx, id: string): Promise<StationRow | undefined> {
    const [row] = await db
      .select()
      .from(stations)
      .where(and(eq(stations.id, id), isNull(stations.archivedAt)))
      .limit(1);
    return row;
  },
  async byIds(db: DbOrTx, ids: string[]): Promise<StationRow[]> {
    if (ids.length === 0) return [];
    return db.select().from(stations).where(inArray(stations.id, ids));
  },
  async list(
    db: DbOrTx,
    f: {
      disabilityType?: string | undefined;
      serviceType?: string | undefined;
      district?: string | undefined;
    },
  ): Promise<StationRow[]> {
    const conds = [isNull(stations.archivedAt)];
    if (f.disabilityType) conds.push(arrayContains(stations.disabilityTypes, [f.disabilityType]));
    if (f.serviceType) conds.push(arrayContains(stations.serviceTypes, [f.serviceType]));
    if (f.district) conds.push(eq(stations.district, f.district));
    return db
      .select()
      .from(stations)
      .where(and(...conds))
      .orderBy(asc(stations.district), asc(stations.name))
      .limit(500);
  },
  async update(db: DbOrTx, id: string, patch: Partial<NewStationRow>): Promise<StationRow | undefined> {
    const [row] = await db
      .update(stations)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(stations.id, id), isNull(stations.archivedAt)))
      .returning();
    return row;
  },
  /** Staff names per station, for presenting stations. */
  async staffOf(db: DbOrTx, stationIds: string[]) {
    if (stationIds.length === 0) return [];
    return db
      .select({ stationId: stationStaff.stationId, id: users.id, displayName: users.displayName })
      .from(stationStaff)
      .innerJoin(users, eq(users.id, stationStaff.userId))
      .where(and(inArray(stationStaff.stationId, stationIds), eq(users.status, "active")))
      .orderBy(asc(stationStaff.createdAt));
  },
  async isStaff(db: DbOrTx, stationId: string, userId: string): Promise<boolean> {
    const [row] = await db
      .select({ userId: stationStaff.userId })
      .from(stationStaff)
      .where(and(eq(stationStaff.stationId, stationId), eq(stationStaff.userId, userId)))
      .limit(1);
    return !!row;
  },
  async stationIdsOfStaff(db: DbOrTx, userId: string): Promise<string[]> {
    const rows = await db
      .select({ stationId: stationStaff.stationId })
      .from(stationStaff)
      .where(eq(stationStaff.userId, userId));
    return rows.map((r) => r.stationId);
  },
  async addStaff(db: DbOrTx, stationId: string, userId: string): Promise<void> {
    await db.insert(stationStaff).values({ stationId, userId }).onConflictDoNothing();
  },
  async removeStaff(db: DbOrTx, stationId: string, userId: string): Promise<boolean> {
    const rows = await db
      .delete(stationStaff)
      .where(and(eq(stationStaff.stationId, stationId), eq(stationStaff.userId, userId)))
      .returning({ userId: stationStaff.userId });
    return rows.length > 0;
  },
};
