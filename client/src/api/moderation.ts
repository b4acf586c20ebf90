import type {
  AuditEntry,
  Ban,
  CrisisAlert,
  CrisisHelp,
  CrisisHelpUpdateInput,
  Dashboard,
  DutyHours,
  DutyShift,
  ModeratedMemberPage,
  Mute,
  QueueItem,
  ReportCreateInput,
  ResolveInput,
  WatchedWord,
  WatchedWordCreateInput,
  WatchedWordTestResult,
  WatchedWordUpdateInput,
} from "@carecircle/shared";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "./client";

export const modKeys = {
  queue: ["moderation", "queue"] as const,
  alerts: (status: string) => ["moderation", "alerts", status] as const,
  words: ["moderation", "words"] as const,
  audit: ["moderation", "audit"] as const,
  dashboard: ["moderation", "dashboard"] as const,
  crisisHelp: ["moderation", "crisis-help"] as const,
  dutyHours: ["duty-hours", "me"] as const,
  mutes: (groupId: string) => ["moderation", "mutes", groupId] as const,
  bans: (groupId: string) => ["moderation", "bans", groupId] as const,
};

/** The help text (hotlines) shown privately to the author of crisis talk, per locale. */
export function useCrisisHelp() {
  return useQuery({
    queryKey: modKeys.crisisHelp,
    queryFn: () => api<CrisisHelp>("GET", "/api/moderation/crisis-help"),
  });
}

/** Admins only: set the help text of one or both locales. */
export function useSetCrisisHelp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CrisisHelpUpdateInput) =>
      api<CrisisHelp>("PUT", "/api/moderation/crisis-help", input),
    onSuccess: (data) => qc.setQueryData(modKeys.crisisHelp, data),
  });
}

/** Active mutes of a group (its moderators and admins). */
export function useMutes(groupId: string, enabled = true) {
  return useQuery({
    queryKey: modKeys.mutes(groupId),
    queryFn: () => api<{ mutes: Mute[] }>("GET", `/api/groups/${groupId}/mutes`),
    select: (d) => d.mutes,
    enabled,
  });
}

/** Bans of a group (its moderators and admins). */
export function useBans(groupId: string, enabled = true) {
  return useQuery({
    queryKey: modKeys.bans(groupId),
    queryFn: () => api<{ bans: Ban[] }>("GET", `/api/groups/${groupId}/bans`),
    select: (d) => d.bans,
    enabled,
  });
}

/** A page of a group's members for its moderators, searched by display name. */
export function useModeratedMembers(groupId: string, q: string, offset: number) {
  return useQuery({
    queryKey: ["moderation", "members", groupId, q, offset],
    queryFn: () =>
      api<ModeratedMemberPage>(
        "GET",
        `/api/groups/${groupId}/moderation/members${qs({ q: q || undefined, offset, limit: MEMBERS_PER_PAGE })}`,
      ),
    placeholderData: (prev) => prev,
  });
}

/** Members shown per page of the moderators' member list. */
export const MEMBERS_PER_PAGE = 20;

export function useQueue() {
  return useQuery({
    queryKey: modKeys.queue,
    queryFn: () => api<{ items: QueueItem[] }>("GET", "/api/moderation/queue"),
    select: (d) => d.items,
  });
}

export function useAlerts(status: "open" | "acknowledged" | "all" = "open", enabled = true) {
  return useQuery({
    queryKey: modKeys.alerts(status),
    queryFn: () => api<{ alerts: CrisisAlert[] }>("GET", `/api/moderation/alerts${qs({ status })}`),
    select: (d) => d.alerts,
    enabled,
  });
}

export function useWatchedWords() {
  return useQuery({
    queryKey: modKeys.words,
    queryFn: () => api<{ words: WatchedWord[] }>("GET", "/api/moderation/watched-words"),
    select: (d) => d.words,
  });
}

export function useDashboard(enabled = true) {
  return useQuery({
    queryKey: modKeys.dashboard,
    queryFn: () => api<Dashboard>("GET", "/api/moderation/dashboard"),
    enabled,
  });
}

export function useAudit() {
  return useInfiniteQuery({
    queryKey: modKeys.audit,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api<{ entries: AuditEntry[]; hasMore: boolean }>(
        "GET",
        `/api/moderation/audit${qs({ before: pageParam, limit: 50 })}`,
      ),
    getNextPageParam: (last) => (last.hasMore ? last.entries.at(-1)?.id : undefined),
  });
}

/** Every moderation action; each refreshes the moderation views. */
export function useModeration() {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: ["moderation"] });
  return {
    report: useMutation({
      mutationFn: (v: { messageId: string; input: ReportCreateInput }) =>
        api("POST", `/api/messages/${v.messageId}/reports`, v.input),
    }),
    resolve: useMutation({
      mutationFn: (v: { messageId: string; input: ResolveInput }) =>
        api("POST", `/api/moderation/messages/${v.messageId}/resolve`, v.input),
      onSuccess: refresh,
    }),
    deleteMessage: useMutation({
      mutationFn: (v: { messageId: string; reason: string }) =>
        api("POST", `/api/moderation/messages/${v.messageId}/delete`, { reason: v.reason }),
      onSuccess: refresh,
    }),
    mute: useMutation({
      mutationFn: (v: { groupId: string; userId: string; minutes: number; reason: string }) =>
        api("POST", `/api/groups/${v.groupId}/mutes`, {
          userId: v.userId,
          minutes: v.minutes,
          reason: v.reason,
        }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (v: { groupId: string; userId: string; reason: string }) =>
        api("POST", `/api/groups/${v.groupId}/members/${v.userId}/remove`, { reason: v.reason }),
      onSuccess: refresh,
    }),
    ban: useMutation({
      mutationFn: (v: { groupId: string; userId: string; reason: string }) =>
        api("POST", `/api/groups/${v.groupId}/bans`, { userId: v.userId, reason: v.reason }),
      onSuccess: refresh,
    }),
    liftMute: useMutation({
      mutationFn: (v: { groupId: string; userId: string; reason?: string }) =>
        api("POST", `/api/groups/${v.groupId}/mutes/${v.userId}/lift`, v.reason ? { reason: v.reason } : {}),
      onSuccess: refresh,
    }),
    liftBan: useMutation({
      mutationFn: (v: { groupId: string; userId: string; reason?: string }) =>
        api("POST", `/api/groups/${v.groupId}/bans/${v.userId}/lift`, v.reason ? { reason: v.reason } : {}),
      onSuccess: refresh,
    }),
    claim: useMutation({
      mutationFn: (v: { alertId: string; takeOver?: boolean }) =>
        api<{ alert: CrisisAlert }>("POST", `/api/moderation/alerts/${v.alertId}/claim`, {
          takeOver: v.takeOver ?? false,
        }),
      onSuccess: refresh,
    }),
    acknowledge: useMutation({
      mutationFn: (v: { alertId: string; note: string }) =>
        api("POST", `/api/moderation/alerts/${v.alertId}/acknowledge`, { note: v.note }),
      onSuccess: refresh,
    }),
    addWord: useMutation({
      mutationFn: (input: WatchedWordCreateInput) =>
        api<WatchedWord>("POST", "/api/moderation/watched-words", input),
      onSuccess: refresh,
    }),
    updateWord: useMutation({
      mutationFn: (v: { id: string; input: WatchedWordUpdateInput }) =>
        api<WatchedWord>("PATCH", `/api/moderation/watched-words/${v.id}`, v.input),
      onSuccess: refresh,
    }),
    deleteWord: useMutation({
      mutationFn: (id: string) => api("DELETE", `/api/moderation/watched-words/${id}`),
      onSuccess: refresh,
    }),
    testText: useMutation({
      mutationFn: (text: string) =>
        api<WatchedWordTestResult>("POST", "/api/moderation/watched-words/test", { text }),
    }),
  };
}

/** My weekly on-duty hours (social workers). */
export function useDutyHours(enabled = true) {
  return useQuery({
    queryKey: modKeys.dutyHours,
    queryFn: () => api<DutyHours>("GET", "/api/me/duty-hours"),
    enabled,
  });
}

/** Replace my weekly on-duty hours. */
export function useSetDutyHours() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (shifts: DutyShift[]) => api<DutyHours>("PUT", "/api/me/duty-hours", { shifts }),
    onSuccess: (data) => qc.setQueryData(modKeys.dutyHours, data),
  });
}
