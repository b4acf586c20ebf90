import type {
  BookingCreateInput,
  CheckinCreateInput,
  HandoverPerson,
  SlotCreateInput,
  SlotRuleCreateInput,
  StationCreateInput,
} from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type CallInput, call } from "./call";
import type { SpecOf } from "./route-ref";
import { ROUTES } from "./routes.gen";

/** The attendance route of each roster action. */
const ATTENDANCE = {
  "check-in": ROUTES.checkInBooking,
  "check-out": ROUTES.checkOutBooking,
  "no-show": ROUTES.markNoShow,
} as const;

export const bookingKeys = {
  stations: ["stations"] as const,
  slots: (q: object) => ["slots", q] as const,
  bookings: (familyId?: string) => ["bookings", familyId ?? "mine"] as const,
  calendar: ["calendar-feed"] as const,
  checkins: (familyId?: string) => ["checkins", familyId ?? "mine"] as const,
  roster: (stationId: string, date: string) => ["roster", stationId, date] as const,
  rules: (stationId: string) => ["slot-rules", stationId] as const,
  blackouts: (stationId: string) => ["blackouts", stationId] as const,
  availability: (childId: string) => ["slots", "availability", childId] as const,
  alternatives: (bookingId: string) => ["slots", "alternatives", bookingId] as const,
};

export function useStations(enabled = true) {
  return useQuery({
    queryKey: bookingKeys.stations,
    queryFn: () => call(ROUTES.listStations),
    select: (d) => d.stations,
    enabled,
    staleTime: 60_000,
  });
}

/** What the slot search takes (the route's query). */
export type SlotSearch = NonNullable<CallInput<SpecOf<typeof ROUTES.searchSlots>>["query"]>;

export function useSlots(q: SlotSearch, enabled = true) {
  return useQuery({
    queryKey: bookingKeys.slots(q),
    queryFn: () => call(ROUTES.searchSlots, { query: q }),
    select: (d) => d.slots,
    enabled,
  });
}

/** The child's 14-day strip: per local day, sessions it can book or the main reason not. */
export function useAvailability(childId: string) {
  return useQuery({
    queryKey: bookingKeys.availability(childId),
    queryFn: () => call(ROUTES.childAvailability, { params: { id: childId }, query: {} }),
    select: (d) => d.days,
    enabled: !!childId,
  });
}

/** Book again: the nearest sessions the cancelled booking's child can book. */
export function useAlternatives(bookingId: string, enabled: boolean) {
  return useQuery({
    queryKey: bookingKeys.alternatives(bookingId),
    queryFn: () => call(ROUTES.bookingAlternatives, { params: { id: bookingId } }),
    select: (d) => d.slots,
    enabled,
  });
}

export function useBookings(familyId?: string, enabled = true) {
  return useQuery({
    queryKey: bookingKeys.bookings(familyId),
    queryFn: () => call(ROUTES.listBookings, { query: { familyId } }),
    enabled,
  });
}

/** Book (or join the waitlist); refreshes slots and bookings. */
export function useBook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: BookingCreateInput) => call(ROUTES.createBooking, { body: input }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ["slots"] });
      void qc.invalidateQueries({ queryKey: ["bookings"] });
    },
  });
}

export function useCancelBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(ROUTES.cancelBooking, { params: { id }, body: {} }),
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
    mutationFn: (id: string) => call(ROUTES.confirmBookingForFamily, { params: { id } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ["bookings"] }),
  });
}

export function useCalendarFeed(enabled = true) {
  return useQuery({
    queryKey: bookingKeys.calendar,
    queryFn: () => call(ROUTES.getCalendarFeed),
    enabled,
  });
}

export function useCalendarFeedChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (create: boolean) =>
      create ? call(ROUTES.createCalendarFeed) : call(ROUTES.revokeCalendarFeed),
    onSuccess: (d) => qc.setQueryData(bookingKeys.calendar, d),
  });
}

export function useCheckins(familyId?: string, enabled = true) {
  return useQuery({
    queryKey: bookingKeys.checkins(familyId),
    queryFn: () => call(ROUTES.listCheckins, { query: { familyId } }),
    enabled,
  });
}

export function useCreateCheckin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CheckinCreateInput) => call(ROUTES.createCheckin, { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["checkins"] }),
  });
}

/** After a high-stress check-in: hotlines and up to three respite slots to take at once. */
export function useRespiteOffer(enabled: boolean) {
  return useQuery({
    // not under "slots": booking one must not refetch the offer and unmount its "booked" answer
    queryKey: ["respite-offer"],
    queryFn: () => call(ROUTES.respiteOffer),
    enabled,
  });
}

export function useRoster(stationId: string, date: string) {
  return useQuery({
    queryKey: bookingKeys.roster(stationId, date),
    queryFn: () => call(ROUTES.getRoster, { params: { id: stationId }, query: { date } }),
    enabled: !!stationId,
  });
}

export function useAttendance() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: "check-in" | "check-out" | "no-show"; person?: HandoverPerson }) =>
      v.action === "check-in"
        ? call(ATTENDANCE["check-in"], { params: { id: v.id }, body: { broughtBy: v.person! } })
        : v.action === "check-out"
          ? call(ATTENDANCE["check-out"], { params: { id: v.id }, body: { collectedBy: v.person! } })
          : call(ATTENDANCE["no-show"], { params: { id: v.id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["roster"] }),
  });
}

export function useSlotRules(stationId: string) {
  return useQuery({
    queryKey: bookingKeys.rules(stationId),
    queryFn: () => call(ROUTES.listSlotRules, { query: { stationId } }),
    select: (d) => d.rules,
    enabled: !!stationId,
  });
}

export function useBlackouts(stationId: string) {
  return useQuery({
    queryKey: bookingKeys.blackouts(stationId),
    queryFn: () => call(ROUTES.listBlackouts, { params: { id: stationId } }),
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
      mutationFn: (input: StationCreateInput) => call(ROUTES.createStation, { body: input }),
      onSuccess: refresh,
    }),
    createSlot: useMutation({
      mutationFn: (input: SlotCreateInput) => call(ROUTES.createSlot, { body: input }),
      onSuccess: refresh,
    }),
    updateSlot: useMutation({
      mutationFn: (v: { id: string; capacity: number }) =>
        call(ROUTES.updateSlot, { params: { id: v.id }, body: { capacity: v.capacity } }),
      onSuccess: refresh,
    }),
    cancelSlot: useMutation({
      mutationFn: (v: { id: string; reason: string }) =>
        call(ROUTES.cancelSlot, { params: { id: v.id }, body: { reason: v.reason } }),
      onSuccess: refresh,
    }),
    createRule: useMutation({
      mutationFn: (input: SlotRuleCreateInput) => call(ROUTES.createSlotRule, { body: input }),
      onSuccess: refresh,
    }),
    deleteRule: useMutation({
      mutationFn: (id: string) => call(ROUTES.deleteSlotRule, { params: { id } }),
      onSuccess: refresh,
    }),
    addBlackout: useMutation({
      mutationFn: (v: { stationId: string; date: string; reason: string }) =>
        call(ROUTES.addBlackout, {
          params: { id: v.stationId },
          body: { date: v.date, reason: v.reason },
        }),
      onSuccess: refresh,
    }),
    removeBlackout: useMutation({
      mutationFn: (v: { stationId: string; date: string }) =>
        call(ROUTES.removeBlackout, { params: { id: v.stationId, date: v.date } }),
      onSuccess: refresh,
    }),
  };
}

export function useSetUrgent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { familyId: string; urgent: boolean; note?: string }) =>
      call(ROUTES.setFamilyUrgent, {
        params: { id: v.familyId },
        body: { urgent: v.urgent, ...(v.note ? { note: v.note } : {}) },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["families"] }),
  });
}
