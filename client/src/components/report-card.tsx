import {
  type AuthorHistory,
  type Message,
  type QueueItem,
  RESOLVE_ACTIONS,
  Reason,
  type ResolveAction,
} from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useModeration } from "../api/moderation";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";
import { errorText, FormMessage, SelectField, TextArea, validate } from "./form";
import { MessageFamilyButton } from "./message-family-button";
import { MessageText } from "./message-item";
import { MessageMedia } from "./message-media";
import { MUTE_CHOICES } from "./moderation-dialogs";

/** Above this many characters (or lines) a message body starts collapsed. */
const LONG_CHARS = 140;
const LONG_LINES = 4;

/** A message body clamped to a few lines, with "show all" / "collapse" when it is long. */
export function ClampedText({ body, id }: { body: string; id: string }) {
  const { t } = useTranslation();
  const long = body.length > LONG_CHARS || body.split("\n").length > LONG_LINES;
  const [open, setOpen] = useState(false);
  return (
    <div className={long && !open ? "clamped" : undefined} id={id}>
      <MessageText body={body} />
      {long && (
        <button
          type="button"
          className="btn small link-btn"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? t("mod.collapse") : t("mod.showAll")}
        </button>
      )}
    </div>
  );
}

function Body({ m, id }: { m: Message; id: string }) {
  const { t } = useTranslation();
  if (m.deletedAt || (m.body === null && !m.media)) return <p className="tombstone">{t("chat.deleted")}</p>;
  return (
    <>
      <MessageMedia m={m} mine={false} />
      {m.body !== null && <ClampedText body={m.body} id={id} />}
    </>
  );
}

/** The author's record in the group: counts and the latest date of each kind. */
function AuthorRecord({ h }: { h: AuthorHistory }) {
  const { t } = useTranslation();
  const d = useDates();
  const kinds = ["reports", "mutes", "removals", "bans"] as const;
  const clean = kinds.every((k) => h[k].count === 0);
  return (
    <section className="author-record" aria-label={t("mod.history.title")}>
      <h3 className="small">{t("mod.history.title")}</h3>
      {clean ? (
        <p className="muted small">{t("mod.history.clean")}</p>
      ) : (
        <ul className="plain inline small" data-testid="author-history">
          {kinds.map((k) => (
            <li key={k}>
              {t(`mod.history.${k}`, { count: h[k].count })}
              {h[k].lastAt && <span className="muted"> · {d.ago(h[k].lastAt)}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One reported message in the review queue: the message itself, why, who wrote it, and the decision. */
export function ReportCard({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  const d = useDates();
  const me = useMe();
  const m = item.message;
  return (
    <li className="list-item queue-item">
      <p className="muted small">
        {item.group.name} · {d.ago(item.firstReportedAt)} ·{" "}
        {t("mod.reporters", { count: item.reporterCount })}
      </p>
      <p>
        {Object.entries(item.reasons).map(([r, n]) => (
          <span key={r} className={r === "crisis" ? "tag danger" : "tag warn"}>
            {t(`mod.reasons.${r}`)} × {n}
          </span>
        ))}
      </p>
      <section className="reported-message" aria-label={t("mod.reportedMessage")}>
        <p className="small">
          <strong>{m.sender?.displayName ?? t("mod.goneAuthor")}</strong>{" "}
          <time className="muted" dateTime={m.createdAt}>
            {d.dateTime(m.createdAt)}
          </time>
          {m.hidden && <span className="tag warn">{t("mod.hiddenNow")}</span>}
        </p>
        <Body m={m} id={`reported-${m.id}`} />
        <div className="row wrap">
          <Link className="btn small" to={`/groups/${item.group.id}?at=${m.seq}`}>
            {t("mod.openInChat")}
          </Link>
          {me.role === "social_worker" && m.sender?.role === "member" && (
            <MessageFamilyButton small target={{ userId: m.sender.id }} />
          )}
        </div>
      </section>
      {item.authorHistory && <AuthorRecord h={item.authorHistory} />}
      {item.reports.some((r) => r.note) && (
        <ul className="plain small">
          {item.reports
            .filter((r) => r.note)
            .map((r) => (
              <li key={r.id}>{t("mod.reporterNote", { note: r.note })}</li>
            ))}
        </ul>
      )}
      {item.context.length > 0 && (
        <details className="context">
          <summary>{t("mod.context")}</summary>
          <ol className="messages">
            {item.context.map((c) => (
              <li key={c.id} className="msg">
                <strong>{c.sender?.displayName}</strong>
                <Body m={c} id={`context-${item.message.id}-${c.id}`} />
              </li>
            ))}
          </ol>
        </details>
      )}
      <Decision messageId={m.id} />
    </li>
  );
}

function Decision({ messageId }: { messageId: string }) {
  const { t } = useTranslation();
  const mod = useModeration();
  const [action, setAction] = useState<ResolveAction>("dismiss");
  const [minutes, setMinutes] = useState(String(MUTE_CHOICES[1]));
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    const v = validate(Reason, reason, t);
    if (!v.ok) return setError(t("mod.reasonRequired"));
    try {
      await mod.resolve.mutateAsync({
        messageId,
        input: { action, reason: v.data, ...(action === "mute" ? { muteMinutes: Number(minutes) } : {}) },
      });
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  return (
    <>
      <div className="grid-2">
        <SelectField
          label={t("mod.decision")}
          value={action}
          options={RESOLVE_ACTIONS.map((a) => ({ value: a, label: t(`mod.actions.${a}`) }))}
          onChange={(e) => setAction(e.target.value as ResolveAction)}
        />
        {action === "mute" && (
          <SelectField
            label={t("mod.muteFor")}
            value={minutes}
            options={MUTE_CHOICES.map((x) => ({ value: String(x), label: t(`mod.duration.${x}`) }))}
            onChange={(e) => setMinutes(e.target.value)}
          />
        )}
      </div>
      <TextArea label={t("mod.reason")} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      <FormMessage error={error} />
      <button
        type="button"
        className="btn primary"
        disabled={mod.resolve.isPending}
        onClick={() => void submit()}
      >
        {t("mod.decide")}
      </button>
    </>
  );
}
