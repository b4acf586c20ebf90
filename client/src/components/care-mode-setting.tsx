import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { updateMe } from "../api/auth";
import { keys } from "../api/core";
import { useMe } from "../hooks/use-auth";
import { applyCareMode } from "../hooks/use-care-mode";
import { errorText, FormMessage } from "./form";

/** The care mode (关怀模式) switch in Settings: applies at once and is saved on the account. */
export function CareModeSetting() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  // the box follows the tap at once (as the page does); the saved value takes over when it arrives
  const [chosen, setChosen] = useState<boolean | null>(null);
  const saved = !!me.careMode;
  const on = chosen ?? saved;

  async function toggle(next: boolean) {
    setBusy(true);
    setMsg({});
    setChosen(next);
    applyCareMode(next);
    try {
      qc.setQueryData(keys.me, await updateMe({ careMode: next }));
      setMsg({ success: t("settings.careModeSaved") });
    } catch (err) {
      applyCareMode(saved);
      setMsg({ error: errorText(err, t) });
    } finally {
      setChosen(null);
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="care-h">
      <h2 id="care-h">{t("settings.careMode")}</h2>
      <label className="check big">
        <input
          type="checkbox"
          checked={on}
          disabled={busy}
          aria-describedby="care-hint"
          onChange={(e) => void toggle(e.target.checked)}
        />
        <span>{t("settings.careModeLabel")}</span>
      </label>
      <p className="hint" id="care-hint">
        {t("settings.careModeHint")}
      </p>
      <FormMessage error={msg.error} success={msg.success} />
    </section>
  );
}
