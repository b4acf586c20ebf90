import type { ChildCareNeedsPutInput } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

const typesKey = ["care-need-types"] as const;
const childKey = (childId: string) => ["child-care-needs", childId] as const;

/** The managed list of care needs. */
export function useCareNeedTypes() {
  return useQuery({
    queryKey: typesKey,
    queryFn: () => call(ROUTES.listCareNeedTypes),
    select: (d) => d.types,
    staleTime: 5 * 60_000,
  });
}

/** A child's care needs with their instructions. */
export function useChildCareNeeds(childId: string) {
  return useQuery({
    queryKey: childKey(childId),
    queryFn: () => call(ROUTES.getChildCareNeeds, { params: { childId } }),
    select: (d) => d.needs,
  });
}

/** Replace a child's care needs. */
export function useSaveChildCareNeeds(childId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ChildCareNeedsPutInput) =>
      call(ROUTES.putChildCareNeeds, { params: { childId }, body }),
    onSuccess: (d) => qc.setQueryData(childKey(childId), d),
  });
}

const staffingKey = (stationId: string) => ["station-staffing", stationId] as const;

/** A station's staff with qualifications, weekly shifts, upcoming exceptions and ratios. */
export function useStationStaffing(stationId: string) {
  return useQuery({
    queryKey: staffingKey(stationId),
    queryFn: () => call(ROUTES.getStationStaffing, { params: { id: stationId } }),
  });
}

/** Staffing changes of one station: each refreshes the station's staffing afterwards. */
export function useStaffingChange<T>(stationId: string, run: (input: T) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => qc.invalidateQueries({ queryKey: staffingKey(stationId) }),
  });
}

/** The bookings a staffing change left uncovered (decision 139). */
export function useCoverageAlert(id: string) {
  return useQuery({
    queryKey: ["coverage-alert", id],
    queryFn: () => call(ROUTES.getCoverageAlert, { params: { id } }),
  });
}
