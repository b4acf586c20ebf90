import type { Group } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { type RefObject, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { chatKeys, setUnread } from "../api/chat";
import { setConversationUnread } from "../api/direct";
import type { GroupChat, PendingMessage } from "../realtime/chat-store";
import { useSocketEvent } from "../realtime/hooks";
import { currentSocket } from "../realtime/socket";

/**
 * What keeps an open conversation in step with the server: pins and group state follow live
 * events, what is shown is marked read (and the newest message kept in view), and a send refused
 * because of a mute fetches the group again so the reason and time left show.
 */
export function useChatLive(
  group: Group,
  chat: GroupChat,
  pending: PendingMessage[],
  view: { log: RefObject<HTMLElement | null>; stickToBottom: RefObject<boolean> },
  setNotice: (s: string) => void,
) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  useSocketEvent("message:updated", (m) => {
    if (m.groupId === group.id) void qc.invalidateQueries({ queryKey: chatKeys.pins(group.id) });
  });
  useSocketEvent("message:deleted", (m) => {
    if (m.groupId === group.id) void qc.invalidateQueries({ queryKey: chatKeys.pins(group.id) });
  });
  useSocketEvent("notification:new", (n) => {
    if (n.kind === "muted" || n.kind === "removed")
      void qc.invalidateQueries({ queryKey: chatKeys.group(group.id) });
  });
  useSocketEvent("group:membership", (c) => {
    if (c.groupId !== group.id) return;
    if (c.status === "removed" || c.status === "banned")
      setNotice(t(`chat.membership.${c.status}`, { reason: c.reason ?? "" }));
    void qc.invalidateQueries({ queryKey: chatKeys.group(group.id) });
    void qc.invalidateQueries({ queryKey: ["groups"] });
  });

  const lastSeq = chat.messages.at(-1)?.seq ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new pending message also scrolls down
  useEffect(() => {
    const el = view.log.current;
    if (el && view.stickToBottom.current) el.scrollTop = el.scrollHeight;
    if (!lastSeq || document.visibilityState === "hidden") return;
    const s = currentSocket();
    if (s?.connected) {
      s.emit("group:read", { groupId: group.id, seq: lastSeq });
      setUnread(qc, group.id, () => 0);
      setConversationUnread(qc, group.id, () => 0);
    }
  }, [lastSeq, pending.length, group.id, qc]);

  const mutedFailure = pending.some((p) => p.status === "failed" && p.error?.code === "MUTED");
  useEffect(() => {
    if (mutedFailure) void qc.invalidateQueries({ queryKey: chatKeys.group(group.id) });
  }, [mutedFailure, group.id, qc]);
}
