import type { AttendanceMark, CarePlanInput, IncidentCreateInput } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

export const stationDayKeys = {
  incidents: (q: object) => ["incidents", q] as const,
  incident: (id: string) => ["incident", id] as const,
  counts: ["incident-counts"] as const,
  carePlans: (childId: string) => ["care-plans", childId] as const,
};

/** Undo a check-in, pick-up or no-show (within 10 minutes). */
export function useUndoAttendance() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; mark: AttendanceMark }) =>
      call(ROUTES.undoAttendance, { params: { id: v.id }, body: { mark: v.mark } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["roster"] }),
  });
}

/** Incidents the caller may see, optionally of one child or station. */
export function useIncidents(q: { childId?: string; stationId?: string } = {}, enabled = true) {
  return useQuery({
    queryKey: stationDayKeys.incidents(q),
    queryFn: () => call(ROUTES.listIncidents, { query: q }),
    select: (d) => d.incidents,
    enabled,
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: stationDayKeys.incident(id),
    queryFn: () => call(ROUTES.getIncident, { params: { id } }),
    select: (d) => d.incident,
  });
}

export function useIncidentCounts(enabled = true) {
  return useQuery({
    queryKey: stationDayKeys.counts,
    queryFn: () => call(ROUTES.incidentCounts),
    select: (d) => d.stations,
    enabled,
  });
}

function useInvalidateIncidents() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ["incidents"] });
    void qc.invalidateQueries({ queryKey: ["incident"] });
    void qc.invalidateQueries({ queryKey: stationDayKeys.counts });
  };
}

export function useFileIncident() {
  const done = useInvalidateIncidents();
  return useMutation({
    mutationFn: (v: { bookingId: string; body: IncidentCreateInput }) =>
      call(ROUTES.fileIncident, { params: { id: v.bookingId }, body: v.body }),
    onSuccess: done,
  });
}

export function useAcknowledgeIncident() {
  const done = useInvalidateIncidents();
  return useMutation({
    mutationFn: (id: string) => call(ROUTES.acknowledgeIncident, { params: { id } }),
    onSuccess: done,
  });
}

export function useAddAddendum() {
  const done = useInvalidateIncidents();
  return useMutation({
    mutationFn: (v: { id: string; body: string }) =>
      call(ROUTES.addIncidentAddendum, { params: { id: v.id }, body: { body: v.body } }),
    onSuccess: done,
  });
}

export function useCarePlans(childId: string, enabled = true) {
  return useQuery({
    queryKey: stationDayKeys.carePlans(childId),
    queryFn: () => call(ROUTES.listCarePlans, { params: { id: childId } }),
    select: (d) => d.carePlans,
    enabled: enabled && !!childId,
  });
}

export function useSaveCarePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { childId: string; stationId: string; body: CarePlanInput }) =>
      call(ROUTES.saveCarePlan, { params: { id: v.childId, stationId: v.stationId }, body: v.body }),
    onSuccess: (_d, v) => void qc.invalidateQueries({ queryKey: stationDayKeys.carePlans(v.childId) }),
  });
}

export function useConfirmCarePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(ROUTES.confirmCarePlan, { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["care-plans"] }),
  });
}
