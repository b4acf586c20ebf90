import { type ApiError, MESSAGE_LIMITS, type Message, MessageBody } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../api/client";
import { useDates } from "../i18n/dates";
import type { PendingMessage } from "../realtime/chat-store";
import { currentSocket } from "../realtime/socket";
import { errorText, validate } from "./form";

export const QUICK_REACTIONS = ["👍", "❤️", "🙏", "💪", "🤗"] as const;

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

export interface MessageActions {
  onReply(m: Message): void;
  onReport?: ((m: Message) => void) | undefined;
  onPin?: ((m: Message) => void) | undefined;
  onModDelete?: ((m: Message) => void) | undefined;
  onMute?: ((m: Message) => void) | undefined;
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
  const d = useDates();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(m.body ?? "");
  const [error, setError] = useState<string | null>(null);
  const mine = m.sender?.id === myId;
  const deleted = !!m.deletedAt;
  const editable =
    mine && !deleted && Date.now() - Date.parse(m.createdAt) < MESSAGE_LIMITS.editWindowMinutes * 60_000;
  const name = m.sender?.displayName ?? t("chat.unknownSender");

  async function emitRef(event: "message:delete" | "message:edit" | "message:react", payload: never) {
    setError(null);
    const s = currentSocket();
    if (!s?.connected) {
      setError(t("chat.needConnection"));
      return false;
    }
    try {
      const res = await (
        s.timeout(10_000).emitWithAck as (e: string, p: unknown) => Promise<{ ok: boolean; error?: never }>
      )(event, payload);
      if (!res.ok) {
        setError(errorText(new ApiRequestError(0, res.error as unknown as ApiError), t));
        return false;
      }
      return true;
    } catch {
      setError(t("chat.needConnection"));
      return false;
    }
  }

  async function saveEdit() {
    const v = validate(MessageBody, draft, t);
    if (!v.ok) return setError(v.errors._form ?? t("validation.invalid"));
    if (await emitRef("message:edit", { messageId: m.id, body: draft } as never)) setEditing(false);
  }

  return (
    <li className={mine ? "msg mine" : "msg"} id={`msg-${m.seq}`} data-seq={m.seq}>
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
      {deleted ? (
        <p className="msg-body tombstone">{t("chat.deleted")}</p>
      ) : m.body === null ? (
        <p className="msg-body tombstone">{t("chat.hidden")}</p>
      ) : editing ? (
        <div className="field">
          <label htmlFor={`edit-${m.id}`}>{t("chat.editLabel")}</label>
          <textarea
            id={`edit-${m.id}`}
            value={draft}
            rows={3}
            maxLength={MESSAGE_LIMITS.bodyMax}
            onChange={(e) => setDraft(e.target.value)}
          />
          <div className="row">
            <button type="button" className="btn primary small" onClick={() => void saveEdit()}>
              {t("common.save")}
            </button>
            <button type="button" className="btn small" onClick={() => setEditing(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <>
          {m.hidden && <p className="tag warn">{t("chat.hiddenForMembers")}</p>}
          <MessageText body={m.body} />
        </>
      )}
      {m.editedAt && !deleted && <p className="muted small">{t("chat.edited")}</p>}
      {m.followedUp && !deleted && <p className="followed-up small">{t("chat.followedUp")}</p>}
      {!deleted && m.reactions.length > 0 && (
        <ul className="reactions" aria-label={t("chat.reactions")}>
          {m.reactions.map((r) => {
            const minePressed = r.userIds.includes(myId);
            return (
              <li key={r.emoji}>
                <button
                  type="button"
                  className={minePressed ? "reaction on" : "reaction"}
                  aria-pressed={minePressed}
                  disabled={!canReact}
                  aria-label={t("chat.reactionLabel", { emoji: r.emoji, count: r.count })}
                  onClick={() => void emitRef("message:react", { messageId: m.id, emoji: r.emoji } as never)}
                >
                  {r.emoji} {r.count}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {!deleted && (
        <div className="msg-actions">
          <button
            type="button"
            className="btn small link"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? t("chat.lessActions") : t("chat.moreActions", { name })}
          </button>
          {open && (
            <div className="row wrap">
              <button type="button" className="btn small" onClick={() => actions.onReply(m)}>
                {t("chat.reply")}
              </button>
              {canReact &&
                QUICK_REACTIONS.map((e) => (
                  <button
                    key={e}
                    type="button"
                    className="btn small"
                    aria-label={t("chat.reactWith", { emoji: e })}
                    onClick={() => void emitRef("message:react", { messageId: m.id, emoji: e } as never)}
                  >
                    {e}
                  </button>
                ))}
              {editable && (
                <button
                  type="button"
                  className="btn small"
                  onClick={() => {
                    setDraft(m.body ?? "");
                    setEditing(true);
                    setOpen(false);
                  }}
                >
                  {t("chat.edit")}
                </button>
              )}
              {mine && (
                <button
                  type="button"
                  className="btn small danger"
                  onClick={() => {
                    if (window.confirm(t("chat.confirmDelete")))
                      void emitRef("message:delete", { messageId: m.id } as never);
                  }}
                >
                  {t("chat.delete")}
                </button>
              )}
              {!mine && actions.onReport && (
                <button type="button" className="btn small" onClick={() => actions.onReport?.(m)}>
                  {t("chat.report")}
                </button>
              )}
              {actions.onPin && (
                <button type="button" className="btn small" onClick={() => actions.onPin?.(m)}>
                  {m.pinnedAt ? t("chat.unpin") : t("chat.pin")}
                </button>
              )}
              {!mine && actions.onModDelete && (
                <button type="button" className="btn small danger" onClick={() => actions.onModDelete?.(m)}>
                  {t("mod.deleteMessage")}
                </button>
              )}
              {!mine && actions.onMute && m.sender && (
                <button type="button" className="btn small" onClick={() => actions.onMute?.(m)}>
                  {t("mod.sanctionMember", { name })}
                </button>
              )}
            </div>
          )}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
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
