import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useBookings, useCheckins, useSetUrgent } from "../api/booking";
import { useChildren, useFamilies } from "../api/core";
import { CaseLinkCard } from "../components/case-link-card";
import { JoinRequestsCard } from "../components/family-membership";
import { errorText } from "../components/form";
import { StressChart } from "../components/lazy-charts";
import { MessageFamilyButton } from "../components/message-family-button";
import { FamilyContactsReveal } from "../components/phone-link";
import { ResetCodeButton } from "../components/reset-code";
import { ScaleResultsCard } from "../components/scale-results";
import { ScaleStartCard } from "../components/scale-start";
import { StressHistory } from "../components/stress-history";
import { SupportMapCard } from "../components/support-map-card";
import { ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";

/** Social worker: one assigned family: how to reach it, children, bookings, stress trend and the urgent flag. */
export function FamilyDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const d = useDates();
  const me = useMe();
  const families = useFamilies();
  const children = useChildren();
  const bookings = useBookings(id);
  const checkins = useCheckins(id);
  const setUrgent = useSetUrgent();
  const [error, setError] = useState<string | null>(null);
  if (families.isPending) return <Loading />;
  if (families.isError) return <ErrorBox error={families.error} />;
  const f = families.data.find((x) => x.id === id);
  if (!f) return <ErrorBox error={new Error("not found")} />;
  const kids = (children.data ?? []).filter((c) => c.familyId === id);
  const name = f.caregivers.map((c) => c.displayName).join("、");
  const trend = checkins.data?.trend;

  async function toggleUrgent() {
    if (!f) return;
    setError(null);
    try {
      await setUrgent.mutateAsync({ familyId: f.id, urgent: !f.urgent });
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  return (
    <Page title={name || t("families.title")}>
      <p>
        <Link to="/families">{t("families.back")}</Link>
      </p>
      <JoinRequestsCard family={f} />
      <CaseLinkCard familyId={f.id} />
      <section className="card" aria-labelledby="reach-h">
        <h2 id="reach-h">{t("contacts.title")}</h2>
        <p className="hint">{t("contacts.audited")}</p>
        <div className="row">
          <FamilyContactsReveal familyId={f.id} />
          {me.role === "social_worker" && <MessageFamilyButton target={{ familyId: f.id }} />}
        </div>
      </section>
      <section className="card" aria-labelledby="reset-h">
        <h2 id="reset-h">{t("resetCode.title")}</h2>
        <p className="hint">{t("resetCode.help")}</p>
        {f.caregivers.map((c) => (
          <ResetCodeButton key={c.id} userId={c.id} name={c.displayName} />
        ))}
      </section>
      <section className="card" aria-labelledby="urgent-h">
        <h2 id="urgent-h">{t("families.urgentTitle")}</h2>
        <p>{f.urgent ? t("families.isUrgent") : t("families.notUrgent")}</p>
        <p className="hint">{t("families.urgentHelp")}</p>
        <button type="button" className={f.urgent ? "btn" : "btn danger"} onClick={() => void toggleUrgent()}>
          {f.urgent ? t("families.clearUrgent") : t("families.setUrgent")}
        </button>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </section>
      <ScaleStartCard familyId={f.id} caregivers={f.caregivers} />
      <ScaleResultsCard familyId={f.id} staff />
      <SupportMapCard familyId={f.id} staff />
      <section className="card" aria-labelledby="kids-h">
        <h2 id="kids-h">{t("families.childrenTitle")}</h2>
        {children.isSuccess && kids.length === 0 && <p className="muted">{t("families.noChildren")}</p>}
        <ul className="plain">
          {kids.map((c) => (
            <li key={c.id}>
              <strong>{c.nickname}</strong> ·{" "}
              {t("children.age", { count: new Date().getFullYear() - c.birthYear })} ·{" "}
              {c.disabilityTypes.map((x) => t(`disability.${x}`)).join("、")} ·{" "}
              {t(`distress.${c.distressType}`)}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="stress-h">
        <h2 id="stress-h">{t("families.stress")}</h2>
        {trend && (
          <p>
            {trend.latest !== null
              ? t("families.stressLatest", {
                  n: trend.latest,
                  direction: t(`families.direction.${trend.direction}`),
                })
              : t("families.noStress")}
          </p>
        )}
        {checkins.data && checkins.data.checkins.length > 0 && (
          <StressChart checkins={checkins.data.checkins} />
        )}
        {checkins.data && (
          <>
            <h3>{t("checkin.history")}</h3>
            <StressHistory checkins={checkins.data.checkins} />
          </>
        )}
      </section>
      <section className="card" aria-labelledby="fb-h">
        <h2 id="fb-h">{t("families.bookingsTitle")}</h2>
        {kids.length > 0 && (
          <Link to={`/families/${f.id}/book`} className="btn primary">
            {t("onBehalf.link")}
          </Link>
        )}
        {bookings.data && (
          <>
            <p className="muted small">
              {t("booking.stats", {
                hours: bookings.data.stats.hoursLast30Days,
                noShows: bookings.data.stats.noShowCount,
                late: bookings.data.stats.lateCancelCount,
              })}
            </p>
            <ul className="plain">
              {bookings.data.bookings.slice(0, 20).map((b) => (
                <li key={b.id}>
                  {d.dateTime(b.startsAt, b.station.timeZone)} · {b.child.nickname} · {b.station.name} ·{" "}
                  {t(`booking.status.${b.status}`)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </Page>
  );
}
