import type { DecideJoinRequestInput } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { keys } from "./core";
import { ROUTES } from "./routes.gen";

const myRequestKey = ["family", "join-request"] as const;

/** Everything that changes when someone joins or leaves a family. */
export function useInvalidateFamily() {
  const qc = useQueryClient();
  return () =>
    Promise.all(
      [keys.family, keys.families, keys.me, keys.children, myRequestKey].map((queryKey) =>
        qc.invalidateQueries({ queryKey }),
      ),
    );
}

/** The caregiver's own request to join a family, if one is waiting. */
export function useMyJoinRequest(enabled = true) {
  return useQuery({
    queryKey: myRequestKey,
    queryFn: () => call(ROUTES.myJoinRequest),
    select: (d) => d.request,
    enabled,
  });
}

export function useCancelJoinRequest() {
  const invalidate = useInvalidateFamily();
  return useMutation({
    mutationFn: () => call(ROUTES.cancelJoinRequest),
    onSuccess: invalidate,
  });
}

/** A new invite code (the old one stops working). */
export function useNewInviteCode() {
  const invalidate = useInvalidateFamily();
  return useMutation({
    mutationFn: () => call(ROUTES.newInviteCode),
    onSuccess: invalidate,
  });
}

export function useDecideJoinRequest() {
  const invalidate = useInvalidateFamily();
  return useMutation({
    mutationFn: (v: { id: string } & DecideJoinRequestInput) =>
      call(ROUTES.decideJoinRequest, { params: { id: v.id }, body: { decision: v.decision } }),
    onSuccess: invalidate,
  });
}

export function useRemoveCaregiver() {
  const invalidate = useInvalidateFamily();
  return useMutation({
    mutationFn: (v: { familyId: string; userId: string }) =>
      call(ROUTES.removeCaregiver, { params: { id: v.familyId, userId: v.userId } }),
    onSuccess: invalidate,
  });
}
