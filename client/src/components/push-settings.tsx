import { PUSH_KINDS, type PushKind, PushPreferencesPutSchema, type Role } from "@carecircle/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  pushSupported,
  usePushDevice,
  usePushPreferences,
  useSetPushPreferences,
  useTogglePushDevice,
} from "../api/push";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";
import { errorText, FormMessage, SubmitButton, TextField, validate } from "./form";
import { Loading } from "./ui";

const STAFF_ONLY: readonly PushKind[] = ["alerts", "reports"];
const kindsFor = (role: Role) =>
  PUSH_KINDS.filter((k) => !STAFF_ONLY.includes(k) || role === "social_worker" || role === "admin");

/** Push on this device: a switch, and what the browser said if it refused. */
function ThisDevice() {
  const { t } = useTranslation();
  const device = usePushDevice();
  const toggle = useTogglePushDevice();
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  if (!pushSupported()) return <p className="hint">{t("push.unsupported")}</p>;
  const on = device.data === true;
  async function flip() {
    setMsg({});
    try {
      const permission = await toggle.mutateAsync(!on);
      if (!on && permission === "denied") setMsg({ error: t("push.denied") });
      else setMsg({ success: on ? t("push.offDone") : t("push.onDone") });
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    }
  }
  return (
    <div className="stack">
      <p>{on ? t("push.deviceOn") : t("push.deviceOff")}</p>
      <button
        type="button"
        className="btn"
        disabled={toggle.isPending || device.isLoading}
        onClick={() => void flip()}
      >
        {on ? t("push.turnOff") : t("push.turnOn")}
      </button>
      <FormMessage error={msg.error} success={msg.success} />
    </div>
  );
}

/**
 * Settings: push notifications. Turn them on for this phone, choose what is pushed, and set quiet
 * hours (in the deployment's time zone; alerts still reach a social worker on duty).
 */
export function PushSettings() {
  const { t } = useTranslation();
  const d = useDates();
  const me = useMe();
  const prefs = usePushPreferences();
  const save = useSetPushPreferences();
  const [kinds, setKinds] = useState<Partial<Record<PushKind, boolean>>>({});
  const [quiet, setQuiet] = useState<{ start: string; end: string } | null>(null);
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  useEffect(() => {
    if (!prefs.data) return;
    setKinds(prefs.data.kinds);
    setQuiet(prefs.data.quietHours);
  }, [prefs.data]);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const v = validate(PushPreferencesPutSchema, { kinds, quietHours: quiet }, t);
    if (!v.ok) return setMsg({ error: t("push.invalidQuiet") });
    try {
      await save.mutateAsync(v.data);
      setMsg({ success: t("common.saved") });
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    }
  }

  if (!prefs.data) return <Loading />;
  return (
    <section className="card" aria-labelledby="push-h">
      <h2 id="push-h">{t("push.title")}</h2>
      <ThisDevice />
      <form className="form" onSubmit={onSubmit} noValidate>
        <fieldset>
          <legend>{t("push.kindsLegend")}</legend>
          {kindsFor(me.role).map((k) => (
            <label key={k} className="check big">
              <input
                type="checkbox"
                checked={kinds[k] !== false}
                onChange={(e) => setKinds({ ...kinds, [k]: e.target.checked })}
              />
              <span>{t(`push.kinds.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="check big">
          <input
            type="checkbox"
            checked={quiet !== null}
            onChange={(e) => setQuiet(e.target.checked ? { start: "22:00", end: "07:00" } : null)}
          />
          <span>{t("push.quiet")}</span>
        </label>
        <p className="hint">{t("push.quietHint", { zone: d.zone(prefs.data.timeZone) })}</p>
        {quiet && (
          <div className="quiet-row">
            <TextField
              label={t("push.quietStart")}
              type="time"
              value={quiet.start}
              onChange={(e) => setQuiet({ ...quiet, start: e.target.value })}
            />
            <TextField
              label={t("push.quietEnd")}
              type="time"
              value={quiet.end}
              onChange={(e) => setQuiet({ ...quiet, end: e.target.value })}
            />
          </div>
        )}
        <FormMessage error={msg.error} success={msg.success} />
        <SubmitButton busy={save.isPending}>{t("common.save")}</SubmitButton>
      </form>
    </section>
  );
}
