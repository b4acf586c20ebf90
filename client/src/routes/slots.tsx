import {
  localInstant,
  type ServiceType,
  type Slot,
  SlotCreateSchema,
  SlotUpdateSchema,
} from "@carecircle/shared";
import { addDays, format } from "date-fns";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSlots, useStationAdmin } from "../api/booking";
import { useMyStations } from "../api/my-stations";
import { CancelSlotDialog } from "../components/cancel-slot-dialog";
import { type FieldErrors, FormMessage, SelectField, TextField, validate } from "../components/form";
import { SessionFields } from "../components/session-fields";
import { Blackouts, Rules } from "../components/slot-rules";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useDates } from "../i18n/dates";
import { explainError } from "../i18n/errors";

/** Staff and social workers: a station's slots, weekly rules and closed dates. */
export function SlotsPage() {
  const { t } = useTranslation();
  const d = useDates();
  const { stations, isPending, error } = useMyStations();
  const [stationId, setStationId] = useState("");
  const station = stations?.find((s) => s.id === stationId) ?? stations?.[0];
  if (isPending) return <Loading />;
  if (error) return <ErrorBox error={error} />;
  if (!station)
    return (
      <Page title={t("slots.title")}>
        <Empty>{t("roster.noStation")}</Empty>
      </Page>
    );
  return (
    <Page title={t("slots.title")}>
      {(stations?.length ?? 0) > 1 && (
        <SelectField
          label={t("booking.station")}
          value={station.id}
          options={(stations ?? []).map((s) => ({ value: s.id, label: s.name }))}
          onChange={(e) => setStationId(e.target.value)}
        />
      )}
      <p className="muted">{t("slots.timeZone", { tz: d.zone(station.timeZone) })}</p>
      <UpcomingSlots stationId={station.id} />
      <NewSlot stationId={station.id} tz={station.timeZone} services={station.serviceTypes} />
      <Rules stationId={station.id} services={station.serviceTypes} />
      <Blackouts stationId={station.id} />
    </Page>
  );
}

function UpcomingSlots({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const [from] = useState(() => new Date());
  const slots = useSlots({ from: from.toISOString(), to: addDays(from, 21).toISOString(), stationId });
  return (
    <section className="card" aria-labelledby="up-slots-h">
      <h2 id="up-slots-h">{t("slots.upcoming")}</h2>
      {slots.isPending ? (
        <Loading />
      ) : slots.isError ? (
        <ErrorBox error={slots.error} />
      ) : slots.data.length === 0 ? (
        <p className="muted">{t("booking.noSlots")}</p>
      ) : (
        <ul className="list">
          {slots.data.map((s) => (
            <SlotRow key={s.id} s={s} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SlotRow({ s }: { s: Slot }) {
  const { t } = useTranslation();
  const d = useDates();
  const admin = useStationAdmin();
  const [cap, setCap] = useState(String(s.capacity));
  const [error, setError] = useState<string | null>(null);
  const [capError, setCapError] = useState<string | undefined>();
  const [cancelling, setCancelling] = useState(false);
  async function run(p: Promise<unknown>) {
    setError(null);
    setCapError(undefined);
    try {
      await p;
    } catch (err) {
      const e = explainError(err, t, ["capacity"]);
      setCapError(e.fields.capacity);
      setError(e.form);
    }
  }
  function saveCapacity() {
    const r = validate(SlotUpdateSchema, { capacity: Number(cap) }, t);
    if (!r.ok) return setCapError(r.errors.capacity);
    void run(admin.updateSlot.mutateAsync({ id: s.id, capacity: r.data.capacity }));
  }
  return (
    <li className="list-item">
      <p>
        <strong>
          {d.day(s.startsAt, s.station.timeZone)} {s.localStartTime}–{s.localEndTime}
        </strong>{" "}
        <span className="tag">{t(`service.${s.serviceType}`)}</span>
        {s.cancelled && <span className="tag danger">{t("slots.cancelled")}</span>}
      </p>
      <p className="muted">
        {t("roster.seats", { booked: s.confirmedCount, capacity: s.capacity, waitlist: s.waitlistCount })}
      </p>
      {!s.cancelled && (
        <div className="row">
          <TextField
            label={t("slots.capacity")}
            type="number"
            min={1}
            value={cap}
            error={capError}
            onChange={(e) => setCap(e.target.value)}
          />
          <button type="button" className="btn small" onClick={saveCapacity}>
            {t("slots.saveCapacity")}
          </button>
          <button type="button" className="btn small danger" onClick={() => setCancelling(true)}>
            {t("slots.cancel")}
          </button>
        </div>
      )}
      {!s.cancelled && <CancelSlotDialog slot={s} open={cancelling} onClose={() => setCancelling(false)} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** Where the API's fields of a new slot show in its form (both times are the start and end fields). */
const NEW_SLOT_FIELDS = ["startsAt", "endsAt", "capacity"];

function NewSlot({ stationId, tz, services }: { stationId: string; tz: string; services: ServiceType[] }) {
  const { t } = useTranslation();
  const admin = useStationAdmin();
  const [v, setV] = useState({
    date: format(addDays(new Date(), 1), "yyyy-MM-dd"),
    start: "09:00",
    end: "12:00",
    capacity: "4",
    serviceType: services[0] ?? "respite",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    let input: unknown;
    try {
      input = {
        stationId,
        serviceType: v.serviceType,
        startsAt: localInstant(v.date, v.start, tz).toISOString(),
        endsAt: localInstant(v.date, v.end, tz).toISOString(),
        capacity: Number(v.capacity),
      };
    } catch {
      return setMsg({ error: t("validation.format") });
    }
    const r = validate(SlotCreateSchema, input, t);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    try {
      await admin.createSlot.mutateAsync(r.data);
      setMsg({ success: t("slots.created") });
    } catch (err) {
      const e = explainError(err, t, NEW_SLOT_FIELDS);
      setErrors(e.fields);
      setMsg({ error: e.form });
    }
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="new-slot-h">
      <h2 id="new-slot-h">{t("slots.newSlot")}</h2>
      <div className="grid-2">
        <TextField
          label={t("slots.date")}
          type="date"
          value={v.date}
          onChange={(e) => setV({ ...v, date: e.target.value })}
        />
        <SessionFields
          services={services}
          value={v}
          errors={{ start: errors.startsAt, end: errors.endsAt, capacity: errors.capacity }}
          onChange={(patch) => setV({ ...v, ...patch })}
        />
      </div>
      <FormMessage error={msg.error} success={msg.success} />
      <button type="submit" className="btn primary" disabled={admin.createSlot.isPending}>
        {t("slots.create")}
      </button>
    </form>
  );
}
