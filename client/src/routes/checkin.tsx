import { CheckinCreateSchema } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCheckins, useCreateCheckin, useRespiteOffer } from "../api/booking";
import { errorText, FormMessage, TextArea, validate } from "../components/form";
import { HelpText } from "../components/help-text";
import { SlotItem } from "../components/slot-item";
import { StressHistory } from "../components/stress-history";
import { ErrorBox, Loading, Page } from "../components/ui";

const LEVELS = [1, 2, 3, 4, 5] as const;

/** The caregiver's own 1-5 stress rating; high stress moves the family up waitlists. */
export function CheckinPage() {
  const { t } = useTranslation();
  const list = useCheckins();
  const create = useCreateCheckin();
  const [stress, setStress] = useState<number | null>(null);
  const [note, setNote] = useState("");
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  const [high, setHigh] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const v = validate(
      CheckinCreateSchema,
      { stress: stress ?? undefined, ...(note.trim() ? { note } : {}) },
      t,
    );
    if (!v.ok) return setMsg({ error: v.errors.stress ? t("checkin.pickOne") : t("validation.fixBelow") });
    try {
      const created = await create.mutateAsync(v.data);
      setHigh(created.high);
      setMsg({ success: created.high ? t("checkin.thanksHigh") : t("checkin.thanks") });
      setStress(null);
      setNote("");
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    }
  }

  return (
    <Page title={t("checkin.title")}>
      <p className="lead">{t("checkin.lead")}</p>
      {high && <RespiteNow />}
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
        {msg.success && !high && (
          <p>
            <Link to="/book">{t("checkin.bookNow")}</Link>
          </p>
        )}
      </form>
      {list.data && list.data.checkins.length > 0 && (
        <section className="card" aria-labelledby="hist-h">
          <h2 id="hist-h">{t("checkin.history")}</h2>
          <StressHistory checkins={list.data.checkins} max={10} />
        </section>
      )}
    </Page>
  );
}

/** Shown at once after a high-stress check-in: hotlines, then respite she can take with one tap. */
function RespiteNow() {
  const { t } = useTranslation();
  const offer = useRespiteOffer(true);
  return (
    <section className="card respite-now" aria-labelledby="respite-h" data-testid="respite-now">
      <h2 id="respite-h">{t("checkin.highTitle")}</h2>
      {offer.isPending ? (
        <Loading />
      ) : offer.isError ? (
        <ErrorBox error={offer.error} retry={() => void offer.refetch()} />
      ) : (
        <>
          <div className="notice support">
            <h3>{t("checkin.hotlines")}</h3>
            <HelpText text={offer.data.help} />
          </div>
          <h3>{t("checkin.respiteTitle")}</h3>
          {offer.data.offers.length === 0 ? (
            <p>
              {t("checkin.noRespite")} <Link to="/book">{t("checkin.bookNow")}</Link>
            </p>
          ) : (
            <ul className="list">
              {offer.data.offers.map((o) => (
                <SlotItem
                  key={o.slot.id}
                  slot={o.slot}
                  childId={o.child.id}
                  seeLink="/bookings"
                  seeLabel={t("booking.seeMine")}
                  lead={t("checkin.forChild", { child: o.child.nickname })}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
