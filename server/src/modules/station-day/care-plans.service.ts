import { CARE_PLAN_REVIEW_MONTHS, type CarePlan, type CarePlanInput } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import { childrenRepo } from "../children/children.repo.js";
import { familiesRepo } from "../families/families.repo.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { type CarePlanView, carePlansRepo } from "./care-plans.repo.js";

const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? "" } : null);

/** The day `months` after `d` (same clock time). */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d);
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

/** A family's care plans, as in its data export. */
export async function familyCarePlans(db: DbOrTx, familyId: string): Promise<CarePlan[]> {
  const now = new Date();
  return (await carePlansRepo.views(db, { familyId })).map((v) => presentPlan(v, now));
}

/** Plan row -> DTO. */
function presentPlan({ p, stationName, editorName, confirmerName }: CarePlanView, now: Date): CarePlan {
  return {
    id: p.id,
    childId: p.childId,
    station: { id: p.stationId, name: stationName },
    calming: p.calming,
    routines: p.routines,
    emergency: p.emergency,
    version: p.version,
    updatedBy: person(p.updatedBy, editorName),
    updatedAt: p.updatedAt.toISOString(),
    confirmedAt: p.confirmedAt?.toISOString() ?? null,
    confirmedBy: person(p.confirmedBy, confirmerName),
    reviewDueAt: p.reviewDueAt?.toISOString() ?? null,
    reviewOverdue: !!p.reviewDueAt && p.reviewDueAt <= now,
  };
}

/**
 * Care plans per child and station (decision 144), written by the family or that station's staff
 * (a station serving the family) and confirmed by a caregiver; a confirmation sets the review six
 * months on. Staff see only their stations' plans; social worker and admin reads are audited.
 */
export function createCarePlansService(deps: Deps) {
  const { db } = deps;

  /** The child, if `user` may see it: family, assigned social worker, admin, or staff serving it. */
  async function childFor(user: AuthUser, childId: string, stationId?: string) {
    const child = await childrenRepo.byId(db, childId);
    if (!child) throw notFound("child");
    const f = child.familyId;
    const ok =
      user.role === "admin" ||
      (user.role === "caregiver" && user.familyId === f) ||
      (user.role === "social_worker" && (await familiesRepo.isAssigned(db, f, user.id))) ||
      (user.role === "station_staff" && (await staffServing(user, f, stationId)).length > 0);
    if (!ok) throw notFound("child");
    return child;
  }
  /** The stations (of `only`, if given) where `user` is staff and the family has booked. */
  async function staffServing(user: AuthUser, familyId: string, only?: string): Promise<string[]> {
    const mine = (await stationsRepo.stationIdsOfStaff(db, user.id)).filter((s) => !only || s === only);
    const known = await Promise.all(mine.map((s) => bookingsRepo.familyKnownAt(db, familyId, s)));
    return mine.filter((_, i) => known[i]);
  }
  async function presentOne(id: string): Promise<{ carePlan: CarePlan }> {
    const [v] = await carePlansRepo.views(db, { ids: [id] });
    return { carePlan: presentPlan(v!, new Date()) };
  }

  return {
    async list(user: AuthUser, childId: string): Promise<{ carePlans: CarePlan[] }> {
      const child = await childFor(user, childId);
      const stationIds = user.role === "station_staff" ? await staffServing(user, child.familyId) : undefined;
      if (user.role === "social_worker" || user.role === "admin")
        await auditRepo.append(db, {
          actorId: user.id,
          action: "care_plans_viewed",
          after: { childId, familyId: child.familyId },
        });
      const now = new Date();
      const views = await carePlansRepo.views(db, { childId, ...(stationIds ? { stationIds } : {}) });
      return { carePlans: views.map((v) => presentPlan(v, now)) };
    },

    async save(
      user: AuthUser,
      childId: string,
      stationId: string,
      input: CarePlanInput,
    ): Promise<{ carePlan: CarePlan }> {
      const child = await childFor(user, childId, stationId);
      if (!(await stationsRepo.byId(db, stationId))) throw notFound("station");
      const row = await carePlansRepo.upsert(
        db,
        { childId, stationId, familyId: child.familyId },
        input,
        user.id,
      );
      return presentOne(row.id);
    },

    async confirm(user: AuthUser, id: string): Promise<{ carePlan: CarePlan }> {
      const plan = await carePlansRepo.byId(db, id);
      if (!plan || user.role !== "caregiver" || user.familyId !== plan.familyId) throw notFound("care plan");
      const now = new Date();
      await carePlansRepo.confirm(db, id, user.id, now, addMonths(now, CARE_PLAN_REVIEW_MONTHS));
      return presentOne(id);
    },
  };
}
export type CarePlansService = ReturnType<typeof createCarePlansService>;
