import type { Qualification, Shift, ShiftException } from "@carecircle/shared";
import type { ExceptionRow, QualificationRow, ShiftRow } from "./staffing.repo.js";

/** A qualification DTO. */
export function presentQualification(q: QualificationRow): Qualification {
  return {
    id: q.id,
    userId: q.userId,
    needCode: q.needCode,
    expiresOn: q.expiresOn,
    enteredBy: q.enteredBy,
    updatedAt: q.updatedAt.toISOString(),
  };
}

/** A weekly shift DTO. */
export function presentShift(s: ShiftRow, displayName: string): Shift {
  return {
    id: s.id,
    stationId: s.stationId,
    userId: s.userId,
    displayName,
    weekday: s.weekday,
    startTime: s.startTime,
    endTime: s.endTime,
    validFrom: s.validFrom,
    validUntil: s.validUntil,
  };
}

/** A shift exception DTO. */
export function presentException(x: ExceptionRow, displayName: string): ShiftException {
  return {
    id: x.id,
    stationId: x.stationId,
    userId: x.userId,
    displayName,
    date: x.date,
    kind: x.kind,
    startTime: x.startTime,
    endTime: x.endTime,
  };
}
