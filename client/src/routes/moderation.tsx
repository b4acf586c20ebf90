import { type QueueItem, RESOLVE_ACTIONS, Reason, type ResolveAction } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAlerts, useModeration, useQueue } from "../api/moderation";
import { errorText, FormMessage, SelectField, TextArea, validate } from "../components/form";
import { MessageText } from "../components/message-item";
import { MUTE_CHOICES } from "../components/moderation-dialogs";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";
import { useSocketEvent } from "../realtime/hooks";
import { MessageFamilyButton } from "./messages";

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

/** Crisis alerts: someone may be at risk. Acknowledge with a follow-up note. */
export function AlertsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const d = useDates();
  const qc = useQueryClient();
  const [status, setStatus] = useState<"open" | "acknowledged">("open");
  const alerts = useAlerts(status);
  const mod = useModeration();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useSocketEvent("moderation:alert", () => void qc.invalidateQueries({ queryKey: ["moderation"] }));
  async function ack(id: string) {
    const note = notes[id] ?? "";
    if (!note.trim()) return setError(t("mod.noteRequired"));
    setError(null);
    try {
      await mod.acknowledge.mutateAsync({ alertId: id, note });
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  return (
    <Page title={t("mod.alertsTitle")}>
      <p className="lead">{t("mod.alertsLead")}</p>
      <SelectField
        label={t("mod.show")}
        value={status}
        options={[
          { value: "open", label: t("mod.openAlerts") },
          { value: "acknowledged", label: t("mod.ackedAlerts") },
        ]}
        onChange={(e) => setStatus(e.target.value as "open" | "acknowledged")}
      />
      <FormMessage error={error} />
      {alerts.isPending ? (
        <Loading />
      ) : alerts.isError ? (
        <ErrorBox error={alerts.error} />
      ) : alerts.data.length === 0 ? (
        <Empty>{t("mod.noAlerts")}</Empty>
      ) : (
        <ul className="list">
          {alerts.data.map((a) => (
            <li key={a.id} className={a.status === "open" ? "list-item alert-item" : "list-item"}>
              <p>
                <span className="tag danger">{t(`mod.alertSource.${a.source}`)}</span> {a.group.name} ·{" "}
                {d.ago(a.createdAt)}
              </p>
              {a.message && (
                <>
                  <p>
                    <strong>{a.message.sender?.displayName}</strong>
                  </p>
                  {a.message.body !== null && <MessageText body={a.message.body} />}
                  {me.role === "social_worker" && a.message.sender?.role === "member" && (
                    <MessageFamilyButton target={{ userId: a.message.sender.id }} />
                  )}
                </>
              )}
              {a.status === "open" ? (
                <>
                  <TextArea
                    label={t("mod.followUp")}
                    hint={t("mod.followUpHint")}
                    rows={2}
                    value={notes[a.id] ?? ""}
                    onChange={(e) => setNotes({ ...notes, [a.id]: e.target.value })}
                  />
                  <button type="button" className="btn primary" onClick={() => void ack(a.id)}>
                    {t("mod.acknowledge")}
                  </button>
                </>
              ) : (
                <p className="muted">
                  {t("mod.ackedBy", {
                    name: a.acknowledgedBy?.displayName ?? "",
                    note: a.followUpNote ?? "",
                  })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
