import type { Group, Message } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams } from "react-router";
import {
  chatKeys,
  setUnread,
  storeGroup,
  useGroup,
  useJoinLeave,
  useMembers,
  usePin,
  usePins,
} from "../api/chat";
import { setConversationUnread } from "../api/direct";
import { Composer } from "../components/composer";
import { errorText } from "../components/form";
import { HelpText } from "../components/help-text";
import { JoinFirst } from "../components/join-first";
import { MessageItem, MessageText, PendingItem } from "../components/message-item";
import { ModerationDialogs, useModerationActions } from "../components/moderation-dialogs";
import { clearToasts } from "../components/toasts";
import { ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { useJumpToMessage } from "../hooks/use-jump-to";
import { useNow } from "../hooks/use-now";
import { useDates } from "../i18n/dates";
import { chatStore } from "../realtime/chat-store";
import { useConnectionState, useSocketEvent } from "../realtime/hooks";
import { currentSocket } from "../realtime/socket";

function useChat(groupId: string) {
  useSyncExternalStore(chatStore.subscribe, chatStore.getVersion);
  return { chat: chatStore.group(groupId), pending: chatStore.pending(groupId) };
}

/** One group's live conversation. */
export function GroupChatPage() {
  const { id = "" } = useParams();
  const group = useGroup(id);
  const { t } = useTranslation();
  if (group.isPending) return <Loading />;
  if (group.isError) return <ErrorBox error={group.error} retry={() => void group.refetch()} />;
  if (group.data.kind === "direct") return <Navigate to={`/messages/${id}`} replace />;
  if (!group.data.isMember) return <JoinFirst group={group.data} />;
  return <ChatView key={id} group={group.data} title={group.data.name || t("groups.title")} />;
}

/** The live message view of a group or a private conversation (`kind: direct`). */
export function ChatView({ group, title }: { group: Group; title: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const d = useDates();
  const qc = useQueryClient();
  const { chat, pending } = useChat(group.id);
  const conn = useConnectionState();
  const [loadError, setLoadError] = useState<unknown>(null);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [showOnline, setShowOnline] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const logRef = useRef<HTMLElement>(null);
  const stickToBottom = useRef(true);
  const isModerator = group.myRole === "moderator";
  // A private conversation: no leaving, no group management, no sanctions (decision 075).
  const direct = group.kind === "direct";
  const members = useMembers(group.id, true);
  const pins = usePins(group.id, true);
  const pin = usePin();
  const joinLeave = useJoinLeave();
  const mod = useModerationActions(group);
  const now = useNow(30_000);

  useEffect(() => {
    chatStore.open(group.id).catch(setLoadError);
  }, [group.id]);
  useJumpToMessage(group.id, chat.loaded, stickToBottom);
  // the author's crisis help card has the screen to itself: no toast on top of it
  useEffect(() => {
    if (chat.support.length > 0) clearToasts();
  }, [chat.support.length]);

  // live: pins and group state follow the server
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

  // mark read what is shown, and keep the newest message in view
  const lastSeq = chat.messages.at(-1)?.seq ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new pending message also scrolls down
  useEffect(() => {
    const el = logRef.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
    if (!lastSeq || document.visibilityState === "hidden") return;
    const s = currentSocket();
    if (s?.connected) {
      s.emit("group:read", { groupId: group.id, seq: lastSeq });
      setUnread(qc, group.id, () => 0);
      setConversationUnread(qc, group.id, () => 0);
    }
  }, [lastSeq, pending.length, group.id, qc]);

  // a refused send because of a mute: fetch the group again to show the reason and time left
  const mutedFailure = pending.some((p) => p.status === "failed" && p.error?.code === "MUTED");
  useEffect(() => {
    if (mutedFailure) void qc.invalidateQueries({ queryKey: chatKeys.group(group.id) });
  }, [mutedFailure, group.id, qc]);

  const muted = group.mute && Date.parse(group.mute.until) > now ? group.mute : null;
  const readOnly = group.kind === "announcement" && !isModerator;
  const bySeq = new Map(chat.messages.map((m) => [m.seq, m]));
  const typingNames = Object.values(chat.typing).map((x) => x.name);
  const online = chat.presence;

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
            {t("chat.online", { count: online?.onlineCount ?? 0 })}
          </button>
          {!direct && (
            <button type="button" className="btn small" onClick={() => void leave()}>
              {t("groups.leave")}
            </button>
          )}
        </>
      }
    >
      <p className="muted small">
        {direct ? (
          <Link to="/messages">{t("direct.back")}</Link>
        ) : (
          <Link to="/groups">{t("chat.backToGroups")}</Link>
        )}
        {group.kind === "announcement" && <span className="tag warn">{t("groups.announcement")}</span>}
        {isModerator && !direct && <span className="tag">{t("chat.youModerate")}</span>}
        {direct && <span className="tag">{t("direct.privateNote")}</span>}
        {!direct && (isModerator || me.role === "admin") && (
          <>
            {" · "}
            <Link to={`/groups/${group.id}/manage`}>{t("manage.link")}</Link>
          </>
        )}
      </p>
      {showOnline && (
        <section id="online-list" className="card" aria-label={t("chat.onlineList")}>
          {online && online.online.length > 0 ? (
            <ul className="plain inline">
              {online.online.map((u) => (
                <li key={u.id}>
                  {u.displayName}
                  {u.role === "moderator" && <span className="tag">{t("chat.moderatorBadge")}</span>}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("chat.nobodyOnline")}</p>
          )}
        </section>
      )}
      {notice && (
        <p className="notice warn" role="alert">
          {notice}
        </p>
      )}
      {chat.support.map((s) => (
        <section key={s.messageId} className="notice support" aria-labelledby={`support-${s.messageId}`}>
          <h2 id={`support-${s.messageId}`}>{t("chat.supportTitle")}</h2>
          <p className="small muted">{t("chat.supportPrivate")}</p>
          <HelpText text={s.text} />
          <button
            type="button"
            className="btn small"
            onClick={() => chatStore.dismissSupport(group.id, s.messageId)}
          >
            {t("common.close")}
          </button>
        </section>
      ))}
      {(pins.data?.length ?? 0) > 0 && (
        <section className="pins" aria-labelledby="pins-h">
          <h2 id="pins-h">{t("chat.pinnedTitle")}</h2>
          <ul className="plain">
            {pins.data?.map((m) => (
              <li key={m.id} className="pin">
                <strong>{m.sender?.displayName}</strong>
                {m.body !== null ? <MessageText body={m.body} /> : <p>{t("chat.deleted")}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
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
                onReply: (x) => setReplyTo(x),
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
      <p className="typing" aria-live="polite">
        {typingNames.length > 0 ? t("chat.typing", { names: typingNames.join("、") }) : ""}
      </p>
      {conn !== "online" && pending.length > 0 && (
        <p className="notice warn" role="status">
          {t("chat.queued", { count: pending.length })}
        </p>
      )}
      {muted ? (
        <div className="notice warn" role="status" data-testid="mute-notice">
          <p>
            <strong>
              {t("chat.mutedUntil", { until: d.dateTime(muted.until), left: d.distance(muted.until) })}
            </strong>
          </p>
          <p>{t("chat.mutedReason", { reason: muted.reason })}</p>
        </div>
      ) : readOnly ? (
        <p className="notice">{t("chat.announcementOnly")}</p>
      ) : (
        <Composer
          groupId={group.id}
          members={(members.data ?? []).filter((m) => m.id !== me.id)}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
        />
      )}
      <ModerationDialogs state={mod} />
    </Page>
  );
}
