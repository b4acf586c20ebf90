import type { ShiftCreateInput, StationStaffing } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { call } from "../api/call";
import { useCareNeedTypes, useStaffingChange, useStationStaffing } from "../api/care-needs";
import { ROUTES } from "../api/routes.gen";
import { errorText, FormMessage, SelectField, SubmitButton, TextField } from "../components/form";
import { ErrorBox, Loading, Page } from "../components/ui";
import { needLabel } from "./child-care-needs";

const DAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

/** "Staff & shifts" of a station (issue 19 §1): qualifications with expiry, weekly shifts, exceptions. */
export function StationStaffingPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const staffing = useStationStaffing(id);
  if (staffing.isPending) return <Loading />;
  if (staffing.isError) return <ErrorBox error={staffing.error} retry={() => void staffing.refetch()} />;
  return (
    <Page title={t("staffing.title")}>
      <p className="muted small">
        <Link to={`/stations/${id}`}>{t("staffing.back")}</Link>
      </p>
      <StaffList s={staffing.data} />
      <ShiftList s={staffing.data} />
      <ShiftForm s={staffing.data} />
      <ExceptionList s={staffing.data} />
    </Page>
  );
}

function StaffList({ s }: { s: StationStaffing }) {
  const { t, i18n } = useTranslation();
  const types = useCareNeedTypes();
  const byCode = new Map((types.data ?? []).map((ty) => [ty.code, ty]));
  return (
    <section className="card" aria-labelledby="staffing-staff">
      <h2 id="staffing-staff">{t("staffing.staff")}</h2>
      {s.staff.length === 0 && <p className="muted">{t("staffing.noStaff")}</p>}
      <ul className="plain-list">
        {s.staff.map((m) => (
          <li key={m.userId}>
            <strong>{m.displayName}</strong>
            <ul>
              {m.qualifications.map((q) => (
                <li key={q.id}>
                  {t("staffing.qualification", {
                    need: needLabel(byCode.get(q.needCode), q.needCode, i18n.language),
                    date: q.expiresOn,
                  })}
                </li>
              ))}
            </ul>
            <QualificationForm stationId={s.stationId} userId={m.userId} name={m.displayName} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function QualificationForm({ stationId, userId, name }: { stationId: string; userId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const types = useCareNeedTypes();
  const [v, setV] = useState({ needCode: "tube_feeding", expiresOn: "" });
  const [error, setError] = useState<string | null>(null);
  const add = useStaffingChange(stationId, (body: typeof v) =>
    call(ROUTES.addQualification, { params: { userId }, body }),
  );
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    try {
      await add.mutateAsync(v);
      setError(null);
    } catch (err) {
      setError(errorText(err, t));
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
        options={(types.data ?? [])
          .filter((ty) => ty.active)
          .map((ty) => ({
            value: ty.code,
            label: needLabel(ty, ty.code, i18n.language),
          }))}
        onChange={(e) => setV({ ...v, needCode: e.target.value })}
      />
      <TextField
        label={t("staffing.expiresOn")}
        type="date"
        value={v.expiresOn}
        onChange={(e) => setV({ ...v, expiresOn: e.target.value })}
      />
      <FormMessage error={error} />
      <SubmitButton busy={add.isPending}>{t("staffing.addQualification")}</SubmitButton>
    </form>
  );
}

function ShiftList({ s }: { s: StationStaffing }) {
  const { t } = useTranslation();
  const remove = useStaffingChange(s.stationId, (id: string) => call(ROUTES.deleteShift, { params: { id } }));
  return (
    <section className="card" aria-labelledby="staffing-shifts">
      <h2 id="staffing-shifts">{t("staffing.shifts")}</h2>
      {s.shifts.length === 0 && <p className="muted">{t("staffing.noShifts")}</p>}
      <ul className="plain-list">
        {s.shifts.map((sh) => (
          <li key={sh.id} className="row">
            <span>
              {t("staffing.shiftLine", {
                day: t(`duty.days.${sh.weekday}`),
                start: sh.startTime,
                end: sh.endTime,
                name: sh.displayName,
              })}
            </span>
            <button type="button" className="btn" onClick={() => void remove.mutateAsync(sh.id)}>
              {t("staffing.remove")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ShiftForm({ s }: { s: StationStaffing }) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const [v, setV] = useState({
    userId: s.staff[0]?.userId ?? "",
    weekday: "1",
    startTime: "08:00",
    endTime: "17:00",
  });
  const [error, setError] = useState<string | null>(null);
  const add = useStaffingChange(s.stationId, (body: ShiftCreateInput) =>
    call(ROUTES.createShift, { params: { id: s.stationId }, body }),
  );
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    try {
      await add.mutateAsync({ ...v, weekday: Number(v.weekday), validFrom: today, validUntil: null });
      setError(null);
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  if (s.staff.length === 0) return null;
  return (
    <form onSubmit={onSubmit} noValidate className="form card" aria-labelledby="staffing-add-shift">
      <h2 id="staffing-add-shift">{t("staffing.addShift")}</h2>
      <SelectField
        label={t("staffing.who")}
        value={v.userId}
        options={s.staff.map((m) => ({ value: m.userId, label: m.displayName }))}
        onChange={(e) => setV({ ...v, userId: e.target.value })}
      />
      <SelectField
        label={t("duty.weekday")}
        value={v.weekday}
        options={DAYS.map((d) => ({ value: d, label: t(`duty.days.${d}`) }))}
        onChange={(e) => setV({ ...v, weekday: e.target.value })}
      />
      <TextField
        label={t("duty.start")}
        type="time"
        value={v.startTime}
        onChange={(e) => setV({ ...v, startTime: e.target.value })}
      />
      <TextField
        label={t("duty.end")}
        type="time"
        value={v.endTime}
        onChange={(e) => setV({ ...v, endTime: e.target.value })}
      />
      <FormMessage error={error} />
      <SubmitButton busy={add.isPending}>{t("staffing.addShift")}</SubmitButton>
    </form>
  );
}

function ExceptionList({ s }: { s: StationStaffing }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="staffing-exceptions">
      <h2 id="staffing-exceptions">{t("staffing.exceptions")}</h2>
      {s.exceptions.length === 0 && <p className="muted">{t("staffing.noExceptions")}</p>}
      <ul className="plain-list">
        {s.exceptions.map((x) => (
          <li key={x.id}>
            {x.kind === "off"
              ? t("staffing.off", { date: x.date, name: x.displayName })
              : t("staffing.extra", {
                  date: x.date,
                  name: x.displayName,
                  start: x.startTime,
                  end: x.endTime,
                })}
          </li>
        ))}
      </ul>
    </section>
  );
}
