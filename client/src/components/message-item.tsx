import { MESSAGE_LIMITS, type Message, MessageBody } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../api/client";
import { useMessageEmit } from "../hooks/use-message-emit";
import { useDates } from "../i18n/dates";
import type { PendingMessage } from "../realtime/chat-store";
import { errorText, validate } from "./form";
import { MessageEditor } from "./message-editor";
import { type MessageActions, MessageMenu } from "./message-menu";
import { MessageReactions } from "./message-reactions";

/** Message text with @mentions highlighted. Always rendered as text, never as HTML. */
export function MessageText({ body }: { body: string }) {
  const parts = body.split(/(@[^\s@]{1,40})/g);
  return (
    <p className="msg-body">
      {parts.map((p, i) =>
        p.startsWith("@") ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
          <span key={i} className="mention">
            {p}
          </span>
        ) : (
          p
        ),
      )}
    </p>
  );
}

/** One message with its reply quote, reactions and the actions the viewer may take. */
export function MessageItem({
  m,
  myId,
  quoted,
  canReact,
  actions,
}: {
  m: Message;
  myId: string;
  quoted?: Message | undefined;
  canReact: boolean;
  actions: MessageActions;
}) {
  const { t } = useTranslation();
  const { emit, error, setError } = useMessageEmit();
  const [editing, setEditing] = useState(false);
  const mine = m.sender?.id === myId;
  const deleted = !!m.deletedAt;
  const editable =
    mine && !deleted && Date.now() - Date.parse(m.createdAt) < MESSAGE_LIMITS.editWindowMinutes * 60_000;
  const name = m.sender?.displayName ?? t("chat.unknownSender");
  const react = (emoji: string) => void emit("message:react", { messageId: m.id, emoji } as never);

  async function saveEdit(draft: string) {
    const v = validate(MessageBody, draft, t);
    if (!v.ok) return setError(v.errors._form ?? t("validation.invalid"));
    if (await emit("message:edit", { messageId: m.id, body: draft } as never)) setEditing(false);
  }

  function onDelete() {
    if (window.confirm(t("chat.confirmDelete"))) void emit("message:delete", { messageId: m.id } as never);
  }

  return (
    <li className={mine ? "msg mine" : "msg"} id={`msg-${m.seq}`} data-seq={m.seq}>
      <MessageHead m={m} name={name} quoted={quoted} />
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
      {m.editedAt && !deleted && <p className="muted small">{t("chat.edited")}</p>}
      {m.followedUp && !deleted && <p className="followed-up small">{t("chat.followedUp")}</p>}
      {!deleted && (
        <MessageReactions reactions={m.reactions} myId={myId} canReact={canReact} onReact={react} />
      )}
      {!deleted && (
        <MessageMenu
          m={m}
          name={name}
          mine={mine}
          editable={editable}
          canReact={canReact}
          actions={actions}
          own={{ onReact: react, onEdit: () => setEditing(true), onDelete }}
        />
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** Sender, badges, time and the quoted message this one replies to. */
function MessageHead({ m, name, quoted }: { m: Message; name: string; quoted?: Message | undefined }) {
  const { t } = useTranslation();
  const d = useDates();
  return (
    <>
      <div className="msg-head">
        <strong>{name}</strong>
        {m.sender?.role === "moderator" && <span className="tag">{t("chat.moderatorBadge")}</span>}
        <time className="muted small" dateTime={m.createdAt}>
          {d.dateTime(m.createdAt)}
        </time>
        {m.pinnedAt && <span className="tag warn">{t("chat.pinned")}</span>}
      </div>
      {quoted && (
        <blockquote className="quote">
          <span className="small muted">{t("chat.replyTo", { name: quoted.sender?.displayName ?? "" })}</span>
          <span className="quote-text">{quoted.body ?? t("chat.deleted")}</span>
        </blockquote>
      )}
    </>
  );
}

/** The text, or why there is none: deleted, or hidden from this viewer. */
function MessageBodyText({ m }: { m: Message }) {
  const { t } = useTranslation();
  if (m.deletedAt) return <p className="msg-body tombstone">{t("chat.deleted")}</p>;
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
  name,
  onRetry,
  onDiscard,
}: {
  p: PendingMessage;
  name: string;
  onRetry(): void;
  onDiscard(): void;
}) {
  const { t } = useTranslation();
  return (
    <li className="msg mine pending" data-client-id={p.clientId}>
      <div className="msg-head">
        <strong>{name}</strong>
        <span className={p.status === "failed" ? "tag danger" : "tag warn"}>
          {p.status === "failed" ? t("chat.failed") : t("chat.waiting")}
        </span>
      </div>
      <MessageText body={p.body} />
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
    </li>
  );
}
