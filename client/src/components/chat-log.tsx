import type { Group, Message } from "@carecircle/shared";
import type { RefObject } from "react";
import { useTranslation } from "react-i18next";
import { usePin } from "../api/chat";
import { useMe } from "../hooks/use-auth";
import { chatStore, type GroupChat, type PendingMessage } from "../realtime/chat-store";
import { MessageItem, PendingItem } from "./message-item";
import type { useModerationActions } from "./moderation-dialogs";
import { ErrorBox, Loading } from "./ui";

/**
 * The scrollable message log of a conversation: older pages on demand, every message with the
 * actions the caller may take, then the caller's own messages still being sent.
 */
export function ChatLog({
  group,
  chat,
  pending,
  loadError,
  logRef,
  stickToBottom,
  mod,
  onReply,
}: {
  group: Group;
  chat: GroupChat;
  pending: PendingMessage[];
  loadError: unknown;
  logRef: RefObject<HTMLElement | null>;
  stickToBottom: RefObject<boolean>;
  mod: ReturnType<typeof useModerationActions>;
  onReply(m: Message): void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const pin = usePin();
  const isModerator = group.myRole === "moderator";
  const direct = group.kind === "direct";
  const bySeq = new Map(chat.messages.map((m) => [m.seq, m]));
  return (
    <>
      {loadError ? <ErrorBox error={loadError} /> : null}
      <section
        className="chat-log"
        ref={logRef}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
        aria-label={t("chat.messagesLabel")}
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
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
        <ol className="messages" aria-live="polite" aria-relevant="additions">
          {chat.messages.map((m) => (
            <MessageItem
              key={m.id}
              m={m}
              myId={me.id}
              quoted={m.replyToSeq ? bySeq.get(m.replyToSeq) : undefined}
              canReact
              actions={{
                onReply,
                onReport: mod.canReport ? mod.report : undefined,
                onPin: isModerator ? (x) => pin.mutate({ messageId: x.id, pin: !x.pinnedAt }) : undefined,
                onModDelete: isModerator ? mod.deleteMessage : undefined,
                onMute: isModerator && !direct ? mod.sanction : undefined,
              }}
            />
          ))}
          {pending.map((p) => (
            <PendingItem
              key={p.clientId}
              p={p}
              name={me.displayName}
              onRetry={() => chatStore.retry(p.clientId)}
              onDiscard={() => chatStore.discard(p.clientId)}
            />
          ))}
        </ol>
      </section>
    </>
  );
}
