import { type Group, type Message, REPORT_REASONS, type ReportReason } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useModeration } from "../api/moderation";
import { Dialog } from "./dialog";
import { errorText, FormMessage, SelectField, TextArea, validate } from "./form";
import { loadChatSchemas } from "./lazy-schemas";
import { mediaLabel } from "./message-media";

type Open = { kind: "report" | "delete" | "sanction"; message: Message } | null;

/** Mute lengths offered to moderators, in minutes. */
export const MUTE_CHOICES = [10, 60, 24 * 60, 3 * 24 * 60, 7 * 24 * 60] as const;

/** State and actions of the moderation dialogs of one group. */
export function useModerationActions(group: Group) {
  const [open, setOpen] = useState<Open>(null);
  const isModerator = group.myRole === "moderator";
  return {
    group,
    open,
    close: () => setOpen(null),
    canReport: !isModerator,
    report: (m: Message) => setOpen({ kind: "report", message: m }),
    deleteMessage: (m: Message) => setOpen({ kind: "delete", message: m }),
    sanction: (m: Message) => setOpen({ kind: "sanction", message: m }),
  };
}

type ModState = ReturnType<typeof useModerationActions>;

/** The dialogs a moderator (or a reporting member) uses inside a conversation. */
export function ModerationDialogs({ state }: { state: ModState }) {
  const { t } = useTranslation();
  const o = state.open;
  const name = o?.message.sender?.displayName ?? "";
  const title = !o
    ? ""
    : o.kind === "report"
      ? t("mod.reportTitle")
      : o.kind === "delete"
        ? t("mod.deleteTitle")
        : t("mod.sanctionTitle", { name });
  return (
    <Dialog title={title} open={!!o} onClose={state.close}>
      {o?.kind === "report" && <ReportForm message={o.message} onDone={state.close} />}
      {o?.kind === "delete" && <DeleteForm message={o.message} onDone={state.close} />}
      {o?.kind === "sanction" && (
        <SanctionForm groupId={state.group.id} userId={o.message.sender?.id ?? ""} onDone={state.close} />
      )}
    </Dialog>
  );
}

function ReportForm({ message, onDone }: { message: Message; onDone(): void }) {
  const { t } = useTranslation();
  const mod = useModeration();
  const [reason, setReason] = useState<ReportReason>("spam");
  const [note, setNote] = useState("");
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  async function submit() {
    try {
      await mod.report.mutateAsync({
        messageId: message.id,
        input: { reason, ...(note.trim() ? { note } : {}) },
      });
      setMsg({ success: t("mod.reported") });
      setTimeout(onDone, 1200);
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    }
  }
  return (
    <form onSubmit={(e) => e.preventDefault()} noValidate>
      <fieldset className="field">
        <legend>{t("mod.reportWhy")}</legend>
        {REPORT_REASONS.map((r) => (
          <label key={r} className="check">
            <input type="radio" name="report-reason" checked={reason === r} onChange={() => setReason(r)} />
            <span>{t(`mod.reasons.${r}`)}</span>
          </label>
        ))}
      </fieldset>
      <TextArea label={t("mod.reportNote")} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      <FormMessage error={msg.error} success={msg.success} />
      <button
        type="button"
        className="btn primary"
        disabled={mod.report.isPending}
        onClick={() => void submit()}
      >
        {t("mod.sendReport")}
      </button>
    </form>
  );
}

function useReason() {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const check = async (): Promise<string | null> => {
    const { Reason } = await loadChatSchemas();
    const v = validate(Reason, reason, t);
    if (!v.ok) {
      setError(t("mod.reasonRequired"));
      return null;
    }
    return v.data;
  };
  const field = (
    <TextArea
      label={t("mod.reason")}
      hint={t("mod.reasonHint")}
      rows={2}
      value={reason}
      error={error ?? undefined}
      onChange={(e) => setReason(e.target.value)}
    />
  );
  return { check, field, setError };
}

function DeleteForm({ message, onDone }: { message: Message; onDone(): void }) {
  const { t } = useTranslation();
  const mod = useModeration();
  const r = useReason();
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    const reason = await r.check();
    if (!reason) return;
    try {
      await mod.deleteMessage.mutateAsync({ messageId: message.id, reason });
      onDone();
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  return (
    <form onSubmit={(e) => e.preventDefault()} noValidate>
      <blockquote className="quote">
        {message.body ?? (message.media ? mediaLabel(message.media, t) : "")}
      </blockquote>
      {r.field}
      <FormMessage error={error} />
      <button
        type="button"
        className="btn danger"
        disabled={mod.deleteMessage.isPending}
        onClick={() => void submit()}
      >
        {t("mod.confirmDelete")}
      </button>
    </form>
  );
}

/** Mute, remove or ban one member of a group, with a reason for the audit log. */
export function SanctionForm({
  groupId,
  userId,
  onDone,
}: {
  groupId: string;
  userId: string;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const mod = useModeration();
  const r = useReason();
  const [minutes, setMinutes] = useState<string>(String(MUTE_CHOICES[1]));
  const [error, setError] = useState<string | null>(null);
  async function run(kind: "mute" | "remove" | "ban") {
    const reason = await r.check();
    if (!reason) return;
    if (kind === "ban" && !window.confirm(t("mod.confirmBan"))) return;
    try {
      if (kind === "mute") await mod.mute.mutateAsync({ groupId, userId, minutes: Number(minutes), reason });
      if (kind === "remove") await mod.remove.mutateAsync({ groupId, userId, reason });
      if (kind === "ban") await mod.ban.mutateAsync({ groupId, userId, reason });
      onDone();
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  return (
    <form onSubmit={(e) => e.preventDefault()} noValidate>
      {r.field}
      <SelectField
        label={t("mod.muteFor")}
        value={minutes}
        options={MUTE_CHOICES.map((m) => ({ value: String(m), label: t(`mod.duration.${m}`) }))}
        onChange={(e) => setMinutes(e.target.value)}
      />
      <FormMessage error={error} />
      <div className="row wrap">
        <button type="button" className="btn primary" onClick={() => void run("mute")}>
          {t("mod.mute")}
        </button>
        <button type="button" className="btn danger" onClick={() => void run("remove")}>
          {t("mod.remove")}
        </button>
        <button type="button" className="btn danger" onClick={() => void run("ban")}>
          {t("mod.ban")}
        </button>
      </div>
    </form>
  );
}
