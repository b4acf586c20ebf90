import type { Blackout, Bookability, ServiceType, Slot, SlotRule } from "@carecircle/shared";
import type { OnShiftStaff } from "../bookings/staffing-rules.js";
import { localParts, toOffsetIso } from "./local-time.js";
import type { BlackoutRow, SlotListing, SlotRuleRow } from "./slots.repo.js";

/** A slot DTO: times in the station's UTC offset plus station-local date and times. */
export function presentSlot(
  l: SlotListing,
  bookability?: Bookability,
  onShift?: readonly OnShiftStaff[],
): Slot {
  const s = l.slot;
  const tz = l.station.timeZone;
  const start = localParts(s.startsAt, tz);
  const end = localParts(s.endsAt, tz);
  const cancelled = s.cancelledAt !== null;
  return {
    id: s.id,
    stationId: s.stationId,
    station: l.station,
    ruleId: s.ruleId,
    serviceType: s.serviceType as ServiceType,
    startsAt: toOffsetIso(s.startsAt, tz),
    endsAt: toOffsetIso(s.endsAt, tz),
    localDate: start.date,
    localStartTime: start.time,
    localEndTime: end.time,
    capacity: s.capacity,
    confirmedCount: s.confirmedCount,
    seatsLeft: cancelled ? 0 : Math.max(0, s.capacity - s.confirmedCount),
    waitlistCount: Number(l.waitlistCount),
    cancelled,
    cancelReason: s.cancelReason,
    ...(bookability ? { bookability } : {}),
    ...(onShift ? { onShift: onShift.map((o) => ({ ...o })) } : {}),
  };
}

/** A slot rule DTO. */
export function presentRule(r: SlotRuleRow): SlotRule {
  return {
    id: r.id,
    stationId: r.stationId,
    serviceType: r.serviceType as ServiceType,
    weekdays: [...r.weekdays].sort((a, b) => a - b),
    startTime: r.startTime,
    endTime: r.endTime,
    capacity: r.capacity,
    validFrom: r.validFrom,
    validTo: r.validTo,
    weeksAhead: r.weeksAhead,
    archived: r.archivedAt !== null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A blackout date DTO. */
export function presentBlackout(b: BlackoutRow): Blackout {
  return { stationId: b.stationId, date: b.date, reason: b.reason, createdAt: b.createdAt.toISOString() };
}
