import type {
  Blackout,
  Booking,
  BookingCreateInput,
  CalendarFeed,
  Checkin,
  CheckinCreated,
  CheckinCreateInput,
  FamilyBookingStats,
  RespiteOffer,
  Roster,
  ServiceType,
  Slot,
  SlotCreateInput,
  SlotRule,
  SlotRuleCreateInput,
  SlotRuleResult,
  Station,
  StationCreateInput,
  StressTrend,
} from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "./client";

export const bookingKeys = {
  stations: ["stations"] as const,
  slots: (q: object) => ["slots", q] as const,
  bookings: (familyId?: string) => ["bookings", familyId ?? "mine"] as const,
  calendar: ["calendar-feed"] as const,
  checkins: (familyId?: string) => ["checkins", familyId ?? "mine"] as const,
  roster: (stationId: string, date: string) => ["roster", stationId, date] as const,
  rules: (stationId: string) => ["slot-rules", stationId] as const,
  blackouts: (stationId: string) => ["blackouts", stationId] as const,
};

export function useStations(enabled = true) {
  return useQuery({
    queryKey: bookingKeys.stations,
    queryFn: () => api<{ stations: Station[] }>("GET", "/api/stations"),
    select: (d) => d.stations,
    enabled,
    staleTime: 60_000,
  });
}

export interface SlotSearch {
  from: string;
  to: string;
  stationId?: string | undefined;
  serviceType?: ServiceType | undefined;
  childId?: string | undefined;
}

export function useSlots(q: SlotSearch, enabled = true) {
  return useQuery({
    queryKey: bookingKeys.slots(q),
    queryFn: () => api<{ slots: Slot[] }>("GET", `/api/slots${qs({ ...q })}`),
    select: (d) => d.slots,
    enabled,
  });
}

export function useBookings(familyId?: string, enabled = true) {
  return useQuery({
    queryKey: bookingKeys.bookings(familyId),
    queryFn: () =>
      api<{ bookings: Booking[]; stats: FamilyBookingStats }>("GET", `/api/bookings${qs({ familyId })}`),
    enabled,
  });
}

/** Book (or join the waitlist); refreshes slots and bookings. */
export function useBook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: BookingCreateInput) => api<{ booking: Booking }>("POST", "/api/bookings", input),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ["slots"] });
      void qc.invalidateQueries({ queryKey: ["bookings"] });
    },
  });
}

export function useCancelBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ booking: Booking }>("POST", `/api/bookings/${id}/cancel`, {}),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ["slots"] });
      void qc.invalidateQueries({ queryKey: ["bookings"] });
    },
  });
}

/** A caregiver confirms a booking station staff made for the family (decision 088). */
export function useConfirmBookingForFamily() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ booking: Booking }>("POST", `/api/bookings/${id}/family-confirm`),
    onSettled: () => void qc.invalidateQueries({ queryKey: ["bookings"] }),
  });
}

export function useCalendarFeed(enabled = true) {
  return useQuery({
    queryKey: bookingKeys.calendar,
    queryFn: () => api<CalendarFeed>("GET", "/api/calendar-feed"),
    enabled,
  });
}

export function useCalendarFeedChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (create: boolean) => api<CalendarFeed>(create ? "POST" : "DELETE", "/api/calendar-feed"),
    onSuccess: (d) => qc.setQueryData(bookingKeys.calendar, d),
  });
}

export function useCheckins(familyId?: string, enabled = true) {
  return useQuery({
    queryKey: bookingKeys.checkins(familyId),
    queryFn: () =>
      api<{ checkins: Checkin[]; trend: StressTrend }>("GET", `/api/checkins${qs({ familyId })}`),
    enabled,
  });
}

export function useCreateCheckin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CheckinCreateInput) => api<CheckinCreated>("POST", "/api/checkins", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["checkins"] }),
  });
}

/** After a high-stress check-in: hotlines and up to three respite slots to take at once. */
export function useRespiteOffer(enabled: boolean) {
  return useQuery({
    // not under "slots": booking one must not refetch the offer and unmount its "booked" answer
    queryKey: ["respite-offer"],
    queryFn: () => api<RespiteOffer>("GET", "/api/checkins/respite-offer"),
    enabled,
  });
}

export function useRoster(stationId: string, date: string) {
  return useQuery({
    queryKey: bookingKeys.roster(stationId, date),
    queryFn: () => api<Roster>("GET", `/api/stations/${stationId}/roster${qs({ date })}`),
    enabled: !!stationId,
  });
}

export function useAttendance() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: "check-in" | "check-out" | "no-show" }) =>
      api<{ booking: Booking }>("POST", `/api/bookings/${v.id}/${v.action}`),
    onSettled: () => qc.invalidateQueries({ queryKey: ["roster"] }),
  });
}

export function useSlotRules(stationId: string) {
  return useQuery({
    queryKey: bookingKeys.rules(stationId),
    queryFn: () => api<{ rules: SlotRule[] }>("GET", `/api/slot-rules${qs({ stationId })}`),
    select: (d) => d.rules,
    enabled: !!stationId,
  });
}

export function useBlackouts(stationId: string) {
  return useQuery({
    queryKey: bookingKeys.blackouts(stationId),
    queryFn: () => api<{ blackouts: Blackout[] }>("GET", `/api/stations/${stationId}/blackouts`),
    select: (d) => d.blackouts,
    enabled: !!stationId,
  });
}

/** Every station/slot management call; each refreshes what it may have changed. */
export function useStationAdmin() {
  const qc = useQueryClient();
  const refresh = () => {
    for (const k of ["slots", "slot-rules", "blackouts", "stations", "roster"])
      void qc.invalidateQueries({ queryKey: [k] });
  };
  return {
    createStation: useMutation({
      mutationFn: (input: StationCreateInput) => api<Station>("POST", "/api/stations", input),
      onSuccess: refresh,
    }),
    createSlot: useMutation({
      mutationFn: (input: SlotCreateInput) => api<Slot>("POST", "/api/slots", input),
      onSuccess: refresh,
    }),
    updateSlot: useMutation({
      mutationFn: (v: { id: string; capacity: number }) =>
        api<Slot>("PATCH", `/api/slots/${v.id}`, { capacity: v.capacity }),
      onSuccess: refresh,
    }),
    cancelSlot: useMutation({
      mutationFn: (v: { id: string; reason: string }) =>
        api<Slot>("POST", `/api/slots/${v.id}/cancel`, { reason: v.reason }),
      onSuccess: refresh,
    }),
    createRule: useMutation({
      mutationFn: (input: SlotRuleCreateInput) => api<SlotRuleResult>("POST", "/api/slot-rules", input),
      onSuccess: refresh,
    }),
    deleteRule: useMutation({
      mutationFn: (id: string) => api<SlotRuleResult>("DELETE", `/api/slot-rules/${id}`),
      onSuccess: refresh,
    }),
    addBlackout: useMutation({
      mutationFn: (v: { stationId: string; date: string; reason: string }) =>
        api("POST", `/api/stations/${v.stationId}/blackouts`, { date: v.date, reason: v.reason }),
      onSuccess: refresh,
    }),
    removeBlackout: useMutation({
      mutationFn: (v: { stationId: string; date: string }) =>
        api("DELETE", `/api/stations/${v.stationId}/blackouts/${v.date}`),
      onSuccess: refresh,
    }),
  };
}

export function useSetUrgent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { familyId: string; urgent: boolean; note?: string }) =>
      api("PUT", `/api/families/${v.familyId}/urgent`, {
        urgent: v.urgent,
        ...(v.note ? { note: v.note } : {}),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["families"] }),
  });
}
