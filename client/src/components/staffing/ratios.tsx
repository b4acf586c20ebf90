import type { ServiceType, StationStaffing } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useStations } from "../../api/booking";
import { call } from "../../api/call";
import { ROUTES } from "../../api/routes.gen";
import { errorText, FormMessage, SubmitButton, serverFieldErrors, TextField } from "../form";
import { useWatchedChange } from "./coverage-notice";

/** Children per staff member for each service the station offers: set, or cleared (not limited). */
export function RatioSection({ s }: { s: StationStaffing }) {
  const { t } = useTranslation();
  const stations = useStations();
  const offered = stations.data?.find((st) => st.id === s.stationId)?.serviceTypes ?? [];
  return (
    <section className="card" aria-labelledby="staffing-ratios">
      <h2 id="staffing-ratios">{t("staffing.ratios")}</h2>
      <p className="muted small">{t("staffing.ratiosHint")}</p>
      {offered.map((service) => (
        <RatioForm
          key={service}
          s={s}
          service={service}
          current={s.ratios.find((r) => r.serviceType === service)?.childrenPerStaff ?? null}
        />
      ))}
    </section>
  );
}

function RatioForm({
  s,
  service,
  current,
}: {
  s: StationStaffing;
  service: ServiceType;
  current: number | null;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(current === null ? "" : String(current));
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const put = useWatchedChange(s.stationId, (childrenPerStaff: number | null) =>
    call(ROUTES.putStationRatio, {
      params: { id: s.stationId },
      body: { serviceType: service, childrenPerStaff },
    }),
  );
  async function save(next: number | null) {
    setError(null);
    setSaved(null);
    try {
      await put.mutateAsync(next);
      setFieldError(undefined);
      setSaved(next === null ? t("staffing.ratioCleared") : t("common.saved"));
      if (next === null) setValue("");
    } catch (err) {
      const f = serverFieldErrors(err, t);
      if (f.childrenPerStaff) setFieldError(f.childrenPerStaff);
      else setError(errorText(err, t));
    }
  }
  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const n = Number(value);
    if (!value || !Number.isInteger(n) || n < 1 || n > 50) return setFieldError(t("staffing.ratioRange"));
    void save(n);
  }
  const serviceName = t(`service.${service}`);
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="form compact"
      aria-label={t("staffing.ratioFor", { service: serviceName })}
    >
      <TextField
        label={t("staffing.ratioFor", { service: serviceName })}
        hint={current === null ? t("staffing.noRatio") : t("staffing.ratioNow", { n: current })}
        type="number"
        inputMode="numeric"
        min={1}
        max={50}
        value={value}
        error={fieldError}
        onChange={(e) => setValue(e.target.value)}
      />
      <FormMessage error={error} success={saved} />
      <div className="row">
        <SubmitButton busy={put.isPending}>{t("staffing.setRatio")}</SubmitButton>
        {current !== null && (
          <button type="button" className="btn" disabled={put.isPending} onClick={() => void save(null)}>
            {t("staffing.clearRatio")}
          </button>
        )}
      </div>
    </form>
  );
}
