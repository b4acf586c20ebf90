import type { Group, Message } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { storeGroup, useJoinLeave, useMembers, usePins } from "../api/chat";
import { useMe } from "../hooks/use-auth";
import { useChatLive } from "../hooks/use-chat-live";
import { useJumpToMessage } from "../hooks/use-jump-to";
import { chatStore } from "../realtime/chat-store";
import { useConnectionState } from "../realtime/hooks";
import { ChatLog } from "./chat-log";
import { ChatFooter, ChatSubtitle, OnlineList, PinnedMessages, SupportCards } from "./chat-panels";
import { errorText } from "./form";
import { ModerationDialogs, useModerationActions } from "./moderation-dialogs";
import { SearchLink } from "./search-link";
import { clearToasts } from "./toasts";
import { Page } from "./ui";

function useChat(groupId: string) {
  useSyncExternalStore(chatStore.subscribe, chatStore.getVersion);
  return { chat: chatStore.group(groupId), pending: chatStore.pending(groupId) };
}

/** The live message view of a group or a private conversation (`kind: direct`). */
export function ChatView({ group, title }: { group: Group; title: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const { chat, pending } = useChat(group.id);
  const conn = useConnectionState();
  const [loadError, setLoadError] = useState<unknown>(null);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [showOnline, setShowOnline] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const logRef = useRef<HTMLElement>(null);
  const stickToBottom = useRef(true);
  // A private conversation: no leaving, no group management, no sanctions (decision 075).
  const direct = group.kind === "direct";
  const members = useMembers(group.id, true);
  const pins = usePins(group.id, true);
  const joinLeave = useJoinLeave();
  const mod = useModerationActions(group);

  useEffect(() => {
    const load = () => {
      setLoadError(null);
      chatStore.open(group.id).catch(setLoadError);
    };
    load();
    // opened with no network: load the history as soon as the network is back
    const retry = () => {
      if (!chatStore.group(group.id).loaded) load();
    };
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [group.id]);
  useJumpToMessage(group.id, chat.loaded, stickToBottom);
  // the author's crisis help card has the screen to itself: no toast on top of it
  useEffect(() => {
    if (chat.support.length > 0) clearToasts();
  }, [chat.support.length]);
  useChatLive(group, chat, pending, { log: logRef, stickToBottom }, setNotice);

  async function leave() {
    if (!window.confirm(t("groups.confirmLeave", { name: group.name }))) return;
    try {
      storeGroup(qc, await joinLeave.mutateAsync({ id: group.id, join: false }));
    } catch (err) {
      setNotice(errorText(err, t));
    }
  }

  return (
    <Page
      title={title}
      actions={
        <>
          <button
            type="button"
            className="btn small"
            aria-expanded={showOnline}
            aria-controls="online-list"
            onClick={() => setShowOnline((x) => !x)}
          >
            {t("chat.online", { count: chat.presence?.onlineCount ?? 0 })}
          </button>
          <SearchLink groupId={group.id} />
          {!direct && (
            <button type="button" className="btn small" onClick={() => void leave()}>
              {t("groups.leave")}
            </button>
          )}
        </>
      }
    >
      <ChatSubtitle group={group} canManage={group.myRole === "moderator" || me.role === "admin"} />
      {showOnline && <OnlineList online={chat.presence} />}
      {notice && (
        <p className="notice warn" role="alert">
          {notice}
        </p>
      )}
      <SupportCards groupId={group.id} support={chat.support} />
      <PinnedMessages pins={pins.data} />
      <ChatLog
        group={group}
        chat={chat}
        pending={pending}
        loadError={loadError}
        logRef={logRef}
        stickToBottom={stickToBottom}
        mod={mod}
        onReply={setReplyTo}
      />
      <ChatFooter
        group={group}
        typingNames={Object.values(chat.typing).map((x) => x.name)}
        queued={conn !== "online" ? pending.length : 0}
        members={(members.data ?? []).filter((m) => m.id !== me.id)}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(null)}
      />
      <ModerationDialogs state={mod} />
    </Page>
  );
}
