import type {
  HouseholdStatus,
  PolicyCard,
  PolicyCardCreateInput,
  PolicyCardUpdateInput,
  PolicyStatus,
} from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

export const policyKeys = {
  all: ["policies"] as const,
  list: (q: string, status: string) => ["policies", "list", q, status] as const,
  one: (id: string) => ["policies", "one", id] as const,
};

/** The library: for a caregiver the cards that fit her children first; librarians filter by status. */
export function usePolicyCards(q: string, status?: PolicyStatus | "all") {
  return useQuery({
    queryKey: policyKeys.list(q, status ?? ""),
    queryFn: () => call(ROUTES.listPolicyCards, { query: { q: q.trim() || undefined, status } }),
    select: (d) => d.cards,
  });
}

/** One card. */
export function usePolicyCard(id: string | undefined) {
  return useQuery({
    queryKey: policyKeys.one(id ?? ""),
    queryFn: () => call(ROUTES.getPolicyCard, { params: { id: id! } }),
    enabled: !!id,
    retry: false,
  });
}

/** Write a new card or change one; answers the saved card. */
export function useSavePolicyCard() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      v: { create: PolicyCardCreateInput } | { id: string; update: PolicyCardUpdateInput },
    ): Promise<PolicyCard> =>
      "create" in v
        ? call(ROUTES.createPolicyCard, { body: v.create })
        : call(ROUTES.updatePolicyCard, { params: { id: v.id }, body: v.update }),
    onSuccess: () => qc.invalidateQueries({ queryKey: policyKeys.all }),
  });
}

/** Publish, archive or withdraw a card. */
export function useSetPolicyStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; status: PolicyStatus }) =>
      call(ROUTES.setPolicyCardStatus, { params: { id: v.id }, body: { status: v.status } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: policyKeys.all }),
  });
}

/** "Ask my social worker about this card": answers the message posted in our conversation. */
export function useAskAboutPolicy() {
  return useMutation({
    mutationFn: (id: string) =>
      call(ROUTES.askAboutPolicyCard, { params: { id }, body: { clientId: crypto.randomUUID() } }),
  });
}

/** Share a card into one of my groups as a rich card. */
export function useSharePolicyCard() {
  return useMutation({
    mutationFn: (v: { cardId: string; groupId: string }) =>
      call(ROUTES.postMessage, {
        params: { id: v.groupId },
        body: { clientId: crypto.randomUUID(), card: { id: v.cardId } },
      }),
  });
}

/** Record our family's household status (matching uses it). */
export function useSetHouseholdStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { familyId: string; householdStatus: HouseholdStatus | null }) =>
      call(ROUTES.setHouseholdStatus, {
        params: { id: v.familyId },
        body: { householdStatus: v.householdStatus },
      }),
    onSuccess: () => qc.invalidateQueries(),
  });
}
