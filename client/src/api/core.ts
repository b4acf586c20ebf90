import type {
  AdminCreateUserInput,
  AdminUser,
  Child,
  ChildCreateInput,
  ChildUpdateInput,
  Family,
  Notification,
} from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "./client";

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
  return useQuery({ queryKey: keys.family, queryFn: () => api<Family>("GET", "/api/family"), enabled });
}

export function useFamilies(enabled = true) {
  return useQuery({
    queryKey: keys.families,
    queryFn: () => api<{ families: Family[] }>("GET", "/api/families"),
    select: (d) => d.families,
    enabled,
  });
}

export function useChildren(enabled = true) {
  return useQuery({
    queryKey: keys.children,
    queryFn: () => api<{ children: Child[] }>("GET", "/api/children"),
    select: (d) => d.children,
    enabled,
  });
}

export function useChild(id: string | undefined) {
  return useQuery({
    queryKey: keys.child(id ?? ""),
    queryFn: () => api<Child>("GET", `/api/children/${id}`),
    enabled: !!id,
  });
}

export function useSaveChild() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; create?: ChildCreateInput; update?: ChildUpdateInput }) =>
      v.id
        ? api<Child>("PATCH", `/api/children/${v.id}`, v.update)
        : api<Child>("POST", "/api/children", v.create),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.children }),
  });
}

export function useDeleteChild() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api("DELETE", `/api/children/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.children }),
  });
}

export interface NotificationList {
  notifications: Notification[];
  unreadCount: number;
}

export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: keys.notifications,
    queryFn: () => api<NotificationList>("GET", `/api/notifications${qs({ limit: 50 })}`),
    enabled,
  });
}

export function useMarkNotificationsRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) =>
      api<{ unreadCount: number }>("POST", "/api/notifications/read", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.notifications }),
  });
}

export function useAdminUsers(enabled = true) {
  return useQuery({
    queryKey: keys.adminUsers,
    queryFn: () => api<{ users: AdminUser[] }>("GET", "/api/admin/users"),
    select: (d) => d.users,
    enabled,
  });
}

export function useAdminCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AdminCreateUserInput) => api<AdminUser>("POST", "/api/admin/users", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.adminUsers }),
  });
}

export function useAdminSetDisabled() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; disabled: boolean }) =>
      api<AdminUser>("POST", `/api/admin/users/${v.id}/${v.disabled ? "disable" : "enable"}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.adminUsers }),
  });
}
