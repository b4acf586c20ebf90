import { type Group, type GroupTopic, LIMITS } from "@carecircle/shared";
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

export const chatKeys = {
  groups: (topic?: string) => (topic ? (["groups", { topic }] as const) : (["groups"] as const)),
  group: (id: string) => ["group", id] as const,
  members: (id: string) => ["group", id, "members"] as const,
  pins: (id: string) => ["group", id, "pins"] as const,
};

/** Groups I may see: suggested first (the server orders them), with unread counts. */
export function useGroups(topic?: GroupTopic | "", enabled = true) {
  return useQuery({
    queryKey: chatKeys.groups(topic || undefined),
    queryFn: () => call(ROUTES.listGroups, { query: { topic: topic || undefined } }),
    select: (d) => d.groups,
    enabled,
  });
}

/** How one group, its members and its pins are fetched (the hooks below and `prefetchGroupChat`). */
const groupQueries = {
  group: (id: string) => ({
    queryKey: chatKeys.group(id),
    queryFn: () => call(ROUTES.getGroup, { params: { id } }),
  }),
  members: (id: string) => ({
    queryKey: chatKeys.members(id),
    queryFn: () => call(ROUTES.listMembers, { params: { id } }),
  }),
  pins: (id: string) => ({
    queryKey: chatKeys.pins(id),
    queryFn: () => call(ROUTES.listPins, { params: { id } }),
  }),
};

/** Start everything a group's chat page shows at once, before its code has arrived (see warm-start.ts). */
export function prefetchGroupChat(qc: QueryClient, id: string): void {
  for (const q of [groupQueries.group(id), groupQueries.members(id), groupQueries.pins(id)])
    void qc.prefetchQuery<unknown>(q);
}

export function useGroup(id: string) {
  return useQuery(groupQueries.group(id));
}

export function useMembers(id: string, enabled: boolean) {
  return useQuery({ ...groupQueries.members(id), select: (d) => d.members, enabled });
}

export function usePins(id: string, enabled: boolean) {
  return useQuery({ ...groupQueries.pins(id), select: (d) => d.messages, enabled });
}

/** Put a fresh group object everywhere it is cached. */
export function storeGroup(qc: QueryClient, g: Group) {
  qc.setQueryData(chatKeys.group(g.id), g);
  void qc.invalidateQueries({ queryKey: ["groups"] });
}

export function useJoinLeave() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; join: boolean }) =>
      call(v.join ? ROUTES.joinGroup : ROUTES.leaveGroup, { params: { id: v.id } }),
    onSuccess: (g) => storeGroup(qc, g),
  });
}

export function usePin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { messageId: string; pin: boolean }) =>
      call(v.pin ? ROUTES.pinMessage : ROUTES.unpinMessage, { params: { id: v.messageId } }),
    onSuccess: (r) => qc.invalidateQueries({ queryKey: chatKeys.pins(r.message.groupId) }),
  });
}

/** Set a group's unread count in every cached group list. */
export function setUnread(qc: QueryClient, groupId: string, f: (n: number) => number) {
  qc.setQueriesData<{ groups: Group[] }>({ queryKey: ["groups"] }, (d) =>
    d ? { groups: d.groups.map((g) => (g.id === groupId ? { ...g, unreadCount: f(g.unreadCount) } : g)) } : d,
  );
}

/** How many members read each of these announcements (the group's moderators only), refreshed every 30 s. */
export function useReadCounts(id: string, seqs: number[], enabled: boolean) {
  const list = seqs.slice(-LIMITS.readCountSeqsMax).join(",");
  return useQuery({
    queryKey: ["group", id, "read-counts", list] as const,
    queryFn: () => call(ROUTES.readCounts, { params: { id }, query: { seqs: list } }),
    enabled: enabled && list.length > 0,
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });
}
