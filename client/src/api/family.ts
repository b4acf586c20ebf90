import type { DecideJoinRequestInput, Family, MyJoinRequest } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./core";

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
    queryFn: () => api<MyJoinRequest>("GET", "/api/family/join-request"),
    select: (d) => d.request,
    enabled,
  });
}

export function useCancelJoinRequest() {
  const invalidate = useInvalidateFamily();
  return useMutation({
    mutationFn: () => api("DELETE", "/api/family/join-request"),
    onSuccess: invalidate,
  });
}

/** A new invite code (the old one stops working). */
export function useNewInviteCode() {
  const invalidate = useInvalidateFamily();
  return useMutation({
    mutationFn: () => api<{ inviteCode: string }>("POST", "/api/family/invite-code"),
    onSuccess: invalidate,
  });
}

export function useDecideJoinRequest() {
  const invalidate = useInvalidateFamily();
  return useMutation({
    mutationFn: (v: { id: string } & DecideJoinRequestInput) =>
      api<Family>("POST", `/api/join-requests/${v.id}/decision`, { decision: v.decision }),
    onSuccess: invalidate,
  });
}

export function useRemoveCaregiver() {
  const invalidate = useInvalidateFamily();
  return useMutation({
    mutationFn: (v: { familyId: string; userId: string }) =>
      api<Family>("DELETE", `/api/families/${v.familyId}/caregivers/${v.userId}`),
    onSuccess: invalidate,
  });
}
