import type {
  CrisisHelpUpdateInput,
  DutyShift,
  ReportCreateInput,
  ResolveInput,
  WatchedWordCreateInput,
  WatchedWordUpdateInput,
} from "@carecircle/shared";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

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
    queryFn: () => call(ROUTES.getCrisisHelp),
  });
}

/** Admins only: set the help text of one or both locales. */
export function useSetCrisisHelp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CrisisHelpUpdateInput) => call(ROUTES.setCrisisHelp, { body: input }),
    onSuccess: (data) => qc.setQueryData(modKeys.crisisHelp, data),
  });
}

/** Active mutes of a group (its moderators and admins). */
export function useMutes(groupId: string, enabled = true) {
  return useQuery({
    queryKey: modKeys.mutes(groupId),
    queryFn: () => call(ROUTES.listMutes, { params: { id: groupId } }),
    select: (d) => d.mutes,
    enabled,
  });
}

/** Bans of a group (its moderators and admins). */
export function useBans(groupId: string, enabled = true) {
  return useQuery({
    queryKey: modKeys.bans(groupId),
    queryFn: () => call(ROUTES.listBans, { params: { id: groupId } }),
    select: (d) => d.bans,
    enabled,
  });
}

/** A page of a group's members for its moderators, searched by display name. */
export function useModeratedMembers(groupId: string, q: string, offset: number) {
  return useQuery({
    queryKey: ["moderation", "members", groupId, q, offset],
    queryFn: () =>
      call(ROUTES.listModeratedMembers, {
        params: { id: groupId },
        query: { q: q || undefined, offset, limit: MEMBERS_PER_PAGE },
      }),
    placeholderData: (prev) => prev,
  });
}

/** Members shown per page of the moderators' member list. */
export const MEMBERS_PER_PAGE = 20;

export function useQueue() {
  return useQuery({
    queryKey: modKeys.queue,
    queryFn: () => call(ROUTES.moderationQueue),
    select: (d) => d.items,
  });
}

export function useAlerts(status: "open" | "acknowledged" | "all" = "open", enabled = true) {
  return useQuery({
    queryKey: modKeys.alerts(status),
    queryFn: () => call(ROUTES.listAlerts, { query: { status } }),
    select: (d) => d.alerts,
    enabled,
  });
}

export function useWatchedWords() {
  return useQuery({
    queryKey: modKeys.words,
    queryFn: () => call(ROUTES.listWatchedWords),
    select: (d) => d.words,
  });
}

export function useDashboard(enabled = true) {
  return useQuery({
    queryKey: modKeys.dashboard,
    queryFn: () => call(ROUTES.moderationDashboard),
    enabled,
  });
}

export function useAudit() {
  return useInfiniteQuery({
    queryKey: modKeys.audit,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => call(ROUTES.auditLog, { query: { before: pageParam, limit: 50 } }),
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
        call(ROUTES.reportMessage, { params: { id: v.messageId }, body: v.input }),
    }),
    resolve: useMutation({
      mutationFn: (v: { messageId: string; input: ResolveInput }) =>
        call(ROUTES.resolveReports, { params: { id: v.messageId }, body: v.input }),
      onSuccess: refresh,
    }),
    deleteMessage: useMutation({
      mutationFn: (v: { messageId: string; reason: string }) =>
        call(ROUTES.moderatorDeleteMessage, { params: { id: v.messageId }, body: { reason: v.reason } }),
      onSuccess: refresh,
    }),
    mute: useMutation({
      mutationFn: (v: { groupId: string; userId: string; minutes: number; reason: string }) =>
        call(ROUTES.muteMember, {
          params: { id: v.groupId },
          body: { userId: v.userId, minutes: v.minutes, reason: v.reason },
        }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (v: { groupId: string; userId: string; reason: string }) =>
        call(ROUTES.removeMember, {
          params: { id: v.groupId, userId: v.userId },
          body: { reason: v.reason },
        }),
      onSuccess: refresh,
    }),
    ban: useMutation({
      mutationFn: (v: { groupId: string; userId: string; reason: string }) =>
        call(ROUTES.banMember, { params: { id: v.groupId }, body: { userId: v.userId, reason: v.reason } }),
      onSuccess: refresh,
    }),
    liftMute: useMutation({
      mutationFn: (v: { groupId: string; userId: string; reason?: string }) =>
        call(ROUTES.unmuteMember, {
          params: { id: v.groupId, userId: v.userId },
          body: v.reason ? { reason: v.reason } : {},
        }),
      onSuccess: refresh,
    }),
    liftBan: useMutation({
      mutationFn: (v: { groupId: string; userId: string; reason?: string }) =>
        call(ROUTES.unbanMember, {
          params: { id: v.groupId, userId: v.userId },
          body: v.reason ? { reason: v.reason } : {},
        }),
      onSuccess: refresh,
    }),
    claim: useMutation({
      mutationFn: (v: { alertId: string; takeOver?: boolean }) =>
        call(ROUTES.claimAlert, { params: { id: v.alertId }, body: { takeOver: v.takeOver ?? false } }),
      onSuccess: refresh,
    }),
    acknowledge: useMutation({
      mutationFn: (v: { alertId: string; note: string }) =>
        call(ROUTES.acknowledgeAlert, { params: { id: v.alertId }, body: { note: v.note } }),
      onSuccess: refresh,
    }),
    addWord: useMutation({
      mutationFn: (input: WatchedWordCreateInput) => call(ROUTES.createWatchedWord, { body: input }),
      onSuccess: refresh,
    }),
    updateWord: useMutation({
      mutationFn: (v: { id: string; input: WatchedWordUpdateInput }) =>
        call(ROUTES.updateWatchedWord, { params: { id: v.id }, body: v.input }),
      onSuccess: refresh,
    }),
    deleteWord: useMutation({
      mutationFn: (id: string) => call(ROUTES.deleteWatchedWord, { params: { id } }),
      onSuccess: refresh,
    }),
    testText: useMutation({
      mutationFn: (text: string) => call(ROUTES.testWatchedWords, { body: { text } }),
    }),
  };
}

/** My weekly on-duty hours (social workers). */
export function useDutyHours(enabled = true) {
  return useQuery({
    queryKey: modKeys.dutyHours,
    queryFn: () => call(ROUTES.getMyDutyHours),
    enabled,
  });
}

/** Replace my weekly on-duty hours. */
export function useSetDutyHours() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (shifts: DutyShift[]) => call(ROUTES.setMyDutyHours, { body: { shifts } }),
    onSuccess: (data) => qc.setQueryData(modKeys.dutyHours, data),
  });
}
