import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../dialog";
import { errorText, FormMessage } from "../form";

/** A "Remove" button that asks first, in a dialog naming what goes. */
export function ConfirmRemove({
  what,
  label,
  onConfirm,
}: {
  /** The sentence naming what is removed, e.g. "Tube feeding of Teacher Wang". */
  what: string;
  /** The button's accessible name. */
  label: string;
  onConfirm(): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setBusy(true);
    try {
      await onConfirm();
      setOpen(false);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" className="btn small" aria-label={label} onClick={() => setOpen(true)}>
        {t("staffing.remove")}
      </button>
      <Dialog title={t("staffing.removeTitle")} open={open} onClose={() => setOpen(false)}>
        <p>{what}</p>
        <p className="muted small">{t("staffing.removeHint")}</p>
        <FormMessage error={error} />
        <div className="row confirm-actions">
          <button type="button" className="btn danger" disabled={busy} onClick={() => void confirm()}>
            {t("staffing.removeConfirm")}
          </button>
        </div>
      </Dialog>
    </>
  );
}
