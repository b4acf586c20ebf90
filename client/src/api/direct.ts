import type { Conversation, OpenConversationInput } from "@carecircle/shared";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

export const directKeys = {
  conversations: ["conversations"] as const,
  contacts: (familyId: string) => ["families", familyId, "contacts"] as const,
};

/** My private conversations (caregiver: with our social workers; social worker: with my families). */
export function useConversations(enabled = true) {
  return useQuery({
    queryKey: directKeys.conversations,
    queryFn: () => call(ROUTES.listConversations),
    select: (d) => d.conversations,
    enabled,
  });
}

/** Open (create or get) a conversation; answers it. */
export function useOpenConversation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OpenConversationInput) => call(ROUTES.openConversation, { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: directKeys.conversations }),
  });
}

/** A family's phone numbers; only fetched when asked (each read is audited on the server). */
export function useFamilyContacts(familyId: string, enabled: boolean) {
  return useQuery({
    queryKey: directKeys.contacts(familyId),
    queryFn: () => call(ROUTES.familyContacts, { params: { id: familyId } }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Set a conversation's unread count in the cached list (live messages, read marks). */
export function setConversationUnread(qc: QueryClient, groupId: string, f: (n: number) => number) {
  qc.setQueryData<{ conversations: Conversation[] }>(directKeys.conversations, (d) =>
    d
      ? {
          conversations: d.conversations.map((c) =>
            c.id === groupId ? { ...c, unreadCount: f(c.unreadCount) } : c,
          ),
        }
      : d,
  );
}

/** How one side names the other: a caregiver sees the social worker, a social worker the family. */
export function conversationTitle(
  c: Conversation,
  role: string,
  t: (k: string, o?: Record<string, unknown>) => string,
): string {
  if (role === "caregiver") return t("direct.withSw", { name: c.socialWorker?.displayName ?? "—" });
  return t("direct.withFamily", { names: c.caregivers.map((x) => x.displayName).join("、") || "—" });
}
