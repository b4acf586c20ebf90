import type { Group, Message } from "@carecircle/shared";
import { type RefObject, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NetworkError } from "../api/client";
import { useMe } from "../hooks/use-auth";
import { markFirstScreenDrawn } from "../idle";
import { chatStore, type GroupChat, type PendingMessage } from "../realtime/chat-store";
import { Messages } from "./chat-rows";
import { timelineMarks } from "./chat-timeline";
import type { useModerationActions } from "./moderation-dialogs";
import { ErrorBox, Loading } from "./ui";

interface ChatLogProps {
  group: Group;
  chat: GroupChat;
  pending: PendingMessage[];
  loadError: unknown;
  /** The caller's last-read seq when the chat was opened: the "new messages" divider goes after it. */
  lastReadSeq: number;
  logRef: RefObject<HTMLElement | null>;
  stickToBottom: RefObject<boolean>;
  mod: ReturnType<typeof useModerationActions>;
  onReply(m: Message): void;
}

/**
 * The one scrolling area of a conversation: older pages on demand, time separators between
 * bursts, a divider where the caller stopped reading, every message with the actions the caller
 * may take, the caller's own messages still being sent, and a jump-to-latest button.
 */
export function ChatLog(props: ChatLogProps) {
  const { group, chat, pending, loadError, logRef, stickToBottom } = props;
  const { t } = useTranslation();
  const me = useMe();
  const lastSeq = chat.messages.at(-1)?.seq ?? 0;
  const [atBottom, setAtBottom] = useState(true);
  const [seenSeq, setSeenSeq] = useState(props.lastReadSeq);
  const marks = timelineMarks(chat.messages, {
    lastReadSeq: props.lastReadSeq,
    myId: me.id,
    hasOlder: chat.hasOlder,
  });
  useOpenAtDivider(chat.loaded, logRef, stickToBottom, setAtBottom);
  useEffect(() => {
    if (chat.loaded) markFirstScreenDrawn();
  }, [chat.loaded]);
  // runs after useOpenAtDivider, which stops following the newest message when it shows the divider
  // biome-ignore lint/correctness/useExhaustiveDependencies: reaching the bottom also counts as seen
  useEffect(() => {
    if (chat.loaded && stickToBottom.current) setSeenSeq(lastSeq);
  }, [chat.loaded, atBottom, lastSeq, stickToBottom]);
  const newCount = chat.messages.filter((m) => m.seq > seenSeq && m.sender?.id !== me.id).length;

  return (
    <div className="chat-log-wrap">
      {/* Offline, the banner above already says so: say what it means here, calmly, not in red. */}
      {loadError instanceof NetworkError ? (
        <p className="notice">{t("chat.historyOffline")}</p>
      ) : loadError ? (
        <ErrorBox error={loadError} />
      ) : null}
      <section
        className="chat-log"
        ref={logRef}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
        aria-label={t("chat.messagesLabel")}
        onScroll={(e) => {
          const el = e.currentTarget;
          const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
          stickToBottom.current = bottom;
          if (bottom !== atBottom) setAtBottom(bottom);
        }}
      >
        {chat.hasOlder && (
          <button
            type="button"
            className="btn small older"
            onClick={() => void chatStore.loadOlder(group.id)}
          >
            {t("chat.loadOlder")}
          </button>
        )}
        {!chat.loaded && !loadError && <Loading />}
        {chat.loaded && chat.messages.length === 0 && pending.length === 0 && (
          <p className="empty">{t("chat.empty")}</p>
        )}
        <Messages
          group={group}
          messages={chat.messages}
          pending={pending}
          marks={marks}
          logRef={logRef}
          stickToBottom={stickToBottom}
          mod={props.mod}
          onReply={props.onReply}
        />
      </section>
      {!atBottom && (
        <button
          type="button"
          className="jump-latest"
          onClick={() => {
            const el = logRef.current;
            if (el) el.scrollTop = el.scrollHeight;
            stickToBottom.current = true;
            setAtBottom(true);
          }}
        >
          {newCount > 0 ? t("chat.newBelow", { count: newCount }) : t("chat.jumpLatest")}
        </button>
      )}
    </div>
  );
}

/** On opening, show the divider (when there is one) instead of the newest message. */
function useOpenAtDivider(
  loaded: boolean,
  logRef: RefObject<HTMLElement | null>,
  stickToBottom: RefObject<boolean>,
  setAtBottom: (b: boolean) => void,
) {
  const done = useRef(false);
  useEffect(() => {
    if (!loaded || done.current) return;
    done.current = true;
    const divider = logRef.current?.querySelector(".unread-divider");
    if (!divider) return;
    stickToBottom.current = false;
    divider.scrollIntoView({ block: "start" });
    setAtBottom(false);
  }, [loaded, logRef, stickToBottom, setAtBottom]);
}
