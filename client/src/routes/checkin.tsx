import { CheckinCreateSchema } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCheckins, useCreateCheckin } from "../api/booking";
import { errorText, FormMessage, TextArea, validate } from "../components/form";
import { Page } from "../components/ui";
import { useDates } from "../i18n/dates";

const LEVELS = [1, 2, 3, 4, 5] as const;

/** The caregiver's own 1-5 stress rating; high stress moves the family up waitlists. */
export function CheckinPage() {
  const { t } = useTranslation();
  const d = useDates();
  const list = useCheckins();
  const create = useCreateCheckin();
  const [stress, setStress] = useState<number | null>(null);
  const [note, setNote] = useState("");
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const v = validate(
      CheckinCreateSchema,
      { stress: stress ?? undefined, ...(note.trim() ? { note } : {}) },
      t,
    );
    if (!v.ok) return setMsg({ error: v.errors.stress ? t("checkin.pickOne") : t("validation.fixBelow") });
    try {
      await create.mutateAsync(v.data);
      setMsg({ success: t("checkin.thanks") });
      setStress(null);
      setNote("");
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    }
  }

  return (
    <Page title={t("checkin.title")}>
      <p className="lead">{t("checkin.lead")}</p>
      <form className="card form" onSubmit={onSubmit} noValidate>
        <fieldset className="field stress">
          <legend>{t("checkin.question")}</legend>
          <div className="stress-scale">
            {LEVELS.map((n) => (
              <label key={n} className={stress === n ? "stress-opt on" : "stress-opt"}>
                <input
                  type="radio"
                  name="stress"
                  value={n}
                  checked={stress === n}
                  onChange={() => setStress(n)}
                />
                <span className="stress-n">{n}</span>
                <span className="small">{t(`checkin.levels.${n}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <TextArea label={t("checkin.note")} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        <FormMessage error={msg.error} success={msg.success} />
        <button type="submit" className="btn primary" disabled={create.isPending}>
          {t("checkin.submit")}
        </button>
        {msg.success && (
          <p>
            <Link to="/book">{t("checkin.bookNow")}</Link>
          </p>
        )}
      </form>
      {list.data && list.data.checkins.length > 0 && (
        <section className="card" aria-labelledby="hist-h">
          <h2 id="hist-h">{t("checkin.history")}</h2>
          <ul className="plain">
            {list.data.checkins.slice(0, 10).map((c) => (
              <li key={c.id}>
                {d.dateTime(c.createdAt)} · {t("checkin.level", { n: c.stress })}{" "}
                {c.user ? `· ${c.user.displayName}` : ""}
                {c.note ? ` · ${c.note}` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
