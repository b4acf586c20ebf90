import type {
  Qualification,
  RaisedAlert,
  ShiftCreateInput,
  ShiftExceptionCreateInput,
  ShiftUpdateInput,
  StationStaffing,
} from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { forbidden, invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { localToday } from "../slots/local-time.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { usersRepo } from "../users/users.repo.js";
import { watchCoverage } from "./coverage.js";
import { presentException, presentQualification, presentShift } from "./staffing.presenter.js";
import { staffingRepo } from "./staffing.repo.js";

type Db = Deps["db"];

/** What a watched change answered, and the coverage alerts it raised (decision 153). */
interface Watched<T> {
  value: T;
  coverageAlerts: RaisedAlert[];
}

/** Run a staffing change in one unit of work, watched at `stationIds` (decision 139). */
function watched<T>(
  deps: Deps,
  user: AuthUser,
  stationIds: (tx: Tx) => Promise<readonly string[]>,
  cause: string,
  change: (tx: Tx, uow: UnitOfWork) => Promise<T>,
): Promise<Watched<T>> {
  return unitOfWork(
    deps,
    async (tx, uow) => {
      const value = await watchCoverage(
        tx,
        uow,
        { stationIds: await stationIds(tx), cause, actorId: user.id, now: new Date() },
        () => change(tx, uow),
      );
      return { value, coverageAlerts: await staffingRepo.alertsRaisedInTx(tx, user.id) };
    },
    { retry: true },
  );
}

type RaisedAlerts = { coverageAlerts: RaisedAlert[] };

/** Only the alerts of a change whose own answer is `{ ok: true }`. */
async function raised(w: Promise<Watched<unknown>>): Promise<RaisedAlerts> {
  return { coverageAlerts: (await w).coverageAlerts };
}

async function stationOr404(db: Db, id: string) {
  const station = await stationsRepo.byId(db, id);
  if (!station) throw notFound("station");
  return station;
}

/** A station_staff account that works at `stationId`. */
async function staffHere(db: Db, stationId: string, userId: string) {
  await stationOr404(db, stationId);
  const u = await usersRepo.byId(db, userId);
  if (u?.role !== "station_staff") throw notFound("staff member");
  if (!(await stationsRepo.isStaff(db, stationId, userId)))
    throw invalid("userId", "is not staff of this station");
  return u;
}

/** A station's staffing as the staffing page shows it. */
async function readStaffing(db: Db, stationId: string): Promise<StationStaffing> {
  const station = await stationOr404(db, stationId);
  const staff = await stationsRepo.staffOf(db, [stationId]);
  const quals = await staffingRepo.qualificationsOf(
    db,
    staff.map((s) => s.id),
  );
  const today = localToday(new Date(), station.timeZone);
  return {
    stationId,
    staff: staff.map((s) => ({
      userId: s.id,
      displayName: s.displayName,
      qualifications: quals.filter((q) => q.userId === s.id).map(presentQualification),
    })),
    shifts: (await staffingRepo.shifts(db, stationId)).map((r) => presentShift(r.s, r.displayName)),
    exceptions: (await staffingRepo.exceptionsFrom(db, stationId, today)).map((r) =>
      presentException(r.x, r.displayName),
    ),
    ratios: (await staffingRepo.ratios(db, stationId)).map((r) => ({
      serviceType: r.serviceType as StationStaffing["ratios"][number]["serviceType"],
      childrenPerStaff: r.childrenPerStaff,
    })),
  };
}

/** Qualifications of staff members (issue 19 §1), entered by social workers and admins. */
export function createQualificationsService(deps: Deps) {
  const { db } = deps;
  return {
    async qualifications(user: AuthUser, userId: string): Promise<{ qualifications: Qualification[] }> {
      if (user.role === "station_staff" && user.id !== userId)
        throw forbidden("Only your own qualifications");
      return {
        qualifications: (await staffingRepo.qualificationsOf(db, [userId])).map(presentQualification),
      };
    },

    async addQualification(user: AuthUser, userId: string, input: { needCode: string; expiresOn: string }) {
      const u = await usersRepo.byId(db, userId);
      if (u?.role !== "station_staff") throw notFound("staff member");
      if (!(await staffingRepo.activeCodes(db, [input.needCode])).has(input.needCode))
        throw invalid("needCode", "unknown care need");
      const { value, coverageAlerts } = await watched(
        deps,
        user,
        (tx) => staffingRepo.stationsOfStaff(tx, userId),
        "qualification recorded",
        (tx) => staffingRepo.upsertQualification(tx, { userId, ...input, enteredBy: user.id }),
      );
      return { ...presentQualification(value), coverageAlerts };
    },

    async updateQualification(user: AuthUser, id: string, expiresOn: string) {
      const q = await staffingRepo.qualification(db, id);
      if (!q) throw notFound("qualification");
      const { value, coverageAlerts } = await watched(
        deps,
        user,
        (tx) => staffingRepo.stationsOfStaff(tx, q.userId),
        "qualification changed",
        (tx) => staffingRepo.setQualificationExpiry(tx, id, expiresOn, user.id),
      );
      if (!value) throw notFound("qualification");
      return { ...presentQualification(value), coverageAlerts };
    },

    async deleteQualification(user: AuthUser, id: string): Promise<RaisedAlerts> {
      const q = await staffingRepo.qualification(db, id);
      if (!q) throw notFound("qualification");
      return raised(
        watched(
          deps,
          user,
          (tx) => staffingRepo.stationsOfStaff(tx, q.userId),
          "qualification removed",
          (tx) => staffingRepo.deleteQualification(tx, id),
        ),
      );
    },
  };
}

/** Weekly shifts at stations. */
export function createShiftsService(deps: Deps) {
  const { db } = deps;
  return {
    async createShift(user: AuthUser, stationId: string, input: ShiftCreateInput) {
      const staff = await staffHere(db, stationId, input.userId);
      const { value, coverageAlerts } = await watched(
        deps,
        user,
        async () => [stationId],
        "shift added",
        (tx) => staffingRepo.insertShift(tx, { ...input, stationId, createdBy: user.id }),
      );
      return { ...presentShift(value, staff.displayName), coverageAlerts };
    },

    async updateShift(user: AuthUser, id: string, input: ShiftUpdateInput) {
      const cur = await staffingRepo.shift(db, id);
      if (!cur) throw notFound("shift");
      const next = { ...cur, ...input };
      if (next.endTime <= next.startTime) throw invalid("endTime", "must end after it starts");
      if (next.validUntil && next.validUntil < next.validFrom)
        throw invalid("validUntil", "is before validFrom");
      const { value, coverageAlerts } = await watched(
        deps,
        user,
        async () => [cur.stationId],
        "shift changed",
        (tx) => staffingRepo.updateShift(tx, id, input),
      );
      if (!value) throw notFound("shift");
      const name = (await usersRepo.byId(db, value.userId))?.displayName ?? "";
      return { ...presentShift(value, name), coverageAlerts };
    },

    async deleteShift(user: AuthUser, id: string): Promise<RaisedAlerts> {
      const cur = await staffingRepo.shift(db, id);
      if (!cur) throw notFound("shift");
      return raised(
        watched(
          deps,
          user,
          async () => [cur.stationId],
          "shift removed",
          (tx) => staffingRepo.deleteShift(tx, id),
        ),
      );
    },
  };
}

/** A station's staffing page: reading it, exceptions to the shifts and ratios. */
export function createRosterService(deps: Deps) {
  const { db } = deps;
  return {
    /** Managers everywhere, station staff at their own station. */
    async get(user: AuthUser, stationId: string): Promise<StationStaffing> {
      await stationOr404(db, stationId);
      if (user.role === "station_staff" && !(await stationsRepo.isStaff(db, stationId, user.id)))
        throw forbidden("Only this station's staff");
      return readStaffing(db, stationId);
    },

    async createException(user: AuthUser, stationId: string, input: ShiftExceptionCreateInput) {
      const staff = await staffHere(db, stationId, input.userId);
      const times =
        input.kind === "extra"
          ? { startTime: input.startTime, endTime: input.endTime }
          : { startTime: null, endTime: null };
      const { userId, date, kind } = input;
      const { value, coverageAlerts } = await watched(
        deps,
        user,
        async () => [stationId],
        kind === "off" ? "staff off" : "extra hours",
        (tx) =>
          staffingRepo.insertException(tx, { stationId, userId, date, kind, ...times, createdBy: user.id }),
      );
      return { ...presentException(value, staff.displayName), coverageAlerts };
    },

    async deleteException(user: AuthUser, id: string): Promise<RaisedAlerts> {
      const cur = await staffingRepo.exception(db, id);
      if (!cur) throw notFound("shift exception");
      return raised(
        watched(
          deps,
          user,
          async () => [cur.stationId],
          "exception removed",
          (tx) => staffingRepo.deleteException(tx, id),
        ),
      );
    },

    async putRatio(
      user: AuthUser,
      stationId: string,
      input: { serviceType: string; childrenPerStaff: number | null },
    ): Promise<StationStaffing & RaisedAlerts> {
      await stationOr404(db, stationId);
      const { coverageAlerts } = await watched(
        deps,
        user,
        async () => [stationId],
        "ratio changed",
        (tx) => staffingRepo.setRatio(tx, stationId, input.serviceType, input.childrenPerStaff),
      );
      return { ...(await readStaffing(db, stationId)), coverageAlerts };
    },
  };
}
