import type { AdminCreateUserInput, ChildCreateInput, ChildUpdateInput } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

/** Query keys used across the app (one place, so invalidation is consistent). */
export const keys = {
  me: ["me"] as const,
  family: ["family"] as const,
  families: ["families"] as const,
  children: ["children"] as const,
  child: (id: string) => ["children", id] as const,
  notifications: ["notifications"] as const,
  adminUsers: ["admin", "users"] as const,
};

export function useFamily(enabled = true) {
  return useQuery({ queryKey: keys.family, queryFn: () => call(ROUTES.getMyFamily), enabled });
}

export function useFamilies(enabled = true) {
  return useQuery({
    queryKey: keys.families,
    queryFn: () => call(ROUTES.listFamilies),
    select: (d) => d.families,
    enabled,
  });
}

export function useChildren(enabled = true) {
  return useQuery({
    queryKey: keys.children,
    queryFn: () => call(ROUTES.listChildren),
    select: (d) => d.children,
    enabled,
  });
}

export function useChild(id: string | undefined) {
  return useQuery({
    queryKey: keys.child(id ?? ""),
    queryFn: () => call(ROUTES.getChild, { params: { id: id ?? "" } }),
    enabled: !!id,
  });
}

export function useSaveChild() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; update: ChildUpdateInput } | { create: ChildCreateInput }) =>
      "id" in v
        ? call(ROUTES.updateChild, { params: { id: v.id }, body: v.update })
        : call(ROUTES.createChild, { body: v.create }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.children }),
  });
}

export function useDeleteChild() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(ROUTES.deleteChild, { params: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.children }),
  });
}

export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: keys.notifications,
    queryFn: () => call(ROUTES.listNotifications, { query: { limit: 50 } }),
    enabled,
  });
}

export function useMarkNotificationsRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => call(ROUTES.markNotificationsRead, { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.notifications }),
  });
}

export function useAdminUsers(enabled = true) {
  return useQuery({
    queryKey: keys.adminUsers,
    queryFn: () => call(ROUTES.adminListUsers),
    select: (d) => d.users,
    enabled,
  });
}

export function useAdminCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AdminCreateUserInput) => call(ROUTES.adminCreateUser, { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.adminUsers }),
  });
}

export function useAdminSetDisabled() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; disabled: boolean }) =>
      call(v.disabled ? ROUTES.adminDisableUser : ROUTES.adminEnableUser, { params: { id: v.id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.adminUsers }),
  });
}
