import type { BodyRegion, Incident } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { type AddendumView, type IncidentView, incidentsRepo } from "./incidents.repo.js";

const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? "" } : null);

/** Incident rows -> DTOs, each with its addenda in the order they were added. */
export function presentIncidents(views: IncidentView[], addenda: AddendumView[]): Incident[] {
  return views.map(({ r, stationName, nickname, filerName, ack, ackerName }) => ({
    id: r.id,
    bookingId: r.bookingId,
    station: { id: r.stationId, name: stationName },
    child: { id: r.childId, nickname },
    familyId: r.familyId,
    occurredAt: r.occurredAt.toISOString(),
    whatHappened: r.whatHappened,
    firstAid: r.firstAid,
    bodyLocations: r.bodyLocations as BodyRegion[],
    witnesses: r.witnesses,
    filedBy: person(r.filedBy, filerName),
    createdAt: r.createdAt.toISOString(),
    addenda: addenda
      .filter(({ a }) => a.incidentId === r.id)
      .map(({ a, authorName }) => ({
        id: a.id,
        author: person(a.authorId, authorName),
        body: a.body,
        createdAt: a.createdAt.toISOString(),
      })),
    acknowledged: ack ? { by: person(ack.userId, ackerName), at: ack.createdAt.toISOString() } : null,
  }));
}

/** A family's incident reports with addenda, as in its data export. */
export async function familyIncidents(db: DbOrTx, familyId: string): Promise<Incident[]> {
  const views = await incidentsRepo.views(db, { familyIds: [familyId] }, 10_000);
  return presentIncidents(
    views,
    await incidentsRepo.addenda(
      db,
      views.map((v) => v.r.id),
    ),
  );
}
