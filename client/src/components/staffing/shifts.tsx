import type { ShiftCreateInput, StationStaffing } from "@carecircle/shared";
import { format } from "date-fns";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../../api/call";
import { ROUTES } from "../../api/routes.gen";
import { FormMessage, SelectField, SubmitButton, saveErrors, TextField } from "../form";
import { AddDisclosure } from "./add-disclosure";
import { ConfirmRemove } from "./confirm-remove";
import { useWatchedChange } from "./coverage-notice";

const DAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

/** The station's weekly shifts, each removable (after asking). */
export function ShiftList({ s }: { s: StationStaffing }) {
  const { t } = useTranslation();
  const remove = useWatchedChange(s.stationId, (id: string) => call(ROUTES.deleteShift, { params: { id } }));
  return (
    <section className="card" aria-labelledby="staffing-shifts">
      <h2 id="staffing-shifts">{t("staffing.shifts")}</h2>
      {s.shifts.length === 0 && <p className="muted">{t("staffing.noShifts")}</p>}
      <ul className="plain staffing-list">
        {s.shifts.map((sh) => {
          const line = t("staffing.shiftLine", {
            day: t(`duty.days.${sh.weekday}`),
            start: sh.startTime,
            end: sh.endTime,
            name: sh.displayName,
          });
          return (
            <li key={sh.id} className="row">
              <span>{line}</span>
              <ConfirmRemove
                what={line}
                label={t("staffing.removeOf", { what: line, name: sh.displayName })}
                onConfirm={() => remove.mutateAsync(sh.id)}
              />
            </li>
          );
        })}
      </ul>
      {s.staff.length > 0 && (
        <AddDisclosure label={t("staffing.addShift")}>
          {(close) => <ShiftForm s={s} onSaved={close} />}
        </AddDisclosure>
      )}
    </section>
  );
}

/** Add a weekly shift from today on. */
function ShiftForm({ s, onSaved }: { s: StationStaffing; onSaved: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    userId: s.staff[0]?.userId ?? "",
    weekday: "1",
    startTime: "08:00",
    endTime: "17:00",
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const add = useWatchedChange(s.stationId, (body: ShiftCreateInput) =>
    call(ROUTES.createShift, { params: { id: s.stationId }, body }),
  );
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const validFrom = format(new Date(), "yyyy-MM-dd");
      await add.mutateAsync({ ...v, weekday: Number(v.weekday), validFrom, validUntil: null });
      setFields({});
      onSaved();
    } catch (err) {
      const said = saveErrors(err, t);
      setFields(said.fields);
      setError(said.form);
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-label={t("staffing.addShift")}>
      <SelectField
        label={t("staffing.who")}
        value={v.userId}
        error={fields.userId}
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
      <FormMessage error={error} />
      <SubmitButton busy={add.isPending}>{t("staffing.addShift")}</SubmitButton>
    </form>
  );
}
