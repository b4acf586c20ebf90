import { LIMITS, UpdateMeSchema } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { updateMe } from "../api/auth";
import { keys } from "../api/core";
import { PhoneField } from "../components/auth-fields";
import { CareModeSetting } from "../components/care-mode-setting";
import { DutyHoursEditor } from "../components/duty-hours";
import {
  errorText,
  type FieldErrors,
  FormMessage,
  SubmitButton,
  serverFieldErrors,
  TextField,
  validate,
} from "../components/form";
import { LanguageSwitch } from "../components/language-switch";
import { PasswordChange } from "../components/password-change";
import { PrivacySettings } from "../components/privacy-settings";
import { PushSettings } from "../components/push-settings";
import { Page } from "../components/ui";
import { useAuth, useMe } from "../hooks/use-auth";

/** Display name, phone (caregivers), presence visibility, language, my data (download, delete the account), log out. */
export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut, signOutEverywhere } = useAuth();
  const [everywhereBusy, setEverywhereBusy] = useState(false);
  const [everywhereError, setEverywhereError] = useState<string | undefined>();
  const everywhere = async () => {
    setEverywhereBusy(true);
    setEverywhereError(undefined);
    try {
      await signOutEverywhere();
    } catch {
      setEverywhereError(t("auth.logoutEverywhereFailed"));
      setEverywhereBusy(false);
    }
  };
  const qc = useQueryClient();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [showPresence, setShowPresence] = useState(me.showPresence);
  const [phone, setPhone] = useState(me.phone ?? "");
  const caregiver = me.role === "caregiver";
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const v = validate(
      UpdateMeSchema,
      { displayName, showPresence, ...(caregiver ? { phone: phone.trim() === "" ? null : phone } : {}) },
      t,
    );
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    setBusy(true);
    try {
      const saved = await updateMe(v.data);
      qc.setQueryData(keys.me, saved);
      setPhone(saved.phone ?? "");
      setMsg({ success: t("common.saved") });
    } catch (err) {
      setErrors(serverFieldErrors(err, t));
      setMsg({ error: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t("settings.title")}>
      <form onSubmit={onSubmit} noValidate className="card form">
        <h2>{t("settings.profile")}</h2>
        <TextField
          label={t("auth.displayName")}
          hint={t("auth.displayNameHint")}
          maxLength={LIMITS.displayNameMax}
          value={displayName}
          error={errors.displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        {caregiver && (
          <PhoneField
            label={t("settings.phone")}
            hint={t("settings.phoneHint")}
            value={phone}
            error={errors.phone}
            onChange={(e) => setPhone(e.target.value)}
          />
        )}
        <label className="check big">
          <input type="checkbox" checked={showPresence} onChange={(e) => setShowPresence(e.target.checked)} />
          <span>{t("settings.showPresence")}</span>
        </label>
        <p className="hint">{t("settings.showPresenceHint")}</p>
        <FormMessage error={msg.error} success={msg.success} />
        <SubmitButton busy={busy}>{t("common.save")}</SubmitButton>
      </form>
      <CareModeSetting />
      <section className="card" aria-labelledby="lang-h">
        <h2 id="lang-h">{t("settings.language")}</h2>
        <LanguageSwitch compact />
      </section>
      <PushSettings />
      {me.role === "social_worker" && <DutyHoursEditor />}
      <PasswordChange />
      <PrivacySettings />
      <section className="card" aria-labelledby="account-h">
        <h2 id="account-h">{t("settings.account")}</h2>
        <p className="muted">
          {me.email ?? me.phone} · {t(`roles.${me.role}`)}
        </p>
        <button type="button" className="btn" onClick={() => void signOut()}>
          {t("auth.logout")}
        </button>
        <p className="hint logout-everywhere-hint" id="logout-everywhere-hint">
          {t("auth.logoutEverywhereHint")}
        </p>
        <button
          type="button"
          className="btn"
          aria-describedby="logout-everywhere-hint"
          disabled={everywhereBusy}
          onClick={() => void everywhere()}
        >
          {t("auth.logoutEverywhere")}
        </button>
        <FormMessage error={everywhereError} />
      </section>
    </Page>
  );
}
