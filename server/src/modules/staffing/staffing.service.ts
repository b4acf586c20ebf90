import type {
  Qualification,
  Shift,
  ShiftCreateInput,
  ShiftException,
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

/**
 * Staffing at stations (issue 19 §1): qualifications, weekly shifts, exceptions and ratios. Every
 * change runs watched by the coverage check (coverage.ts, decision 139).
 */
export function createStaffingService(deps: Deps) {
  const { db } = deps;

  /** Run a staffing change in one unit of work, watched at `stationIds`. */
  function watched<T>(
    user: AuthUser,
    stationIds: (tx: Tx) => Promise<readonly string[]>,
    cause: string,
    change: (tx: Tx, uow: UnitOfWork) => Promise<T>,
  ): Promise<T> {
    return unitOfWork(
      deps,
      async (tx, uow) =>
        watchCoverage(
          tx,
          uow,
          { stationIds: await stationIds(tx), cause, actorId: user.id, now: new Date() },
          () => change(tx, uow),
        ),
      { retry: true },
    );
  }

  async function stationOr404(id: string) {
    const station = await stationsRepo.byId(db, id);
    if (!station) throw notFound("station");
    return station;
  }

  async function staffMember(userId: string) {
    const u = await usersRepo.byId(db, userId);
    if (!u || u.role !== "station_staff") throw notFound("staff member");
    return u;
  }

  async function needCode(code: string) {
    if (!(await staffingRepo.activeCodes(db, [code])).has(code))
      throw invalid("needCode", "unknown care need");
  }

  async function staffing(stationId: string): Promise<StationStaffing> {
    const station = await stationOr404(stationId);
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

  return {
    /** A station's staffing: managers everywhere, station staff at their own station. */
    async get(user: AuthUser, stationId: string): Promise<StationStaffing> {
      await stationOr404(stationId);
      if (user.role === "station_staff" && !(await stationsRepo.isStaff(db, stationId, user.id)))
        throw forbidden("Only this station's staff");
      return staffing(stationId);
    },

    async qualifications(user: AuthUser, userId: string): Promise<{ qualifications: Qualification[] }> {
      if (user.role === "station_staff" && user.id !== userId)
        throw forbidden("Only your own qualifications");
      return {
        qualifications: (await staffingRepo.qualificationsOf(db, [userId])).map(presentQualification),
      };
    },

    async addQualification(user: AuthUser, userId: string, input: { needCode: string; expiresOn: string }) {
      await staffMember(userId);
      await needCode(input.needCode);
      const row = await watched(
        user,
        (tx) => staffingRepo.stationsOfStaff(tx, userId),
        "qualification recorded",
        (tx) => staffingRepo.upsertQualification(tx, { userId, ...input, enteredBy: user.id }),
      );
      return presentQualification(row);
    },

    async updateQualification(user: AuthUser, id: string, expiresOn: string) {
      const q = await staffingRepo.qualification(db, id);
      if (!q) throw notFound("qualification");
      const row = await watched(
        user,
        (tx) => staffingRepo.stationsOfStaff(tx, q.userId),
        "qualification changed",
        (tx) => staffingRepo.setQualificationExpiry(tx, id, expiresOn, user.id),
      );
      if (!row) throw notFound("qualification");
      return presentQualification(row);
    },

    async deleteQualification(user: AuthUser, id: string): Promise<void> {
      const q = await staffingRepo.qualification(db, id);
      if (!q) throw notFound("qualification");
      await watched(
        user,
        (tx) => staffingRepo.stationsOfStaff(tx, q.userId),
        "qualification removed",
        (tx) => staffingRepo.deleteQualification(tx, id),
      );
    },

    async createShift(user: AuthUser, stationId: string, input: ShiftCreateInput): Promise<Shift> {
      await stationOr404(stationId);
      const staff = await staffMember(input.userId);
      if (!(await stationsRepo.isStaff(db, stationId, input.userId)))
        throw invalid("userId", "is not staff of this station");
      const row = await watched(
        user,
        async () => [stationId],
        "shift added",
        (tx) => staffingRepo.insertShift(tx, { ...input, stationId, createdBy: user.id }),
      );
      return presentShift(row, staff.displayName);
    },

    async updateShift(user: AuthUser, id: string, input: ShiftUpdateInput): Promise<Shift> {
      const cur = await staffingRepo.shift(db, id);
      if (!cur) throw notFound("shift");
      const next = { ...cur, ...input };
      if (next.endTime <= next.startTime) throw invalid("endTime", "must end after it starts");
      if (next.validUntil && next.validUntil < next.validFrom)
        throw invalid("validUntil", "is before validFrom");
      const row = await watched(
        user,
        async () => [cur.stationId],
        "shift changed",
        (tx) => staffingRepo.updateShift(tx, id, input),
      );
      if (!row) throw notFound("shift");
      return presentShift(row, (await usersRepo.byId(db, row.userId))?.displayName ?? "");
    },

    async deleteShift(user: AuthUser, id: string): Promise<void> {
      const cur = await staffingRepo.shift(db, id);
      if (!cur) throw notFound("shift");
      await watched(
        user,
        async () => [cur.stationId],
        "shift removed",
        (tx) => staffingRepo.deleteShift(tx, id),
      );
    },

    async createException(
      user: AuthUser,
      stationId: string,
      input: ShiftExceptionCreateInput,
    ): Promise<ShiftException> {
      await stationOr404(stationId);
      const staff = await staffMember(input.userId);
      if (!(await stationsRepo.isStaff(db, stationId, input.userId)))
        throw invalid("userId", "is not staff of this station");
      const times =
        input.kind === "extra"
          ? { startTime: input.startTime, endTime: input.endTime }
          : { startTime: null, endTime: null };
      const row = await watched(
        user,
        async () => [stationId],
        input.kind === "off" ? "staff off" : "extra hours",
        (tx) =>
          staffingRepo.insertException(tx, {
            stationId,
            userId: input.userId,
            date: input.date,
            kind: input.kind,
            ...times,
            createdBy: user.id,
          }),
      );
      return presentException(row, staff.displayName);
    },

    async deleteException(user: AuthUser, id: string): Promise<void> {
      const cur = await staffingRepo.exception(db, id);
      if (!cur) throw notFound("shift exception");
      await watched(
        user,
        async () => [cur.stationId],
        "exception removed",
        (tx) => staffingRepo.deleteException(tx, id),
      );
    },

    async putRatio(
      user: AuthUser,
      stationId: string,
      input: { serviceType: string; childrenPerStaff: number | null },
    ): Promise<StationStaffing> {
      await stationOr404(stationId);
      await watched(
        user,
        async () => [stationId],
        "ratio changed",
        (tx) => staffingRepo.setRatio(tx, stationId, input.serviceType, input.childrenPerStaff),
      );
      return staffing(stationId);
    },
  };
}
export type StaffingService = ReturnType<typeof createStaffingService>;
