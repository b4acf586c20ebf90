import type { ResetCodeResult } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { issueResetCode } from "../api/auth";
import { useDates } from "../i18n/dates";
import { errorText } from "./form";

/** `12345678` -> `1234 5678`: two groups of four, easy to read out on the phone. */
const spaced = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

/**
 * One person's "forgot password" button (social worker: a caregiver of an assigned family; admin:
 * any account but an admin's). The code is shown once, here, to read out to her by phone.
 */
export function ResetCodeButton({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const d = useDates();
  const [issued, setIssued] = useState<ResetCodeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function issue() {
    if (issued && !window.confirm(t("resetCode.replaceConfirm", { name }))) return;
    setBusy(true);
    setError(null);
    try {
      setIssued(await issueResetCode(userId));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="reset-code">
      <button type="button" className="btn small" disabled={busy} onClick={() => void issue()}>
        {t("resetCode.issue", { name })}
      </button>
      {issued && (
        <div role="status" className="reset-code-shown">
          <p>{t("resetCode.readOut", { name })}</p>
          <p className="reset-code-digits">{spaced(issued.code)}</p>
          <p className="hint">{t("resetCode.validUntil", { time: d.dateTime(issued.expiresAt) })}</p>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
