import type { Qualification, StationStaffing } from "@carecircle/shared";
import { addDays, format } from "date-fns";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../api/call";
import { useCareNeedTypes } from "../../api/care-needs";
import { ROUTES } from "../../api/routes.gen";
import { needLabel } from "../../routes/child-care-needs";
import { Dialog } from "../dialog";
import {
  errorText,
  FormMessage,
  SelectField,
  SubmitButton,
  saveErrors,
  serverFieldErrors,
  TextField,
} from "../form";
import { AddDisclosure } from "./add-disclosure";
import { ConfirmRemove } from "./confirm-remove";
import { useWatchedChange } from "./coverage-notice";

const today = () => format(new Date(), "yyyy-MM-dd");

/** "expired", "soon" (within 30 days) or "valid", by the device's calendar. */
export function qualificationState(expiresOn: string, now = new Date()): "expired" | "soon" | "valid" {
  const day = format(now, "yyyy-MM-dd");
  if (expiresOn < day) return "expired";
  return expiresOn <= format(addDays(now, 30), "yyyy-MM-dd") ? "soon" : "valid";
}

/** The station's staff, each with qualifications to renew or remove, and a form to add one. */
export function StaffList({ s }: { s: StationStaffing }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="staffing-staff">
      <h2 id="staffing-staff">{t("staffing.staff")}</h2>
      {s.staff.length === 0 && <p className="muted">{t("staffing.noStaff")}</p>}
      <ul className="plain staffing-list">
        {s.staff.map((m) => (
          <li key={m.userId}>
            <h3>{m.displayName}</h3>
            {m.qualifications.length === 0 && <p className="muted small">{t("staffing.noQualifications")}</p>}
            <ul className="plain qualifications">
              {m.qualifications.map((q) => (
                <QualificationItem key={q.id} q={q} stationId={s.stationId} name={m.displayName} />
              ))}
            </ul>
            <AddDisclosure
              label={t("staffing.addQualification")}
              name={t("staffing.addQualificationFor", { name: m.displayName })}
            >
              {(close) => (
                <QualificationForm
                  stationId={s.stationId}
                  userId={m.userId}
                  name={m.displayName}
                  onSaved={close}
                />
              )}
            </AddDisclosure>
          </li>
        ))}
      </ul>
    </section>
  );
}

function useNeedName() {
  const { i18n } = useTranslation();
  const types = useCareNeedTypes();
  const byCode = new Map((types.data ?? []).map((ty) => [ty.code, ty]));
  return (code: string) => needLabel(byCode.get(code), code, i18n.language);
}

function QualificationItem({ q, stationId, name }: { q: Qualification; stationId: string; name: string }) {
  const { t } = useTranslation();
  const needName = useNeedName();
  const state = qualificationState(q.expiresOn);
  const remove = useWatchedChange(stationId, () =>
    call(ROUTES.deleteQualification, { params: { id: q.id } }),
  );
  const need = needName(q.needCode);
  return (
    <li className="row qualification">
      <span className={state === "expired" ? "danger-text" : undefined}>
        {t("staffing.qualification", { need, date: q.expiresOn })}
        {state !== "valid" && (
          <strong className={`tag ${state === "expired" ? "danger" : "warn"}`}>
            {t(state === "expired" ? "staffing.expired" : "staffing.expiresSoon")}
          </strong>
        )}
      </span>
      <span className="row">
        <RenewQualification q={q} stationId={stationId} label={t("staffing.renewOf", { need, name })} />
        <ConfirmRemove
          what={t("staffing.removeQualification", { need, name })}
          label={t("staffing.removeOf", { what: need, name })}
          onConfirm={() => remove.mutateAsync(undefined)}
        />
      </span>
    </li>
  );
}

function RenewQualification({ q, stationId, label }: { q: Qualification; stationId: string; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [expiresOn, setExpiresOn] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const renew = useWatchedChange(stationId, (body: { expiresOn: string }) =>
    call(ROUTES.updateQualification, { params: { id: q.id }, body }),
  );
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (!expiresOn) return setFieldError(t("validation.required"));
    if (expiresOn < today()) return setFieldError(t("staffing.notInPast"));
    setFieldError(undefined);
    try {
      await renew.mutateAsync({ expiresOn });
      setOpen(false);
    } catch (err) {
      const fields = serverFieldErrors(err, t);
      if (fields.expiresOn) setFieldError(fields.expiresOn);
      else setError(errorText(err, t));
    }
  }
  return (
    <>
      <button type="button" className="btn small" aria-label={label} onClick={() => setOpen(true)}>
        {t("staffing.renew")}
      </button>
      <Dialog title={label} open={open} onClose={() => setOpen(false)}>
        <form onSubmit={submit} noValidate className="form">
          <TextField
            label={t("staffing.newExpiry")}
            type="date"
            value={expiresOn}
            error={fieldError}
            onChange={(e) => {
              setExpiresOn(e.target.value);
              setFieldError(undefined);
            }}
          />
          <FormMessage error={error} />
          <SubmitButton busy={renew.isPending}>{t("staffing.renew")}</SubmitButton>
        </form>
      </Dialog>
    </>
  );
}

function QualificationForm({
  stationId,
  userId,
  name,
  onSaved,
}: {
  stationId: string;
  userId: string;
  name: string;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const types = useCareNeedTypes();
  const [v, setV] = useState({ needCode: "tube_feeding", expiresOn: "" });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const add = useWatchedChange(stationId, (body: typeof v) =>
    call(ROUTES.addQualification, { params: { userId }, body }),
  );
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (!v.expiresOn) return setFields({ expiresOn: t("validation.required") });
    setFields({});
    try {
      await add.mutateAsync(v);
      onSaved();
    } catch (err) {
      const said = saveErrors(err, t);
      setFields(said.fields);
      setError(said.form);
    }
  }
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="form compact"
      aria-label={t("staffing.addQualificationFor", { name })}
    >
      <SelectField
        label={t("staffing.need")}
        value={v.needCode}
        error={fields.needCode}
        options={(types.data ?? [])
          .filter((ty) => ty.active)
          .map((ty) => ({ value: ty.code, label: needLabel(ty, ty.code, i18n.language) }))}
        onChange={(e) => setV({ ...v, needCode: e.target.value })}
      />
      <TextField
        label={t("staffing.expiresOn")}
        type="date"
        value={v.expiresOn}
        error={fields.expiresOn}
        onChange={(e) => setV({ ...v, expiresOn: e.target.value })}
      />
      <FormMessage error={error} />
      <SubmitButton busy={add.isPending}>{t("staffing.addQualification")}</SubmitButton>
    </form>
  );
}
