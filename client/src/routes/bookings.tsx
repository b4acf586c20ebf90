import type { Booking } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  useBookings,
  useCalendarFeed,
  useCalendarFeedChange,
  useCancelBooking,
  useConfirmBookingForFamily,
} from "../api/booking";
import { BookAgain } from "../components/booking/book-again";
import { errorText } from "../components/form";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useJumpTo } from "../hooks/use-jump-to";
import { useNow } from "../hooks/use-now";
import { useDates } from "../i18n/dates";

const ACTIVE = new Set(["confirmed", "waitlisted", "checked_in"]);

/** The family's upcoming and past bookings, cancelling, and the calendar feed. */
export function BookingsPage() {
  const { t } = useTranslation();
  const list = useBookings();
  const now = useNow(60_000);
  useJumpTo("booking", "booking-", !list.isPending);
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorBox error={list.error} retry={() => void list.refetch()} />;
  const all = [...list.data.bookings].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const ahead = all.filter((b) => Date.parse(b.endsAt) > now);
  const upcoming = ahead.filter((b) => ACTIVE.has(b.status));
  // Cancelled bookings of dates still ahead are news, not history: listed on their own, not under past.
  const cancelled = ahead.filter((b) => b.status === "cancelled");
  const past = all.filter((b) => !upcoming.includes(b) && !cancelled.includes(b)).reverse();
  return (
    <Page
      title={t("booking.mineTitle")}
      actions={
        <Link to="/book" className="btn primary">
          {t("booking.findTitle")}
        </Link>
      }
    >
      <section aria-labelledby="up-h">
        <h2 id="up-h">{t("booking.upcoming")}</h2>
        {upcoming.length === 0 ? (
          <Empty>{t("booking.noUpcoming")}</Empty>
        ) : (
          <ul className="list">
            {upcoming.map((b) => (
              <BookingItem key={b.id} b={b} now={now} />
            ))}
          </ul>
        )}
      </section>
      {cancelled.length > 0 && (
        <section aria-labelledby="cancelled-h" className="section">
          <h2 id="cancelled-h">{t("booking.cancelledAhead")}</h2>
          <ul className="list">
            {cancelled.map((b) => (
              <BookingItem key={b.id} b={b} now={now} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="past-h" className="section">
        <h2 id="past-h">{t("booking.past")}</h2>
        {past.length === 0 ? (
          <Empty>{t("booking.noPast")}</Empty>
        ) : (
          <ul className="list">
            {past.map((b) => (
              <BookingItem key={b.id} b={b} now={now} />
            ))}
          </ul>
        )}
        <p className="muted small">
          {t("booking.stats", {
            hours: list.data.stats.hoursLast30Days,
            noShows: list.data.stats.noShowCount,
            late: list.data.stats.lateCancelCount,
          })}
        </p>
      </section>
      <CalendarFeedCard />
    </Page>
  );
}

function BookingItem({ b, now }: { b: Booking; now: number }) {
  const { t } = useTranslation();
  const d = useDates();
  const cancel = useCancelBooking();
  const [error, setError] = useState<string | null>(null);
  const tz = b.station.timeZone;
  const late = now > Date.parse(b.freeCancelUntil);
  const cancellable = b.status === "confirmed" || b.status === "waitlisted";

  async function onCancel() {
    const question =
      b.status === "waitlisted"
        ? t("booking.confirmLeaveWaitlist")
        : late
          ? t("booking.confirmLateCancel", { until: d.dateTime(b.freeCancelUntil, tz) })
          : t("booking.confirmCancel");
    if (!window.confirm(question)) return;
    setError(null);
    try {
      await cancel.mutateAsync(b.id);
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  return (
    <li className="list-item booking" data-status={b.status} id={`booking-${b.id}`}>
      <p>
        <strong>{b.child.nickname}</strong> · {d.day(b.startsAt, tz)} {d.time(b.startsAt, tz)}–
        {d.time(b.endsAt, tz)}
      </p>
      <p>
        {b.station.name} · {t(`service.${b.serviceType}`)}
      </p>
      <p>
        {/* A seat staff booked for her is not "confirmed" to her until she confirms it. */}
        {b.awaitingFamily && b.status === "confirmed" ? (
          <span className="tag warn">{t("booking.awaitingYou")}</span>
        ) : (
          <span
            className={
              b.status === "waitlisted" ? "tag warn" : b.status === "cancelled" ? "tag danger" : "tag"
            }
          >
            {t(`booking.status.${b.status}`)}
          </span>
        )}
        {b.status === "waitlisted" && b.waitlistPosition && (
          <span> {t("booking.position", { position: b.waitlistPosition })}</span>
        )}
        {b.lateCancel && <span className="tag warn">{t("booking.lateCancelled")}</span>}
        {b.onBehalf && <span className="tag">{t("booking.onBehalf")}</span>}
      </p>
      {b.checkedInAt && (
        <p className="small handover">
          {t("booking.arrived", {
            time: d.time(b.checkedInAt, tz),
            who: b.broughtBy ? `${b.broughtBy.name}（${b.broughtBy.relation}）` : "",
          })}
        </p>
      )}
      {b.checkedOutAt && (
        <p className="small handover">
          {t("booking.collected", {
            time: d.time(b.checkedOutAt, tz),
            who: b.collectedBy ? `${b.collectedBy.name}（${b.collectedBy.relation}）` : "",
          })}
        </p>
      )}
      {b.status === "waitlisted" && b.skipReason && (
        <p className="muted small">{t("booking.skipped", { reason: b.skipReason })}</p>
      )}
      {b.status === "confirmed" && (
        <p className="muted small">
          {late ? t("booking.lateNow") : t("booking.freeUntil", { until: d.dateTime(b.freeCancelUntil, tz) })}
        </p>
      )}
      <p className="muted small">{b.station.address}</p>
      {b.awaitingFamily && cancellable && <ConfirmOnBehalf b={b} />}
      {cancellable && (
        <button
          type="button"
          className="btn danger small"
          disabled={cancel.isPending}
          onClick={() => void onCancel()}
        >
          {b.status === "waitlisted" ? t("booking.leaveWaitlist") : t("booking.cancel")}
        </button>
      )}
      {b.status === "cancelled" && Date.parse(b.startsAt) > now && <BookAgain b={b} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** Staff booked this for the family: a caregiver confirms it (then the station sees care notes). */
function ConfirmOnBehalf({ b }: { b: Booking }) {
  const { t } = useTranslation();
  const confirm = useConfirmBookingForFamily();
  return (
    <div className="notice" role="status">
      <p>{t("booking.awaitingFamily", { station: b.station.name })}</p>
      <button
        type="button"
        className="btn primary small"
        disabled={confirm.isPending}
        onClick={() => confirm.mutate(b.id)}
      >
        {t("booking.confirmOnBehalf")}
      </button>
      {confirm.isError && (
        <p className="form-error" role="alert">
          {errorText(confirm.error, t)}
        </p>
      )}
    </div>
  );
}

function CalendarFeedCard() {
  const { t } = useTranslation();
  const feed = useCalendarFeed();
  const change = useCalendarFeedChange();
  const url = change.data?.url ?? feed.data?.url ?? null;
  const full = url ? new URL(url, window.location.origin).toString() : null;
  return (
    <section className="card section" aria-labelledby="cal-h">
      <h2 id="cal-h">{t("booking.calendarTitle")}</h2>
      <p>{t("booking.calendarHelp")}</p>
      {full && (
        <p className="feed-url">
          <a href={full}>{full}</a>
        </p>
      )}
      {feed.data?.active && !full && <p className="muted">{t("booking.calendarActive")}</p>}
      <div className="row">
        <button type="button" className="btn" disabled={change.isPending} onClick={() => change.mutate(true)}>
          {feed.data?.active ? t("booking.calendarRotate") : t("booking.calendarCreate")}
        </button>
        {feed.data?.active && (
          <button
            type="button"
            className="btn danger"
            disabled={change.isPending}
            onClick={() => change.mutate(false)}
          >
            {t("booking.calendarRevoke")}
          </button>
        )}
      </div>
    </section>
  );
}
