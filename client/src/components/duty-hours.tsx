import { DutyHoursPutSchema, type DutyShift } from "@carecircle/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDutyHours, useSetDutyHours } from "../api/moderation";
import { useDates } from "../i18n/dates";
import { errorText, FormMessage, SelectField, SubmitButton, TextField, validate } from "./form";
import { Loading } from "./ui";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * A social worker's weekly on-duty hours: when nobody acknowledges an alert in time, it goes to
 * whoever is on duty (to every social worker outside all shifts).
 */
export function DutyHoursEditor() {
  const { t } = useTranslation();
  const d = useDates();
  const hours = useDutyHours();
  const save = useSetDutyHours();
  const [shifts, setShifts] = useState<DutyShift[]>([]);
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  useEffect(() => {
    if (hours.data) setShifts(hours.data.shifts);
  }, [hours.data]);

  const update = (i: number, patch: Partial<DutyShift>) =>
    setShifts(shifts.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const v = validate(DutyHoursPutSchema, { shifts }, t);
    if (!v.ok) return setMsg({ error: t("duty.invalid") });
    try {
      await save.mutateAsync(v.data.shifts);
      setMsg({ success: t("common.saved") });
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    }
  }

  if (!hours.data) return <Loading />;
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="duty-h">
      <h2 id="duty-h">{t("duty.title")}</h2>
      <p className="hint">{t("duty.lead", { zone: d.zone(hours.data.timeZone) })}</p>
      {shifts.length === 0 && <p className="muted">{t("duty.none")}</p>}
      <ul className="plain">
        {shifts.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
          <li key={i} className="duty-row">
            <SelectField
              label={t("duty.weekday")}
              value={String(s.weekday)}
              options={WEEKDAYS.map((d) => ({ value: String(d), label: t(`duty.days.${d}`) }))}
              onChange={(e) => update(i, { weekday: Number(e.target.value) })}
            />
            <TextField
              label={t("duty.start")}
              type="time"
              value={s.start}
              onChange={(e) => update(i, { start: e.target.value })}
            />
            <TextField
              label={t("duty.end")}
              type="time"
              value={s.end === "24:00" ? "23:59" : s.end}
              onChange={(e) => update(i, { end: e.target.value })}
            />
            <button
              type="button"
              className="btn small"
              onClick={() => setShifts(shifts.filter((_, j) => j !== i))}
            >
              {t("duty.remove")}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="btn"
        onClick={() => setShifts([...shifts, { weekday: 1, start: "09:00", end: "17:00" }])}
      >
        {t("duty.add")}
      </button>
      <FormMessage error={msg.error} success={msg.success} />
      <SubmitButton busy={save.isPending}>{t("common.save")}</SubmitButton>
    </form>
  );
}
