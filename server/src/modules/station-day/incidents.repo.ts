import { and, asc, desc, eq, gte, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import {
  children,
  familySocialWorkers,
  incidentAcknowledgements,
  incidentAddenda,
  incidentReports,
  stations,
  users,
} from "../../db/schema/index.js";

export type IncidentRow = typeof incidentReports.$inferSelect;
export type NewIncident = typeof incidentReports.$inferInsert;

const filer = alias(users, "filer");
const acker = alias(users, "acker");

/** Which incidents a list may show (undefined: no limit on that column). */
export interface IncidentFilter {
  familyIds?: readonly string[];
  stationIds?: readonly string[];
  childId?: string;
  unacknowledged?: boolean;
}

/**
 * The only SQL of incident reports. There is deliberately no update or delete: a report and its
 * addenda are only ever inserted (decision 143); rows go only with the family's erasure (cascade).
 */
export const incidentsRepo = {
  async insert(db: DbOrTx, row: NewIncident): Promise<IncidentRow> {
    const [r] = await db.insert(incidentReports).values(row).returning();
    return r!;
  },
  async byId(db: DbOrTx, id: string): Promise<IncidentRow | undefined> {
    const [r] = await db.select().from(incidentReports).where(eq(incidentReports.id, id));
    return r;
  },
  async addAddendum(db: DbOrTx, a: { incidentId: string; authorId: string; body: string }): Promise<void> {
    await db.insert(incidentAddenda).values(a);
  },
  /** Record the first acknowledgement; later ones change nothing. */
  async acknowledge(db: DbOrTx, incidentId: string, userId: string): Promise<void> {
    await db.insert(incidentAcknowledgements).values({ incidentId, userId }).onConflictDoNothing();
  },
  /** Reports with their station, child, filer and acknowledgement, newest first. */
  async views(db: DbOrTx, f: IncidentFilter & { ids?: readonly string[] }, limit = 200) {
    const conds: (SQL | undefined)[] = [
      f.ids ? inArray(incidentReports.id, [...f.ids]) : undefined,
      f.familyIds ? inArray(incidentReports.familyId, [...f.familyIds]) : undefined,
      f.stationIds ? inArray(incidentReports.stationId, [...f.stationIds]) : undefined,
      f.childId ? eq(incidentReports.childId, f.childId) : undefined,
      f.unacknowledged ? isNull(incidentAcknowledgements.incidentId) : undefined,
    ];
    if ((f.ids ?? f.familyIds ?? f.stationIds)?.length === 0) return [];
    return db
      .select({
        r: incidentReports,
        stationName: stations.name,
        nickname: children.nickname,
        filerName: filer.displayName,
        ack: incidentAcknowledgements,
        ackerName: acker.displayName,
      })
      .from(incidentReports)
      .innerJoin(stations, eq(stations.id, incidentReports.stationId))
      .innerJoin(children, eq(children.id, incidentReports.childId))
      .leftJoin(filer, eq(filer.id, incidentReports.filedBy))
      .leftJoin(incidentAcknowledgements, eq(incidentAcknowledgements.incidentId, incidentReports.id))
      .leftJoin(acker, eq(acker.id, incidentAcknowledgements.userId))
      .where(and(...conds))
      .orderBy(desc(incidentReports.occurredAt))
      .limit(limit);
  },
  async addenda(db: DbOrTx, incidentIds: readonly string[]) {
    if (incidentIds.length === 0) return [];
    return db
      .select({ a: incidentAddenda, authorName: users.displayName })
      .from(incidentAddenda)
      .leftJoin(users, eq(users.id, incidentAddenda.authorId))
      .where(inArray(incidentAddenda.incidentId, [...incidentIds]))
      .orderBy(asc(incidentAddenda.createdAt), asc(incidentAddenda.id));
  },
  /** The social workers assigned to a family (told of its incidents). */
  async socialWorkersOf(db: DbOrTx, familyId: string): Promise<string[]> {
    const rows = await db
      .select({ id: familySocialWorkers.socialWorkerId })
      .from(familySocialWorkers)
      .where(eq(familySocialWorkers.familyId, familyId));
    return rows.map((r) => r.id);
  },
  /** Incidents per (active) station since `since365`, with the last-30-days and unacknowledged counts. */
  async countsByStation(
    db: DbOrTx,
    stationIds: readonly string[] | undefined,
    since30: Date,
    since365: Date,
  ) {
    if (stationIds?.length === 0) return [];
    return db
      .select({
        stationId: stations.id,
        stationName: stations.name,
        last30Days: sql<number>`count(${incidentReports.id}) filter (where ${incidentReports.occurredAt} >= ${since30.toISOString()}::timestamptz)::int`,
        last365Days: sql<number>`count(${incidentReports.id})::int`,
        unacknowledged: sql<number>`count(${incidentReports.id}) filter (where ${incidentAcknowledgements.incidentId} is null)::int`,
      })
      .from(stations)
      .leftJoin(
        incidentReports,
        and(eq(incidentReports.stationId, stations.id), gte(incidentReports.occurredAt, since365)),
      )
      .leftJoin(incidentAcknowledgements, eq(incidentAcknowledgements.incidentId, incidentReports.id))
      .where(and(isNull(stations.archivedAt), stationIds ? inArray(stations.id, [...stationIds]) : undefined))
      .groupBy(stations.id, stations.name)
      .orderBy(asc(stations.name));
  },
};
export type IncidentView = Awaited<ReturnType<typeof incidentsRepo.views>>[number];
export type AddendumView = Awaited<ReturnType<typeof incidentsRepo.addenda>>[number];
