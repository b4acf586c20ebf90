import { type QueueItem, RESOLVE_ACTIONS, Reason, type ResolveAction } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useModeration, useQueue } from "../api/moderation";
import { errorText, FormMessage, SelectField, TextArea, validate } from "../components/form";
import { MessageText } from "../components/message-item";
import { MUTE_CHOICES } from "../components/moderation-dialogs";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useDates } from "../i18n/dates";
import { useSocketEvent } from "../realtime/hooks";

/** Social worker: reported messages waiting for a decision. */
export function QueuePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const queue = useQueue();
  useSocketEvent("moderation:report", () => void qc.invalidateQueries({ queryKey: ["moderation"] }));
  return (
    <Page title={t("mod.queueTitle")}>
      <p className="lead">{t("mod.queueLead")}</p>
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorBox error={queue.error} retry={() => void queue.refetch()} />
      ) : queue.data.length === 0 ? (
        <Empty>{t("mod.queueEmpty")}</Empty>
      ) : (
        <ul className="list">
          {queue.data.map((item) => (
            <QueueCard key={item.message.id} item={item} />
          ))}
        </ul>
      )}
    </Page>
  );
}

function QueueCard({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  const d = useDates();
  const mod = useModeration();
  const [action, setAction] = useState<ResolveAction>("dismiss");
  const [minutes, setMinutes] = useState(String(MUTE_CHOICES[1]));
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const m = item.message;
  async function submit() {
    const v = validate(Reason, reason, t);
    if (!v.ok) return setError(t("mod.reasonRequired"));
    try {
      await mod.resolve.mutateAsync({
        messageId: m.id,
        input: { action, reason: v.data, ...(action === "mute" ? { muteMinutes: Number(minutes) } : {}) },
      });
    } catch (err) {
      setError(errorText(err, t));
    }
  }
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
      <ol className="messages context" aria-label={t("mod.context")}>
        {item.context.map((c) => (
          <li key={c.id} className={c.id === m.id ? "msg reported" : "msg"}>
            <strong>{c.sender?.displayName}</strong>
            {c.body !== null ? (
              <MessageText body={c.body} />
            ) : (
              <p className="tombstone">{t("chat.deleted")}</p>
            )}
          </li>
        ))}
      </ol>
      {item.reports.some((r) => r.note) && (
        <ul className="plain small">
          {item.reports
            .filter((r) => r.note)
            .map((r) => (
              <li key={r.id}>“{r.note}”</li>
            ))}
        </ul>
      )}
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
    </li>
  );
}
