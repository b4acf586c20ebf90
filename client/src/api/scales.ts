import type { AdministrationStartInput, ScaleDefinition } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

export const scaleKeys = {
  scales: ["scales"] as const,
  administrations: (familyId: string) => ["scale-administrations", familyId] as const,
  administration: (id: string) => ["scale-administration", id] as const,
  results: (familyId: string) => ["scale-results", familyId] as const,
};

/** Stored scales (admins: all; social workers: the active ones). */
export function useScales(enabled = true) {
  return useQuery({
    queryKey: scaleKeys.scales,
    queryFn: () => call(ROUTES.listScales),
    select: (d) => d.scales,
    enabled,
  });
}

/** Save a definition: a new scale, or the next version of an existing one. */
export function useSaveScale() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { definition: ScaleDefinition; existing: boolean }) =>
      v.existing
        ? call(ROUTES.addScaleVersion, {
            params: { slug: v.definition.id },
            body: { definition: v.definition },
          })
        : call(ROUTES.createScale, { body: { definition: v.definition } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: scaleKeys.scales }),
  });
}

export function useSetScaleActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { slug: string; active: boolean }) =>
      call(ROUTES.setScaleActive, { params: { slug: v.slug }, body: { active: v.active } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: scaleKeys.scales }),
  });
}

/** A family's administrations (a caregiver: those sent to her). */
export function useAdministrations(familyId: string | undefined) {
  return useQuery({
    queryKey: scaleKeys.administrations(familyId ?? ""),
    queryFn: () => call(ROUTES.listAdministrations, { params: { id: familyId ?? "" } }),
    select: (d) => d.administrations,
    enabled: !!familyId,
  });
}

export function useStartAdministration(familyId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AdministrationStartInput) =>
      call(ROUTES.startAdministration, { params: { id: familyId }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: scaleKeys.administrations(familyId) }),
  });
}

/** One administration with its definition and answers. */
export function useAdministration(id: string) {
  return useQuery({
    queryKey: scaleKeys.administration(id),
    queryFn: () => call(ROUTES.getAdministration, { params: { id } }),
    // The fill page keeps its own answers: a refetch must not overwrite what she just tapped.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

/** Save one answer (the fill page's queue calls this; see use-answer-queue). */
export function putAnswer(id: string, itemId: string, answer: unknown) {
  return call(ROUTES.answerItem, { params: { id, itemId }, body: { answer: answer as never } });
}

export function useCompleteAdministration(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(ROUTES.completeAdministration, { params: { id } }),
    onSuccess: (a) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: scaleKeys.results(a.familyId) }),
        qc.invalidateQueries({ queryKey: scaleKeys.administrations(a.familyId) }),
      ]),
  });
}

/** A family's results per scale and dimension. */
export function useScaleResults(familyId: string | undefined) {
  return useQuery({
    queryKey: scaleKeys.results(familyId ?? ""),
    queryFn: () => call(ROUTES.familyScaleResults, { params: { id: familyId ?? "" } }),
    select: (d) => d.scales,
    enabled: !!familyId,
  });
}
