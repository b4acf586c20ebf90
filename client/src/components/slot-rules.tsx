import { SERVICE_TYPES, type ServiceType, SlotRuleCreateSchema } from "@carecircle/shared";
import { format } from "date-fns";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useBlackouts, useSlotRules, useStationAdmin } from "../api/booking";
import { CheckboxGroup, errorText, type FieldErrors, FormMessage, TextField, validate } from "./form";
import { SessionFields } from "./session-fields";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function Rules({ stationId, services }: { stationId: string; services: ServiceType[] }) {
  const { t } = useTranslation();
  const rules = useSlotRules(stationId);
  const admin = useStationAdmin();
  const [v, setV] = useState({
    weekdays: ["1", "3", "5"],
    start: "09:00",
    end: "12:00",
    capacity: "4",
    serviceType: services[0] ?? ("respite" as ServiceType),
    validFrom: format(new Date(), "yyyy-MM-dd"),
    weeksAhead: "4",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const r = validate(
      SlotRuleCreateSchema,
      {
        stationId,
        serviceType: v.serviceType,
        weekdays: v.weekdays.map(Number).sort(),
        startTime: v.start,
        endTime: v.end,
        capacity: Number(v.capacity),
        validFrom: v.validFrom,
        weeksAhead: Number(v.weeksAhead),
      },
      t,
    );
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    try {
      const res = await admin.createRule.mutateAsync(r.data);
      setMsg({ success: t("slots.ruleCreated", { count: res.created }) });
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    }
  }
  return (
    <section className="card" aria-labelledby="rules-h">
      <h2 id="rules-h">{t("slots.rules")}</h2>
      {rules.data && rules.data.length > 0 ? (
        <ul className="list">
          {rules.data.map((r) => (
            <li key={r.id} className="list-item">
              <p>
                {r.weekdays.map((w) => t(`weekday.${w}`)).join("、")} {r.startTime}–{r.endTime} ·{" "}
                {t(`service.${r.serviceType}`)} · {t("slots.capacityN", { count: r.capacity })}
              </p>
              <button
                type="button"
                className="btn small danger"
                onClick={() => admin.deleteRule.mutate(r.id)}
              >
                {t("slots.retireRule")}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("slots.noRules")}</p>
      )}
      <form onSubmit={onSubmit} noValidate className="form">
        <h3>{t("slots.newRule")}</h3>
        <CheckboxGroup
          legend={t("slots.weekdays")}
          options={WEEKDAYS.map((w) => ({ value: String(w), label: t(`weekday.${w}`) }))}
          value={v.weekdays}
          error={errors.weekdays}
          onChange={(weekdays) => setV({ ...v, weekdays })}
        />
        <div className="grid-2">
          <SessionFields
            services={services}
            value={v}
            errors={{ start: errors.startTime, end: errors.endTime, capacity: errors.capacity }}
            onChange={(patch) => setV({ ...v, ...patch })}
          />
          <TextField
            label={t("slots.validFrom")}
            type="date"
            value={v.validFrom}
            error={errors.validFrom}
            onChange={(e) => setV({ ...v, validFrom: e.target.value })}
          />
          <TextField
            label={t("slots.weeksAhead")}
            type="number"
            min={1}
            value={v.weeksAhead}
            error={errors.weeksAhead}
            onChange={(e) => setV({ ...v, weeksAhead: e.target.value })}
          />
        </div>
        <FormMessage error={msg.error} success={msg.success} />
        <button type="submit" className="btn primary" disabled={admin.createRule.isPending}>
          {t("slots.createRule")}
        </button>
      </form>
    </section>
  );
}

export function Blackouts({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const list = useBlackouts(stationId);
  const admin = useStationAdmin();
  const [date, setDate] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="bo-h">
      <h2 id="bo-h">{t("slots.blackouts")}</h2>
      <p className="hint">{t("slots.blackoutHelp")}</p>
      {list.data && list.data.length > 0 && (
        <ul className="list">
          {list.data.map((b) => (
            <li key={b.date} className="list-item">
              <p>
                {b.date} {b.reason && `· ${b.reason}`}
              </p>
              <button
                type="button"
                className="btn small"
                onClick={() => admin.removeBlackout.mutate({ stationId, date: b.date })}
              >
                {t("slots.reopen", { date: b.date })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (!date) return setError(t("validation.required"));
          if (!window.confirm(t("slots.confirmBlackout", { date }))) return;
          setError(null);
          try {
            await admin.addBlackout.mutateAsync({ stationId, date, reason });
            setDate("");
            setReason("");
          } catch (err) {
            setError(errorText(err, t));
          }
        }}
      >
        <div className="grid-2">
          <TextField
            label={t("slots.date")}
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
          <TextField
            label={t("slots.blackoutReason")}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <FormMessage error={error} />
        <button type="submit" className="btn">
          {t("slots.addBlackout")}
        </button>
      </form>
    </section>
  );
}

export { SERVICE_TYPES };
