import { ACTIVITY_AUDIENCES, ACTIVITY_KINDS, ActivityCreateSchema, localInstant } from "@carecircle/shared";
import { addDays, format } from "date-fns";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCreateActivity } from "../../api/activities";
import { useMyStations } from "../../api/my-stations";
import { useMe } from "../../hooks/use-auth";
import { explainError } from "../../i18n/errors";
import { type FieldErrors, FormMessage, SelectField, SubmitButton, TextField, validate } from "../form";
import { ACTIVITY_TZ } from "./activity-words";

/** Where the API's fields show in the form (the two instants are the start and end time fields). */
const PLACES = {
  kind: "kind",
  topic: "topic",
  facilitator: "facilitator",
  stationId: "stationId",
  location: "location",
  audience: "audience",
  capacity: "capacity",
  startsAt: "date",
  endsAt: "end",
};

const blank = () => ({
  kind: "parent_training" as string,
  topic: "",
  facilitator: "",
  stationId: "",
  location: "",
  audience: "caregivers" as string,
  capacity: "10",
  date: format(addDays(new Date(), 7), "yyyy-MM-dd"),
  start: "14:00",
  end: "16:00",
});
type Values = ReturnType<typeof blank>;

/** The form's values as the API takes them (times in Asia/Shanghai), or null when a date or time is not one. */
function toInput(v: Values): Record<string, unknown> | null {
  try {
    return {
      kind: v.kind,
      topic: v.topic,
      facilitator: v.facilitator,
      ...(v.stationId ? { stationId: v.stationId } : {}),
      ...(v.location.trim() ? { location: v.location } : {}),
      audience: v.audience,
      capacity: Number(v.capacity),
      startsAt: localInstant(v.date, v.start, ACTIVITY_TZ).toISOString(),
      endsAt: localInstant(v.date, v.end, ACTIVITY_TZ).toISOString(),
    };
  } catch {
    return null;
  }
}

/**
 * Organisers: a new session. Station staff run it at one of their stations; social workers and
 * admins at any station or none (then the place is the free-text location). Field errors come from
 * the shared schema first, then from the server's `details`.
 */
export function NewActivityForm({ onDone, onCancel }: { onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const create = useCreateActivity();
  const { stations } = useMyStations();
  const [v, setV] = useState(blank);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const staffOnly = me.role === "station_staff";
  const stationId = v.stationId || (staffOnly ? (stations?.[0]?.id ?? "") : "");
  const set = (patch: Partial<Values>) => setV((old) => ({ ...old, ...patch }));

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setFormError(null);
    const input = toInput({ ...v, stationId });
    if (!input) return setErrors({ date: t("validation.format") });
    const r = validate(ActivityCreateSchema, input, t);
    if (!r.ok) {
      const { startsAt, endsAt, ...rest } = r.errors;
      const end = endsAt && v.end <= v.start ? t("validation.endBeforeStart") : endsAt;
      return setErrors({ ...rest, ...(startsAt ? { date: startsAt } : {}), ...(end ? { end } : {}) });
    }
    setErrors({});
    try {
      await create.mutateAsync(r.data);
      setV(blank());
      onDone();
    } catch (err) {
      const x = explainError(err, t, PLACES);
      setErrors(x.fields);
      setFormError(x.form);
    }
  }

  const stationOptions = (stations ?? []).map((o) => ({ value: o.id, label: o.name }));
  return (
    <form className="card form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="new-act-h">
      <h2 id="new-act-h">{t("activities.newTitle")}</h2>
      <ActivityFields
        v={{ ...v, stationId }}
        errors={errors}
        set={set}
        stationOptions={
          staffOnly ? stationOptions : [{ value: "", label: t("activities.noStation") }, ...stationOptions]
        }
      />
      <FormMessage error={formError} />
      <div className="row">
        <SubmitButton busy={create.isPending}>{t("activities.create")}</SubmitButton>
        <button type="button" className="btn" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** The form's fields, each with its error; the times are Asia/Shanghai wall-clock times. */
function ActivityFields({
  v,
  errors,
  set,
  stationOptions,
}: {
  v: Values;
  errors: FieldErrors;
  set(patch: Partial<Values>): void;
  stationOptions: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t("activities.kindLabel")}
        value={v.kind}
        error={errors.kind}
        options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))}
        onChange={(e) => set({ kind: e.target.value })}
      />
      <TextField
        label={t("activities.topic")}
        value={v.topic}
        error={errors.topic}
        onChange={(e) => set({ topic: e.target.value })}
      />
      <TextField
        label={t("activities.facilitator")}
        value={v.facilitator}
        error={errors.facilitator}
        onChange={(e) => set({ facilitator: e.target.value })}
      />
      <SelectField
        label={t("activities.station")}
        value={v.stationId}
        error={errors.stationId}
        options={stationOptions}
        onChange={(e) => set({ stationId: e.target.value })}
      />
      <TextField
        label={t("activities.location")}
        hint={t("activities.locationHint")}
        value={v.location}
        error={errors.location}
        onChange={(e) => set({ location: e.target.value })}
      />
      <SelectField
        label={t("activities.audienceLabel")}
        value={v.audience}
        error={errors.audience}
        options={ACTIVITY_AUDIENCES.map((a) => ({ value: a, label: t(`activities.audience.${a}`) }))}
        onChange={(e) => set({ audience: e.target.value })}
      />
      <div className="grid-2">
        <TextField
          label={t("activities.capacity")}
          type="number"
          min={1}
          value={v.capacity}
          error={errors.capacity}
          onChange={(e) => set({ capacity: e.target.value })}
        />
        <TextField
          label={t("slots.date")}
          type="date"
          value={v.date}
          error={errors.date}
          onChange={(e) => set({ date: e.target.value })}
        />
        <TextField
          label={t("slots.start")}
          type="time"
          value={v.start}
          error={errors.start}
          onChange={(e) => set({ start: e.target.value })}
        />
        <TextField
          label={t("slots.end")}
          type="time"
          value={v.end}
          error={errors.end}
          onChange={(e) => set({ end: e.target.value })}
        />
      </div>
    </>
  );
}
