import { ReportProjectCreateSchema } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useStations } from "../api/booking";
import { useCreateReportProject, useReportProjects, useSocialWorkers } from "../api/reports";
import {
  CheckboxGroup,
  errorText,
  type FieldErrors,
  FormMessage,
  SubmitButton,
  serverFieldErrors,
  TextField,
  validate,
} from "../components/form";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";

const today = () => new Date().toISOString().slice(0, 10);
const EMPTY = {
  name: "",
  district: "",
  from: "",
  to: "",
  stationIds: [] as string[],
  socialWorkerIds: [] as string[],
};

/** Admins: define a project (name, district or stations, dates, social workers). */
function CreateProject() {
  const { t } = useTranslation();
  const create = useCreateReportProject();
  const stations = useStations();
  const workers = useSocialWorkers(true);
  const [v, setV] = useState({ ...EMPTY, to: today() });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setV({ ...v, [k]: e.target.value });

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const r = validate(ReportProjectCreateSchema, { ...v, district: v.district.trim() || null }, t);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    try {
      const p = await create.mutateAsync(r.data);
      setMsg({ success: t("report.created", { name: p.name }) });
      setV({ ...EMPTY, to: today() });
    } catch (err) {
      setErrors(serverFieldErrors(err, t));
      setMsg({ error: errorText(err, t) });
    }
  }

  return (
    <form className="card form section" onSubmit={onSubmit} noValidate>
      <h2>{t("report.newProject")}</h2>
      <TextField
        label={t("report.name")}
        value={v.name}
        onChange={set("name")}
        error={errors.name}
        required
      />
      <TextField
        label={t("report.district")}
        value={v.district}
        onChange={set("district")}
        error={errors.district}
      />
      <TextField
        label={t("report.from")}
        type="date"
        value={v.from}
        onChange={set("from")}
        error={errors.from}
        required
      />
      <TextField
        label={t("report.to")}
        type="date"
        value={v.to}
        onChange={set("to")}
        error={errors.to}
        required
      />
      <CheckboxGroup
        legend={t("report.stations")}
        options={(stations.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={v.stationIds}
        onChange={(stationIds) => setV({ ...v, stationIds })}
        error={errors.stationIds}
      />
      <CheckboxGroup
        legend={t("report.socialWorkers")}
        options={(workers.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
        value={v.socialWorkerIds}
        onChange={(socialWorkerIds) => setV({ ...v, socialWorkerIds })}
        error={errors.socialWorkerIds}
      />
      <FormMessage {...msg} />
      <SubmitButton busy={create.isPending}>{t("report.create")}</SubmitButton>
    </form>
  );
}

/** Social workers and admins: the report projects they may read; admins also create them. */
export function ReportProjectsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const projects = useReportProjects();
  return (
    <Page title={t("report.projects")}>
      {projects.isPending ? (
        <Loading />
      ) : projects.isError ? (
        <ErrorBox error={projects.error} retry={() => void projects.refetch()} />
      ) : projects.data.length === 0 ? (
        <Empty>{t("report.noProjects")}</Empty>
      ) : (
        <ul className="cards">
          {projects.data.map((p) => (
            <li key={p.id} className="card">
              <h2>{p.name}</h2>
              <p className="muted small">
                {p.district ?? "—"} · {p.from} – {p.to}
              </p>
              <Link to={`/reports/${p.id}`} className="btn">
                {t("report.open", { name: p.name })}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {me.role === "admin" && <CreateProject />}
    </Page>
  );
}
