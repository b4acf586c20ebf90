import {
  type OpeningHours,
  type Station,
  type StationUpdateInput,
  StationUpdateSchema,
} from "@carecircle/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useStations } from "../api/booking";
import { call } from "../api/call";
import { useAdminUsers } from "../api/core";
import { ROUTES } from "../api/routes.gen";
import { hoursText, parseHours } from "../components/booking/opening-hours";
import {
  errorText,
  type FieldErrors,
  FormMessage,
  SelectField,
  SubmitButton,
  serverFieldErrors,
  TextField,
  validate,
} from "../components/form";
import { StationOfferFields } from "../components/station-offer-fields";
import { ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";

const DAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
const POLICY = [
  "bookingWindowDays",
  "cancelCutoffHours",
  "maxBookingsPerWeek",
  "maxHoursPerMonth",
  "promotionGraceMinutes",
  "reminderHour",
] as const;

function useStationMutations(id: string) {
  const qc = useQueryClient();
  const onSuccess = () => void qc.invalidateQueries({ queryKey: ["stations"] });
  return {
    update: useMutation({
      mutationFn: (input: StationUpdateInput) => call(ROUTES.updateStation, { params: { id }, body: input }),
      onSuccess,
    }),
    addStaff: useMutation({
      mutationFn: (userId: string) => call(ROUTES.addStationStaff, { params: { id }, body: { userId } }),
      onSuccess,
    }),
    removeStaff: useMutation({
      mutationFn: (userId: string) => call(ROUTES.removeStationStaff, { params: { id, userId } }),
      onSuccess,
    }),
  };
}

/** Social workers and admins: change a station's details, hours, policy and staff. */
export function StationEditPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const stations = useStations();
  if (stations.isPending) return <Loading />;
  if (stations.isError) return <ErrorBox error={stations.error} retry={() => void stations.refetch()} />;
  const station = stations.data.find((s) => s.id === id);
  if (!station)
    return (
      <Page title={t("common.notFound")}>
        <p>{t("common.notFoundHelp")}</p>
      </Page>
    );
  return (
    <Page title={t("stationEdit.title", { name: station.name })}>
      <p className="muted small">
        <Link to="/stations">{t("stationEdit.back")}</Link> ·{" "}
        <Link to={`/stations/${station.id}/staffing`}>{t("staffing.open")}</Link>
      </p>
      <DetailsForm station={station} />
      <StaffSection station={station} />
    </Page>
  );
}

function formOf(s: Station) {
  return {
    name: s.name,
    district: s.district,
    address: s.address,
    phone: s.phone,
    mapQuery: s.mapQuery ?? "",
    disabilityTypes: [...s.disabilityTypes] as string[],
    serviceTypes: [...s.serviceTypes] as string[],
    hours: Object.fromEntries(DAYS.map((d) => [d, hoursText((s.openingHours as OpeningHours)[d])])) as Record<
      (typeof DAYS)[number],
      string
    >,
    ...(Object.fromEntries(POLICY.map((k) => [k, String(s[k])])) as Record<(typeof POLICY)[number], string>),
  };
}

function DetailsForm({ station }: { station: Station }) {
  const { t } = useTranslation();
  const m = useStationMutations(station.id);
  const [v, setV] = useState(() => formOf(station));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  useEffect(() => setV(formOf(station)), [station]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setMsg({});
    const now = formOf(station);
    const changed: Record<string, unknown> = {};
    for (const k of ["name", "district", "address", "phone"] as const) if (v[k] !== now[k]) changed[k] = v[k];
    if (v.mapQuery !== now.mapQuery) changed.mapQuery = v.mapQuery.trim() || null;
    for (const k of ["disabilityTypes", "serviceTypes"] as const)
      if ([...v[k]].sort().join() !== [...now[k]].sort().join()) changed[k] = v[k];
    for (const k of POLICY) if (v[k] !== now[k]) changed[k] = v[k].trim() === "" ? Number.NaN : Number(v[k]);
    const local: FieldErrors = {};
    if (DAYS.some((d) => v.hours[d] !== now.hours[d])) {
      const hours: Record<string, [string, string][]> = {};
      for (const d of DAYS) {
        const r = parseHours(v.hours[d]);
        if (r === null) local[`openingHours.${d}`] = t("stationEdit.hoursFormat");
        else if (r.length > 0) hours[d] = r;
      }
      changed.openingHours = hours;
    }
    if (Object.keys(local).length > 0) return setErrors(local);
    if (Object.keys(changed).length === 0) return setMsg({ success: t("stationEdit.unchanged") });
    const r = validate(StationUpdateSchema, changed, t);
    if (!r.ok) {
      // an error inside one day's hours shows under that day
      const errs: FieldErrors = {};
      for (const [k, msg] of Object.entries(r.errors)) {
        const day = /^openingHours\.(\d)/.exec(k)?.[1];
        errs[day ? `openingHours.${day}` : k] = day ? t("stationEdit.hoursFormat") : msg;
      }
      return setErrors(errs);
    }
    setErrors({});
    try {
      await m.update.mutateAsync(r.data);
      setMsg({ success: t("stationEdit.saved") });
    } catch (err) {
      setErrors(serverFieldErrors(err, t));
      setMsg({ error: errorText(err, t) });
    }
  }

  const text = (
    k: "name" | "district" | "address" | "phone" | "mapQuery",
    label: string,
    type = "text",
    hint?: string,
  ) => (
    <TextField
      label={label}
      hint={hint}
      type={type}
      value={v[k]}
      error={errors[k]}
      onChange={(e) => setV({ ...v, [k]: e.target.value })}
    />
  );
  return (
    <form className="card form section" onSubmit={submit} noValidate aria-labelledby="station-details-h">
      <h2 id="station-details-h">{t("stationEdit.details")}</h2>
      {text("name", t("stations.name"))}
      {text("district", t("stations.district"))}
      {text("address", t("stations.address"))}
      {text("mapQuery", t("stationEdit.mapQuery"), "text", t("stationEdit.mapQueryHint"))}
      {text("phone", t("stations.phone"), "tel")}
      <fieldset className="field">
        <legend>{t("stationEdit.openingHours")}</legend>
        <p className="hint">{t("stationEdit.hoursHint")}</p>
        <div className="grid-2">
          {DAYS.map((d) => (
            <TextField
              key={d}
              label={t(`weekday.${d}`)}
              value={v.hours[d]}
              error={errors[`openingHours.${d}`]}
              onChange={(e) => setV({ ...v, hours: { ...v.hours, [d]: e.target.value } })}
            />
          ))}
        </div>
      </fieldset>
      <StationOfferFields value={v} errors={errors} onChange={(patch) => setV({ ...v, ...patch })} />
      <div className="grid-2">
        {POLICY.map((k) => (
          <TextField
            key={k}
            label={t(`stationEdit.policy.${k}`)}
            type="number"
            inputMode="numeric"
            min={0}
            value={v[k]}
            error={errors[k]}
            onChange={(e) => setV({ ...v, [k]: e.target.value })}
          />
        ))}
      </div>
      <FormMessage error={msg.error ?? null} success={msg.success ?? null} />
      <SubmitButton busy={m.update.isPending}>{t("stationEdit.save")}</SubmitButton>
    </form>
  );
}

function StaffSection({ station }: { station: Station }) {
  const { t } = useTranslation();
  const me = useMe();
  const isAdmin = me.role === "admin";
  const users = useAdminUsers(isAdmin);
  const m = useStationMutations(station.id);
  const [userId, setUserId] = useState("");
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  const onStation = new Set(station.staff.map((s) => s.id));
  const candidates = (users.data ?? [])
    .filter((u) => u.role === "station_staff" && u.status === "active" && !onStation.has(u.id))
    .map((u) => ({ value: u.id, label: `${u.displayName} · ${u.email}` }));

  async function add(e: React.FormEvent) {
    e.preventDefault();
    setMsg({});
    const id = userId.trim();
    if (!id) return setMsg({ error: t("stationEdit.pickStaff") });
    try {
      await m.addStaff.mutateAsync(id);
      setUserId("");
      setMsg({ success: t("stationEdit.staffAdded") });
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    }
  }
  async function remove(s: { id: string; displayName: string }) {
    if (!window.confirm(t("stationEdit.confirmRemoveStaff", { name: s.displayName, station: station.name })))
      return;
    setMsg({});
    try {
      await m.removeStaff.mutateAsync(s.id);
      setMsg({ success: t("stationEdit.staffRemoved", { name: s.displayName }) });
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    }
  }

  return (
    <section className="card section" aria-labelledby="station-staff-h">
      <h2 id="station-staff-h">{t("stations.staff")}</h2>
      {station.staff.length === 0 ? (
        <p className="empty">{t("stationEdit.noStaff")}</p>
      ) : (
        <ul className="list">
          {station.staff.map((s) => (
            <li key={s.id} className="list-item row">
              <span>{s.displayName}</span>
              <button type="button" className="btn small danger" onClick={() => void remove(s)}>
                {t("stationEdit.removeStaff", { name: s.displayName })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={add} noValidate>
        {isAdmin ? (
          <SelectField
            label={t("stationEdit.addStaffWho")}
            value={userId}
            options={[{ value: "", label: t("manage.choose") }, ...candidates]}
            onChange={(e) => setUserId(e.target.value)}
          />
        ) : (
          <TextField
            label={t("stationEdit.staffId")}
            hint={t("stationEdit.staffIdHint")}
            value={userId}
            autoComplete="off"
            onChange={(e) => setUserId(e.target.value)}
          />
        )}
        <FormMessage error={msg.error ?? null} success={msg.success ?? null} />
        <SubmitButton busy={m.addStaff.isPending}>{t("stationEdit.addStaff")}</SubmitButton>
      </form>
    </section>
  );
}
