import { MESSAGE_LIMITS, type Message } from "@carecircle/shared";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../api/client";
import { useMessageEmit } from "../hooks/use-message-emit";
import type { PendingMessage } from "../realtime/chat-store";
import { ChatAvatar } from "./chat-avatar";
import { MessageText } from "./chat-text";
import { errorText, validate } from "./form";
import { loadChatSchemas } from "./lazy-schemas";
import { MessageCard } from "./message-card";
import { MessageEditor } from "./message-editor";
import { MessageMedia, mediaLabel } from "./message-media";
import { MenuToggle, type MessageActions, MessageMenu, useLongPress } from "./message-menu";
import { MessageReactions } from "./message-reactions";

export { MessageText } from "./chat-text";

/** How a message is shown in its conversation. */
export interface MessageView {
  myId: string;
  /** A group (names above others' messages) rather than a private conversation. */
  showNames: boolean;
  canReact: boolean;
  /** Under an announcement, for its moderators: how many members have read it. */
  readCount?: { read: number; of: number } | undefined;
}

/**
 * One message the WeChat way: mine on the right in my colour, others on the left with their
 * avatar and (in groups) their name; the actions behind a ⋯ button or a long press.
 */
export function MessageItem({
  m,
  quoted,
  view,
  actions,
}: {
  m: Message;
  quoted?: Message | undefined;
  view: MessageView;
  actions: MessageActions;
}) {
  const { t } = useTranslation();
  const { emit, error, setError } = useMessageEmit();
  const [editing, setEditing] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const longPress = useLongPress(() => setMenuOpen(true));
  const mine = m.sender?.id === view.myId;
  const deleted = !!m.deletedAt;
  const editable =
    mine &&
    !deleted &&
    m.body !== null &&
    Date.now() - Date.parse(m.createdAt) < MESSAGE_LIMITS.editWindowMinutes * 60_000;
  const name = m.sender?.displayName ?? t("chat.unknownSender");
  const react = (emoji: string) => void emit("message:react", { messageId: m.id, emoji } as never);
  const menuId = `menu-${m.id}`;

  async function saveEdit(draft: string) {
    const { MessageBody } = await loadChatSchemas();
    const v = validate(MessageBody, draft, t);
    if (!v.ok) return setError(v.errors._form ?? t("validation.invalid"));
    if (await emit("message:edit", { messageId: m.id, body: draft } as never)) setEditing(false);
  }

  function onDelete() {
    if (window.confirm(t("chat.confirmDelete"))) void emit("message:delete", { messageId: m.id } as never);
  }

  return (
    <MessageRow m={m} mine={mine} name={name} showName={view.showNames}>
      <div className="msg-line">
        <div className="msg bubble" {...(deleted ? {} : longPress)}>
          {quoted && <Quote quoted={quoted} />}
          <MessageMedia m={m} mine={mine} />
          <MessageCard m={m} />
          {editing && !deleted && m.body !== null ? (
            <MessageEditor
              messageId={m.id}
              initial={m.body}
              onSave={(draft) => void saveEdit(draft)}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <MessageBodyText m={m} />
          )}
          <MessageTags m={m} />
        </div>
        {!deleted && (
          <MenuToggle name={name} open={menuOpen} controls={menuId} onToggle={() => setMenuOpen((o) => !o)} />
        )}
      </div>
      {!deleted && (
        <MessageReactions reactions={m.reactions} myId={view.myId} canReact={view.canReact} onReact={react} />
      )}
      {view.readCount && (
        <p className="read-count small">
          {t("chat.readCount", { read: view.readCount.read, of: view.readCount.of })}
        </p>
      )}
      {menuOpen && !deleted && (
        <MessageMenu
          id={menuId}
          m={m}
          name={name}
          mine={mine}
          editable={editable}
          canReact={view.canReact}
          actions={actions}
          own={{ onReact: react, onEdit: () => setEditing(true), onDelete }}
          onClose={() => setMenuOpen(false)}
        />
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </MessageRow>
  );
}

/** The row: avatar and name for others' messages, the time kept for screen readers and hover. */
function MessageRow({
  m,
  mine,
  name,
  showName,
  children,
}: {
  m: Message;
  mine: boolean;
  name: string;
  showName: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <li className={mine ? "msg-row mine" : "msg-row theirs"} id={`msg-${m.seq}`} data-seq={m.seq}>
      {!mine && <ChatAvatar userId={m.sender?.id ?? null} name={name} />}
      <div className="msg-col">
        <p className={showName && !mine ? "msg-name" : "sr-only"}>
          {mine ? t("chat.me") : name}
          {m.sender?.role === "moderator" && <span className="tag">{t("chat.moderatorBadge")}</span>}
          <time className="sr-only" dateTime={m.createdAt}>
            {new Date(m.createdAt).toLocaleString()}
          </time>
        </p>
        {children}
      </div>
    </li>
  );
}

function Quote({ quoted }: { quoted: Message }) {
  const { t } = useTranslation();
  return (
    <blockquote className="quote">
      <span className="small muted">{t("chat.replyTo", { name: quoted.sender?.displayName ?? "" })}</span>
      <span className="quote-text">
        {quoted.body ?? (quoted.media && !quoted.deletedAt ? mediaLabel(quoted.media, t) : t("chat.deleted"))}
      </span>
    </blockquote>
  );
}

/** Small notes inside the bubble: edited, pinned, followed up by a social worker. */
function MessageTags({ m }: { m: Message }) {
  const { t } = useTranslation();
  if (m.deletedAt) return null;
  return (
    <>
      {m.pinnedAt && <span className="tag warn">{t("chat.pinned")}</span>}
      {m.editedAt && <span className="muted small">{t("chat.edited")}</span>}
      {m.followedUp && <p className="followed-up small">{t("chat.followedUp")}</p>}
    </>
  );
}

/** The text, or why there is none: deleted, or hidden from this viewer. */
function MessageBodyText({ m }: { m: Message }) {
  const { t } = useTranslation();
  if (m.deletedAt) return <p className="msg-body tombstone">{t("chat.deleted")}</p>;
  if (m.body === null && (m.media || m.card)) return null;
  if (m.body === null) return <p className="msg-body tombstone">{t("chat.hidden")}</p>;
  return (
    <>
      {m.hidden && <p className="tag warn">{t("chat.hiddenForMembers")}</p>}
      <MessageText body={m.body} />
    </>
  );
}

/** A message still on its way (or refused), shown where it will appear. */
export function PendingItem({
  p,
  onRetry,
  onDiscard,
}: {
  p: PendingMessage;
  onRetry(): void;
  onDiscard(): void;
}) {
  const { t } = useTranslation();
  return (
    <li className="msg-row mine pending" data-client-id={p.clientId}>
      <div className="msg-col">
        <div className="msg bubble">
          {p.media && <p className="pending-media">{mediaLabel(p.media, t)}</p>}
          {p.body && <MessageText body={p.body} />}
          <span className={p.status === "failed" ? "tag danger" : "tag warn"}>
            {p.status === "failed" ? t("chat.failed") : t("chat.waiting")}
          </span>
        </div>
        {p.status === "failed" && (
          <>
            <p className="field-error" role="alert">
              {p.error ? errorText(new ApiRequestError(0, p.error), t) : t("errors.INTERNAL")}
            </p>
            <div className="row">
              <button type="button" className="btn small" onClick={onRetry}>
                {t("chat.retry")}
              </button>
              <button type="button" className="btn small danger" onClick={onDiscard}>
                {t("chat.discard")}
              </button>
            </div>
          </>
        )}
      </div>
    </li>
  );
}
