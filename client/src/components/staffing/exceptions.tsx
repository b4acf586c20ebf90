import type { ShiftException, ShiftExceptionCreateInput, StationStaffing } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../api/call";
import { ROUTES } from "../../api/routes.gen";
import { useDates } from "../../i18n/dates";
import { FormMessage, SelectField, SubmitButton, saveErrors, TextField } from "../form";
import { AddDisclosure } from "./add-disclosure";
import { ConfirmRemove } from "./confirm-remove";
import { useWatchedChange } from "./coverage-notice";

function useExceptionLine() {
  const { t } = useTranslation();
  const d = useDates();
  return (x: ShiftException) => {
    // A calendar day of the station, said the app's way ("12月4日 周五").
    const date = d.day(`${x.date}T12:00:00Z`, "UTC");
    return x.kind === "off"
      ? t("staffing.off", { date, name: x.displayName })
      : t("staffing.extra", { date, name: x.displayName, start: x.startTime, end: x.endTime });
  };
}

/** Upcoming days off and extra hours, each removable (after asking), and the form to add one. */
export function ExceptionList({ s }: { s: StationStaffing }) {
  const { t } = useTranslation();
  const lineOf = useExceptionLine();
  const remove = useWatchedChange(s.stationId, (id: string) =>
    call(ROUTES.deleteShiftException, { params: { id } }),
  );
  return (
    <section className="card" aria-labelledby="staffing-exceptions">
      <h2 id="staffing-exceptions">{t("staffing.exceptions")}</h2>
      {s.exceptions.length === 0 && <p className="muted">{t("staffing.noExceptions")}</p>}
      <ul className="plain staffing-list">
        {s.exceptions.map((x) => (
          <li key={x.id} className="row">
            <span>{lineOf(x)}</span>
            <ConfirmRemove
              what={lineOf(x)}
              label={t("staffing.removeOf", { what: lineOf(x), name: x.displayName })}
              onConfirm={() => remove.mutateAsync(x.id)}
            />
          </li>
        ))}
      </ul>
      {s.staff.length > 0 && (
        <AddDisclosure label={t("staffing.addException")}>
          {(close) => <ExceptionForm s={s} onSaved={close} />}
        </AddDisclosure>
      )}
    </section>
  );
}

function ExceptionForm({ s, onSaved }: { s: StationStaffing; onSaved: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    kind: "off" as "off" | "extra",
    userId: s.staff[0]?.userId ?? "",
    date: "",
    startTime: "08:00",
    endTime: "12:00",
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const add = useWatchedChange(s.stationId, (body: ShiftExceptionCreateInput) =>
    call(ROUTES.createShiftException, { params: { id: s.stationId }, body }),
  );
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (!v.date) return setFields({ date: t("validation.required") });
    const { kind, userId, date, startTime, endTime } = v;
    try {
      await add.mutateAsync(
        kind === "off" ? { kind, userId, date } : { kind, userId, date, startTime, endTime },
      );
      setFields({});
      onSaved();
    } catch (err) {
      const said = saveErrors(err, t);
      setFields(said.fields);
      setError(said.form);
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-label={t("staffing.addException")}>
      <SelectField
        label={t("staffing.exceptionKind")}
        value={v.kind}
        options={[
          { value: "off", label: t("staffing.kindOff") },
          { value: "extra", label: t("staffing.kindExtra") },
        ]}
        onChange={(e) => setV({ ...v, kind: e.target.value as "off" | "extra" })}
      />
      <SelectField
        label={t("staffing.staffMember")}
        value={v.userId}
        error={fields.userId}
        options={s.staff.map((m) => ({ value: m.userId, label: m.displayName }))}
        onChange={(e) => setV({ ...v, userId: e.target.value })}
      />
      <TextField
        label={t("staffing.date")}
        type="date"
        value={v.date}
        error={fields.date}
        onChange={(e) => setV({ ...v, date: e.target.value })}
      />
      {v.kind === "extra" && (
        <>
          <TextField
            label={t("duty.start")}
            type="time"
            value={v.startTime}
            error={fields.startTime}
            onChange={(e) => setV({ ...v, startTime: e.target.value })}
          />
          <TextField
            label={t("duty.end")}
            type="time"
            value={v.endTime}
            error={fields.endTime}
            onChange={(e) => setV({ ...v, endTime: e.target.value })}
          />
        </>
      )}
      <FormMessage error={error} />
      <SubmitButton busy={add.isPending}>{t("staffing.addException")}</SubmitButton>
    </form>
  );
}
