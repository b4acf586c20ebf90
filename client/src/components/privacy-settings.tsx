import type { AccountDeletionPreview } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../api/client";
import { deleteMyAccount, downloadMyData, useDeletionPreview } from "../api/privacy";
import { useAuth, useMe } from "../hooks/use-auth";
import { Dialog } from "./dialog";
import { errorText, FormMessage, TextField } from "./form";
import { showToast } from "./toasts";
import { ErrorBox, Loading } from "./ui";

/** "My data" in the settings: download everything; caregivers may also delete their account. */
export function PrivacySettings() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <DownloadSection />
      <section className="card" aria-labelledby="delete-h">
        <h2 id="delete-h">{t("privacy.deleteTitle")}</h2>
        {me.role === "caregiver" ? <DeleteAccount /> : <p className="muted">{t("privacy.staffDelete")}</p>}
      </section>
    </>
  );
}

function DownloadSection() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  async function onDownload() {
    setBusy(true);
    setMsg({});
    try {
      await downloadMyData();
      setMsg({ success: t("privacy.exportDone") });
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby="data-h">
      <h2 id="data-h">{t("privacy.exportTitle")}</h2>
      <p>{t("privacy.exportHelp")}</p>
      <FormMessage error={msg.error} success={msg.success} />
      <button
        type="button"
        className="btn"
        disabled={busy}
        aria-busy={busy || undefined}
        onClick={onDownload}
      >
        {busy ? t("common.working") : t("privacy.exportButton")}
      </button>
    </section>
  );
}

function DeleteAccount() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <p>{t("privacy.deleteHelp")}</p>
      <button type="button" className="btn danger" onClick={() => setOpen(true)}>
        {t("privacy.deleteOpen")}
      </button>
      <Dialog title={t("privacy.dialogTitle")} open={open} onClose={() => setOpen(false)}>
        {open && <DeleteDialogBody />}
      </Dialog>
    </>
  );
}

/** The rule, explained with this family's numbers, then the password and an explicit "I understand". */
function DeleteDialogBody() {
  const { t } = useTranslation();
  const preview = useDeletionPreview(true);
  if (preview.isPending) return <Loading />;
  if (preview.isError) return <ErrorBox error={preview.error} retry={() => void preview.refetch()} />;
  return (
    <>
      <Consequences p={preview.data} />
      {preview.data.allowed ? (
        <ConfirmForm />
      ) : (
        <p className="form-error" role="alert">
          {t("privacy.blockedVisit")}
        </p>
      )}
    </>
  );
}

function Consequences({ p }: { p: AccountDeletionPreview }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        <strong>{t("privacy.whatHappens")}</strong>
      </p>
      <ul>
        {p.counts.messages > 0 && <li>{t("privacy.messages", { count: p.counts.messages })}</li>}
        {p.familyErased ? (
          <>
            <li>{t("privacy.familyErased", { children: p.counts.children, checkins: p.counts.checkins })}</li>
            {p.counts.activeBookings > 0 && (
              <li>{t("privacy.bookingsCancelled", { count: p.counts.activeBookings })}</li>
            )}
          </>
        ) : (
          <li>
            {t("privacy.familyStays", {
              names: p.otherCaregivers.map((c) => c.displayName).join(", "),
              checkins: p.counts.checkins,
            })}
          </li>
        )}
        <li>{t("privacy.signedOut")}</li>
        <li>{t("privacy.auditNote")}</li>
      </ul>
    </>
  );
}

function ConfirmForm() {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const [password, setPassword] = useState("");
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (!password || !understood) return;
    setBusy(true);
    setError(null);
    try {
      await deleteMyAccount(password);
      showToast(t("privacy.deletedToast"));
      await signOut();
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiRequestError && err.code === "INVALID_CREDENTIALS")
        setError(t("privacy.wrongPassword"));
      else if (err instanceof ApiRequestError && err.code === "CONFLICT") setError(t("privacy.blockedVisit"));
      else setError(errorText(err, t));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <TextField
        label={t("privacy.passwordLabel")}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <label className="check big">
        <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
        <span>{t("privacy.understand")}</span>
      </label>
      <FormMessage error={error} />
      <button
        type="submit"
        className="btn danger"
        disabled={busy || !password || !understood}
        aria-busy={busy || undefined}
      >
        {busy ? t("common.working") : t("privacy.confirmButton")}
      </button>
    </form>
  );
}
