import type { DisabilityType, ServiceType, Station } from "@carecircle/shared";
import type { StationRow } from "./stations.repo.js";

/** row (+ its staff) -> Station DTO. */
export function presentStation(s: StationRow, staff: { id: string; displayName: string }[]): Station {
  return {
    id: s.id,
    name: s.name,
    district: s.district,
    address: s.address,
    phone: s.phone,
    timeZone: s.timeZone,
    openingHours: s.openingHours as Station["openingHours"],
    mapQuery: s.mapQuery,
    disabilityTypes: s.disabilityTypes as DisabilityType[],
    serviceTypes: s.serviceTypes as ServiceType[],
    bookingWindowDays: s.bookingWindowDays,
    cancelCutoffHours: s.cancelCutoffHours,
    maxBookingsPerWeek: s.maxBookingsPerWeek,
    maxHoursPerMonth: s.maxHoursPerMonth,
    promotionGraceMinutes: s.promotionGraceMinutes,
    reminderHour: s.reminderHour,
    staff,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
