import type { Incident, IncidentCounts, IncidentCreateInput } from "@carecircle/shared";
import type { DbOrTx, Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, invalid, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import { slotsRepo } from "../slots/slots.repo.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { presentIncidents } from "./incidents.presenter.js";
import { type IncidentFilter, type IncidentRow, incidentsRepo } from "./incidents.repo.js";

const DAY_MS = 86_400_000;
/** An incident can be dated from this long before the slot (early check-in) until now. */
const BEFORE_SLOT_MS = 2 * 3_600_000;
/** Clock skew allowed between a phone and the server for "now". */
const SKEW_MS = 5 * 60_000;

/** Social workers (who manage every station) and admins see every incident; their reads are audited. */
const seesAll = (user: AuthUser) => user.role === "social_worker" || user.role === "admin";

/** The family's caregivers and social workers hear of a new report or addendum (ids only). */
async function tell(
  tx: Tx,
  uow: UnitOfWork,
  r: IncidentRow,
  kind: "incident_reported" | "incident_addendum",
): Promise<void> {
  const payload = { incidentId: r.id, bookingId: r.bookingId, stationId: r.stationId, childId: r.childId };
  const caregivers = (await bookingsRepo.caregiversOf(tx, [r.familyId])).map((c) => c.id);
  const socialWorkers = await incidentsRepo.socialWorkersOf(tx, r.familyId);
  uow.notify(...[...caregivers, ...socialWorkers].map((userId) => ({ userId, kind, payload })));
}

/** Incidents as DTOs, with their addenda. */
async function present(db: DbOrTx, ids: string[]): Promise<Incident[]> {
  const views = await incidentsRepo.views(db, { ids });
  return presentIncidents(views, await incidentsRepo.addenda(db, ids));
}
async function presentOne(db: DbOrTx, id: string): Promise<{ incident: Incident }> {
  return { incident: (await present(db, [id]))[0]! };
}

/** May `user` read this report? Family, the station's staff, every social worker, admins. */
async function canRead(db: DbOrTx, user: AuthUser, r: IncidentRow): Promise<boolean> {
  if (seesAll(user)) return true;
  if (user.role === "caregiver") return user.familyId === r.familyId;
  return user.role === "station_staff" && stationsRepo.isStaff(db, r.stationId, user.id);
}

async function audit(db: DbOrTx, user: AuthUser, after: Record<string, unknown>): Promise<void> {
  if (seesAll(user)) await auditRepo.append(db, { actorId: user.id, action: "incidents_viewed", after });
}

/** What a list may show the caller, narrowed by the query. */
async function scope(
  db: DbOrTx,
  user: AuthUser,
  q: { stationId?: string; childId?: string },
): Promise<IncidentFilter> {
  const f: IncidentFilter = { ...(q.childId ? { childId: q.childId } : {}) };
  if (q.stationId) f.stationIds = [q.stationId];
  if (user.role === "caregiver") f.familyIds = user.familyId ? [user.familyId] : [];
  if (user.role === "station_staff") {
    const mine = await stationsRepo.stationIdsOfStaff(db, user.id);
    f.stationIds = (f.stationIds ?? mine).filter((s) => mine.includes(s));
  }
  return f;
}

/** File a report on a booking in session (the caller is the station's staff); answers its id. */
async function fileReport(deps: Deps, user: AuthUser, bookingId: string, input: IncidentCreateInput) {
  return unitOfWork(deps, async (tx, uow) => {
    const locked = await bookingsRepo.lock(tx, bookingId);
    const slot = locked && (await slotsRepo.byId(tx, locked.slotId));
    if (!locked || !slot) throw notFound("booking");
    if (locked.status !== "checked_in" && locked.status !== "completed")
      throw conflict("An incident is filed during a session: check the child in first", {
        reason: "not_in_session",
        status: locked.status,
      });
    const at = new Date(input.occurredAt);
    if (at.getTime() < slot.startsAt.getTime() - BEFORE_SLOT_MS || at.getTime() > Date.now() + SKEW_MS)
      throw invalid("occurredAt", "must be during this session and not in the future");
    const r = await incidentsRepo.insert(tx, {
      ...input,
      bookingId,
      stationId: locked.stationId,
      childId: locked.childId,
      familyId: locked.familyId,
      occurredAt: at,
      filedBy: user.id,
    });
    await tell(tx, uow, r, "incident_reported");
    return r.id;
  });
}

/**
 * Incident reports (decision 143): staff of the booking's station file one while the child is
 * checked in (or after pick-up, the same session); the family and its social workers are told at
 * once; a caregiver acknowledges it. What was filed never changes (no update path; a database
 * trigger refuses it too): corrections are addenda, before or after the acknowledgement.
 */
export function createIncidentsService(deps: Deps) {
  const { db } = deps;
  return {
    async file(
      user: AuthUser,
      bookingId: string,
      input: IncidentCreateInput,
    ): Promise<{ incident: Incident }> {
      const b = await bookingsRepo.byId(db, bookingId);
      if (!b || !(await stationsRepo.isStaff(db, b.stationId, user.id))) throw notFound("booking");
      return presentOne(db, await fileReport(deps, user, bookingId, input));
    },

    async get(user: AuthUser, id: string): Promise<{ incident: Incident }> {
      const r = await incidentsRepo.byId(db, id);
      if (!r || !(await canRead(db, user, r))) throw notFound("incident");
      await audit(db, user, { familyId: r.familyId, incidentId: r.id, count: 1 });
      return presentOne(db, id);
    },

    async list(
      user: AuthUser,
      q: { stationId?: string; childId?: string; unacknowledged?: "true" | "false" },
    ): Promise<{ incidents: Incident[] }> {
      const f = await scope(db, user, q);
      const views = await incidentsRepo.views(db, { ...f, unacknowledged: q.unacknowledged === "true" });
      const ids = views.map((v) => v.r.id);
      if (ids.length > 0)
        await audit(db, user, {
          stationId: q.stationId ?? null,
          childId: q.childId ?? null,
          count: ids.length,
        });
      return { incidents: presentIncidents(views, await incidentsRepo.addenda(db, ids)) };
    },

    async addAddendum(user: AuthUser, id: string, body: string): Promise<{ incident: Incident }> {
      const r = await incidentsRepo.byId(db, id);
      const ok =
        r && (user.role === "social_worker" || (await stationsRepo.isStaff(db, r.stationId, user.id)));
      if (!r || !ok) throw notFound("incident");
      await unitOfWork(deps, async (tx, uow) => {
        await incidentsRepo.addAddendum(tx, { incidentId: id, authorId: user.id, body });
        await tell(tx, uow, r, "incident_addendum");
      });
      return presentOne(db, id);
    },

    async acknowledge(user: AuthUser, id: string): Promise<{ incident: Incident }> {
      const r = await incidentsRepo.byId(db, id);
      if (!r || user.role !== "caregiver" || user.familyId !== r.familyId) throw notFound("incident");
      await incidentsRepo.acknowledge(db, id, user.id);
      return presentOne(db, id);
    },

    async counts(user: AuthUser): Promise<IncidentCounts> {
      const stationIds = seesAll(user) ? undefined : await stationsRepo.stationIdsOfStaff(db, user.id);
      const now = Date.now();
      const since = (days: number) => new Date(now - days * DAY_MS);
      return { stations: await incidentsRepo.countsByStation(db, stationIds, since(30), since(365)) };
    },
  };
}
export type IncidentsService = ReturnType<typeof createIncidentsService>;
