import type { ReportProjectCreate } from "@carecircle/shared";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { reportProjectSocialWorkers, reportProjects, stations, users } from "../../db/schema/index.js";

export type ReportProjectRow = typeof reportProjects.$inferSelect;

/** The stored fields of a project, from the API's names. */
export interface ProjectValues {
  name?: string;
  district?: string | null;
  stationIds?: string[];
  from?: string;
  to?: string;
  familyIds?: string[] | null;
}

const columns = (v: ProjectValues) => ({
  name: v.name,
  district: v.district,
  stationIds: v.stationIds,
  fromDate: v.from,
  toDate: v.to,
  familyIds: v.familyIds,
});

/** Report projects and the social workers on them (the only SQL for them). */
export const reportProjectsRepo = {
  async insert(db: DbOrTx, v: Required<Omit<ReportProjectCreate, "socialWorkerIds">>, createdBy: string) {
    const [row] = await db
      .insert(reportProjects)
      .values({
        name: v.name,
        district: v.district,
        stationIds: v.stationIds,
        fromDate: v.from,
        toDate: v.to,
        familyIds: v.familyIds,
        createdBy,
      })
      .returning();
    return row!;
  },

  async update(db: DbOrTx, id: string, v: ProjectValues) {
    const [row] = await db
      .update(reportProjects)
      .set({ ...columns(v), updatedAt: sql`now()` })
      .where(eq(reportProjects.id, id))
      .returning();
    return row ?? null;
  },

  async byId(db: DbOrTx, id: string, lock = false) {
    const q = db.select().from(reportProjects).where(eq(reportProjects.id, id));
    const [row] = lock ? await q.for("update") : await q;
    return row ?? null;
  },

  /** Every project (null) or those `socialWorkerId` is on, newest range first. */
  async list(db: DbOrTx, socialWorkerId: string | null) {
    const mine = socialWorkerId
      ? sql`exists (select 1 from ${reportProjectSocialWorkers} where ${reportProjectSocialWorkers.projectId} = ${reportProjects.id}
          and ${reportProjectSocialWorkers.socialWorkerId} = ${socialWorkerId})`
      : sql`true`;
    return db
      .select()
      .from(reportProjects)
      .where(mine)
      .orderBy(sql`${reportProjects.toDate} desc`, asc(reportProjects.name));
  },

  async setSocialWorkers(db: DbOrTx, projectId: string, ids: readonly string[]) {
    await db.delete(reportProjectSocialWorkers).where(eq(reportProjectSocialWorkers.projectId, projectId));
    if (ids.length === 0) return;
    await db
      .insert(reportProjectSocialWorkers)
      .values([...new Set(ids)].map((socialWorkerId) => ({ projectId, socialWorkerId })));
  },

  /** Social worker ids per project. */
  async socialWorkersOf(db: DbOrTx, projectIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(projectIds.map((id) => [id, []]));
    if (projectIds.length === 0) return out;
    const rows = await db
      .select()
      .from(reportProjectSocialWorkers)
      .where(inArray(reportProjectSocialWorkers.projectId, [...projectIds]))
      .orderBy(asc(reportProjectSocialWorkers.socialWorkerId));
    for (const r of rows) out.get(r.projectId)?.push(r.socialWorkerId);
    return out;
  },

  async isMember(db: DbOrTx, projectId: string, userId: string): Promise<boolean> {
    const [row] = await db
      .select({ one: sql<number>`1` })
      .from(reportProjectSocialWorkers)
      .where(
        and(
          eq(reportProjectSocialWorkers.projectId, projectId),
          eq(reportProjectSocialWorkers.socialWorkerId, userId),
        ),
      );
    return !!row;
  },

  /** The ids of `ids` that are active social worker accounts. */
  async socialWorkerIds(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, [...ids]), eq(users.role, "social_worker"), eq(users.status, "active")));
    return new Set(rows.map((r) => r.id));
  },

  /** The ids of `ids` that are stations. */
  async stationIds(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await db
      .select({ id: stations.id })
      .from(stations)
      .where(inArray(stations.id, [...ids]));
    return new Set(rows.map((r) => r.id));
  },
};
