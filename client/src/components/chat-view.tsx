import type { Group, Message } from "@carecircle/shared";
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import { useMembers, usePins } from "../api/chat";
import { useMe } from "../hooks/use-auth";
import { useChatLive } from "../hooks/use-chat-live";
import { useJumpToMessage } from "../hooks/use-jump-to";
import { useReadNewAloud } from "../hooks/use-read-new-aloud";
import { chatStore } from "../realtime/chat-store";
import { useConnectionState } from "../realtime/hooks";
import { ChatBack, ChatMore, ReadNewToggle, useLeave } from "./chat-header";
import { ChatLog } from "./chat-log";
import { ChatFooter, ChatSubtitle, OnlineList, PinnedMessages, SupportCards } from "./chat-panels";
import { ModerationDialogs, useModerationActions } from "./moderation-dialogs";
import { clearToasts } from "./toasts";
import { Page } from "./ui";

function useChat(groupId: string) {
  useSyncExternalStore(chatStore.subscribe, chatStore.getVersion);
  return { chat: chatStore.group(groupId), pending: chatStore.pending(groupId) };
}

/** The live message view of a group or a private conversation (`kind: direct`). */
export function ChatView({ group, title }: { group: Group; title: string }) {
  const me = useMe();
  const { chat, pending } = useChat(group.id);
  const conn = useConnectionState();
  const [loadError, setLoadError] = useState<unknown>(null);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [showOnline, setShowOnline] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const logRef = useRef<HTMLElement>(null);
  const stickToBottom = useRef(true);
  useChatFrame();
  // A private conversation: no leaving, no group management, no sanctions (decision 075).
  const direct = group.kind === "direct";
  const members = useMembers(group.id, true);
  const pins = usePins(group.id, true);
  const mod = useModerationActions(group);
  // where the divider goes: what was read before this visit (reading now moves the mark on)
  const [lastReadSeq] = useState(group.lastReadSeq);
  const care = !!me.careMode;
  const aloud = useReadNewAloud(chat.messages, me.id, chat.loaded && care);

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

  const leave = useLeave(group, setNotice);

  return (
    <Page
      title={title}
      className="chat-page"
      lead={<ChatBack direct={direct} />}
      actions={
        <>
          {care && <ReadNewToggle on={aloud.on} onToggle={aloud.toggle} />}
          <ChatMore
            groupId={group.id}
            direct={direct}
            onlineCount={chat.presence?.onlineCount ?? 0}
            onlineOpen={showOnline}
            onToggleOnline={() => setShowOnline((x) => !x)}
            onLeave={direct ? undefined : () => void leave()}
          />
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
        lastReadSeq={lastReadSeq}
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

/**
 * While a chat is open the whole frame becomes one screen with the log as its only scroller
 * (chat-layout.css). A class on <html>, set once, rather than `.app:has(.chat-page)`: that
 * selector made every message the chat added restyle the whole page (a long task on a phone).
 */
function useChatFrame(): void {
  useLayoutEffect(() => {
    document.documentElement.classList.add("chat-open");
    return () => document.documentElement.classList.remove("chat-open");
  }, []);
}
