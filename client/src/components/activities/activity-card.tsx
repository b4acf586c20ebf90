import type { Activity } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { mapLink } from "../booking/session-card";
import { ActivityActions } from "./activity-actions";
import { When } from "./activity-when";

/** Where it is: the station with its address and map link, and/or the free-text place. */
export function ActivityPlace({ a }: { a: Activity }) {
  const { t } = useTranslation();
  if (!a.station && !a.location) return <p>{t("activities.placeTbd")}</p>;
  return (
    <>
      {a.station && (
        <p>
          <strong>{a.station.name}</strong> · {a.station.address}{" "}
          <a
            href={mapLink({ address: a.station.address, mapQuery: null })}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t("bookFlow.map")}
          </a>
        </p>
      )}
      {a.location && <p>{a.station ? t("activities.room", { place: a.location }) : a.location}</p>}
    </>
  );
}

/** Seats left, or full with how many queue (once started: that it has started). */
export function SeatsLine({ a }: { a: Activity }) {
  const { t } = useTranslation();
  if (a.status === "cancelled")
    return <p className="seats full">{t("activities.cancelledBecause", { reason: a.cancelReason ?? "" })}</p>;
  if (Date.parse(a.startsAt) <= Date.now()) return <p className="seats">{t("activities.started")}</p>;
  const left = a.capacity - a.confirmedCount;
  if (left > 0) return <p className="seats">{t("activities.seatsLeft", { count: left })}</p>;
  // "You can queue" is for those not signed up yet; she already has her seat or her place in line.
  if (a.mySignup)
    return (
      <p className="seats full">
        {a.waitlistCount > 0
          ? t("activities.fullTaken", { count: a.waitlistCount })
          : t("activities.fullOnly")}
      </p>
    );
  return (
    <p className="seats full">
      {a.waitlistCount > 0 ? t("activities.fullQueue", { count: a.waitlistCount }) : t("activities.full")}
    </p>
  );
}

/** The caller's own place: signed up, or their place in the queue. */
export function MyStatus({ a }: { a: Activity }) {
  const { t } = useTranslation();
  if (!a.mySignup || a.status === "cancelled") return null;
  return (
    <p className={`my-status ${a.mySignup.status}`}>
      {a.mySignup.status === "confirmed"
        ? t("activities.signedUp")
        : t("activities.queued", { position: a.mySignup.waitlistPosition ?? "" })}
    </p>
  );
}

/**
 * One upcoming activity: the date and time first (big), then what it is, who leads it, where, the
 * seats, the caller's own status and the one button that matters (sign up, queue or withdraw).
 */
export function ActivityCard({ a }: { a: Activity }) {
  const { t } = useTranslation();
  return (
    <li className="list-item session-card activity-card" aria-labelledby={`act-${a.id}`}>
      <p className="activity-when">
        <When a={a} />
      </p>
      <p>
        <span className="tag">{t(`activities.kind.${a.kind}`)}</span>
      </p>
      <h3 id={`act-${a.id}`}>
        <Link to={`/activities/${a.id}`}>{a.topic}</Link>
      </h3>
      <p>{t("activities.facilitatorIs", { name: a.facilitator })}</p>
      <ActivityPlace a={a} />
      <SeatsLine a={a} />
      <MyStatus a={a} />
      {a.canManage && (
        <p>
          <Link to={`/activities/${a.id}`}>{t("activities.manageLink")}</Link>
        </p>
      )}
      <ActivityActions a={a} />
    </li>
  );
}
