import { type Group, type Message, Reason } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { Dialog } from "./dialog";
import { errorText, FormMessage, TextArea, validate } from "./form";

type Open = { kind: "sanction"; message: Message } | null;

/** State and actions of the moderation dialogs of one group. */
export function useModerationActions(group: Group) {
  const [open, setOpen] = useState<Open>(null);
  return {
    group,
    open,
    close: () => setOpen(null),
    canReport: false,
    report: (_m: Message) => {},
    deleteMessage: undefined as ((m: Message) => void) | undefined,
    sanction: (m: Message) => setOpen({ kind: "sanction", message: m }),
  };
}

type ModState = ReturnType<typeof useModerationActions>;

/** The dialogs a moderator (or reporting member) uses inside a conversation. */
export function ModerationDialogs({ state }: { state: ModState }) {
  const { t } = useTranslation();
  const o = state.open;
  return (
    <Dialog
      title={o ? t("mod.sanctionTitle", { name: o.message.sender?.displayName ?? "" }) : ""}
      open={!!o}
      onClose={state.close}
    >
      {o?.kind === "sanction" && (
        <SanctionForm group={state.group} message={o.message} onDone={state.close} />
      )}
    </Dialog>
  );
}

function SanctionForm({ group, message, onDone }: { group: Group; message: Message; onDone(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const userId = message.sender?.id;

  async function remove() {
    const v = validate(Reason, reason, t);
    if (!v.ok) return setError(v.errors._form ?? t("validation.required"));
    setBusy(true);
    try {
      await api("POST", `/api/groups/${group.id}/members/${userId}/remove`, { reason: v.data });
      onDone();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => e.preventDefault()} noValidate>
      <TextArea
        label={t("mod.reason")}
        hint={t("mod.reasonHint")}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <FormMessage error={error} />
      <div className="row">
        <button type="button" className="btn danger" disabled={busy} onClick={() => void remove()}>
          {t("mod.remove")}
        </button>
      </div>
    </form>
  );
}
