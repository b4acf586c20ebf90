import { DISABILITY_TYPES, StationCreateSchema } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useStationAdmin, useStations } from "../api/booking";
import {
  errorText,
  type FieldErrors,
  FormMessage,
  SubmitButton,
  serverFieldErrors,
  TextField,
  validate,
} from "../components/form";
import { StationOfferFields } from "../components/station-offer-fields";
import { ErrorBox, Loading, Page } from "../components/ui";

const EMPTY = {
  name: "",
  district: "",
  address: "",
  phone: "",
  disabilityTypes: [...DISABILITY_TYPES] as string[],
  serviceTypes: ["respite"] as string[],
};

/** Social workers and admins: the care stations, and adding one. */
export function StationsPage() {
  const { t } = useTranslation();
  const stations = useStations();
  const admin = useStationAdmin();
  const [v, setV] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const r = validate(StationCreateSchema, v, t);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    try {
      const s = await admin.createStation.mutateAsync(r.data);
      setMsg({ success: t("stations.created", { name: s.name }) });
      setV(EMPTY);
    } catch (err) {
      setErrors(serverFieldErrors(err, t));
      setMsg({ error: errorText(err, t) });
    }
  }

  return (
    <Page
      title={t("stations.title")}
      actions={
        <Link to="/slots" className="btn">
          {t("nav.slots")}
        </Link>
      }
    >
      {stations.isPending ? (
        <Loading />
      ) : stations.isError ? (
        <ErrorBox error={stations.error} />
      ) : (
        <ul className="cards">
          {stations.data.map((s) => (
            <li key={s.id} className="card">
              <h2>{s.name}</h2>
              <p>
                {s.district} · {s.address}
              </p>
              <p className="muted small">
                {s.serviceTypes.map((x) => t(`service.${x}`)).join("、")} · {s.phone}
              </p>
              <p className="muted small">
                {t("stations.staff")}: {s.staff.map((x) => x.displayName).join("、") || "—"}
              </p>
              <Link to={`/stations/${s.id}`} className="btn">
                {t("stationEdit.link", { name: s.name })}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} noValidate className="card form section">
        <h2>{t("stations.new")}</h2>
        <TextField
          label={t("stations.name")}
          value={v.name}
          error={errors.name}
          onChange={(e) => setV({ ...v, name: e.target.value })}
        />
        <TextField
          label={t("stations.district")}
          value={v.district}
          error={errors.district}
          onChange={(e) => setV({ ...v, district: e.target.value })}
        />
        <TextField
          label={t("stations.address")}
          value={v.address}
          error={errors.address}
          onChange={(e) => setV({ ...v, address: e.target.value })}
        />
        <TextField
          label={t("stations.phone")}
          type="tel"
          value={v.phone}
          error={errors.phone}
          onChange={(e) => setV({ ...v, phone: e.target.value })}
        />
        <StationOfferFields value={v} errors={errors} onChange={(patch) => setV({ ...v, ...patch })} />
        <FormMessage error={msg.error} success={msg.success} />
        <SubmitButton busy={admin.createStation.isPending}>{t("stations.create")}</SubmitButton>
      </form>
    </Page>
  );
}
