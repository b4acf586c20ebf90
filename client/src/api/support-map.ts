import type { SupportTieCreateInput, SupportTieUpdateInput } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

export const supportMapKeys = {
  map: (familyId: string) => ["support-map", familyId] as const,
  snapshots: (familyId: string) => ["support-map-snapshots", familyId] as const,
};

/** A family's support map now (platform and recorded ties). */
export function useSupportMap(familyId: string) {
  return useQuery({
    queryKey: supportMapKeys.map(familyId),
    queryFn: () => call(ROUTES.getSupportMap, { params: { id: familyId } }),
    select: (d) => d.map,
  });
}

/** The map's snapshots, oldest first. */
export function useSupportSnapshots(familyId: string) {
  return useQuery({
    queryKey: supportMapKeys.snapshots(familyId),
    queryFn: () => call(ROUTES.listSupportMapSnapshots, { params: { id: familyId } }),
    select: (d) => d.snapshots,
  });
}

function useRefresh(familyId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: supportMapKeys.map(familyId) });
}

/** Record a tie the platform cannot see. */
export function useAddTie(familyId: string) {
  const refresh = useRefresh(familyId);
  return useMutation({
    mutationFn: (body: SupportTieCreateInput) =>
      call(ROUTES.addSupportTie, { params: { id: familyId }, body }),
    onSuccess: refresh,
  });
}

/** Change a recorded tie. */
export function useUpdateTie(familyId: string) {
  const refresh = useRefresh(familyId);
  return useMutation({
    mutationFn: (v: { tieId: string; body: SupportTieUpdateInput }) =>
      call(ROUTES.updateSupportTie, { params: { id: familyId, tieId: v.tieId }, body: v.body }),
    onSuccess: refresh,
  });
}

/** Remove a recorded tie. */
export function useDeleteTie(familyId: string) {
  const refresh = useRefresh(familyId);
  return useMutation({
    mutationFn: (tieId: string) => call(ROUTES.deleteSupportTie, { params: { id: familyId, tieId } }),
    onSuccess: refresh,
  });
}

/** Save the map as it is now. */
export function useSaveSnapshot(familyId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(ROUTES.saveSupportMapSnapshot, { params: { id: familyId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: supportMapKeys.snapshots(familyId) }),
  });
}
