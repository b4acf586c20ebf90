import {
  BOOKING_NOTE_MAX,
  type Booking,
  type BookingSeries,
  type Slot,
  type Station,
} from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useBook } from "../../api/booking";
import { useBookSeries } from "../../api/booking-series";
import { useDates } from "../../i18n/dates";
import { errorText, SelectField, serverFieldErrors, TextArea } from "../form";
import { REPEAT_WEEKS } from "./series-done";
import { StationFacts } from "./session-card";

const HOUR = 3_600_000;

/** What is about to be booked: child, day and time, station, service. */
function Summary({ slot, station, child }: { slot: Slot; station?: Station; child: string }) {
  const { t } = useTranslation();
  const d = useDates();
  return (
    <dl className="confirm-summary">
      <div>
        <dt>{t("bookFlow.who")}</dt>
        <dd>{child}</dd>
      </div>
      <div>
        <dt>{t("bookFlow.when")}</dt>
        <dd>
          {d.day(slot.startsAt, slot.station.timeZone)} {slot.localStartTime}–{slot.localEndTime}
        </dd>
      </div>
      <div>
        <dt>{t("bookFlow.where")}</dt>
        <dd>
          <strong>{slot.station.name}</strong>
          {station && <StationFacts station={station} date={slot.localDate} />}
        </dd>
      </div>
      <div>
        <dt>{t("booking.service")}</dt>
        <dd>{t(`service.${slot.serviceType}`)}</dd>
      </div>
    </dl>
  );
}

/**
 * The confirmation step: what will be booked, until when it can be cancelled for free, an optional
 * note for this visit to the station's staff, and whether to book the same session weekly (a
 * series, decision 140). Nothing is booked before "confirm".
 */
export function ConfirmBooking({
  slot,
  station,
  child,
  waitlist,
  onBack,
  onDone,
  onSeriesDone,
}: {
  slot: Slot;
  station?: Station | undefined;
  child: { id: string; nickname: string };
  waitlist: boolean;
  onBack(): void;
  onDone(b: Booking): void;
  onSeriesDone(s: BookingSeries): void;
}) {
  const { t } = useTranslation();
  const d = useDates();
  const book = useBook();
  const bookSeries = useBookSeries();
  const [note, setNote] = useState("");
  const [weeks, setWeeks] = useState(1);
  const [error, setError] = useState<{ note?: string; form?: string }>({});
  const freeUntil = station
    ? new Date(Date.parse(slot.startsAt) - station.cancelCutoffHours * HOUR).toISOString()
    : null;

  async function confirm() {
    setError({});
    try {
      const withNote = note.trim() ? { note } : {};
      if (weeks > 1) {
        const body = { slotId: slot.id, childId: child.id, weeks, ...withNote };
        onSeriesDone((await bookSeries.mutateAsync(body)).series);
      } else
        onDone(
          (await book.mutateAsync({ slotId: slot.id, childId: child.id, waitlist, ...withNote })).booking,
        );
    } catch (err) {
      const fields = serverFieldErrors(err, t);
      setError(fields.note ? { note: fields.note } : { form: errorText(err, t) });
    }
  }

  return (
    <section className="card confirm-step" aria-labelledby="confirm-h">
      <h2 id="confirm-h">{waitlist ? t("bookFlow.confirmWaitlistTitle") : t("bookFlow.confirmTitle")}</h2>
      <Summary slot={slot} station={station} child={child.nickname} />
      {freeUntil && (
        <p className="notice">
          {t("bookFlow.freeCancel", { until: d.dateTime(freeUntil, slot.station.timeZone) })}
        </p>
      )}
      <SelectField
        label={t("series.repeat")}
        value={String(weeks)}
        options={REPEAT_WEEKS.map((w) => ({
          value: String(w),
          label: w === 1 ? t("series.once") : t("series.weekly", { count: w }),
        }))}
        onChange={(e) => setWeeks(Number(e.target.value))}
      />
      <TextArea
        label={t("bookFlow.note")}
        hint={t("bookFlow.noteHint", { max: BOOKING_NOTE_MAX })}
        value={note}
        maxLength={BOOKING_NOTE_MAX}
        rows={3}
        error={error.note}
        onChange={(e) => setNote(e.target.value)}
      />
      {error.form && (
        <p className="form-error" role="alert">
          {error.form}
        </p>
      )}
      <div className="row confirm-actions">
        <button
          type="button"
          className="btn primary"
          disabled={book.isPending || bookSeries.isPending}
          onClick={() => void confirm()}
        >
          {waitlist ? t("bookFlow.confirmWaitlist") : t("bookFlow.confirm")}
        </button>
        <button type="button" className="btn" onClick={onBack}>
          {t("bookFlow.back")}
        </button>
      </div>
    </section>
  );
}

/** The done screen: booked (or waitlisted), the note that went to the staff, where to go next. */
export function BookingDone({
  booking,
  seeLink,
  seeLabel,
  onAnother,
}: {
  booking: Booking;
  seeLink: string;
  seeLabel: string;
  onAnother(): void;
}) {
  const { t } = useTranslation();
  const d = useDates();
  const tz = booking.station.timeZone;
  return (
    <section className="card done-step" aria-labelledby="done-h">
      <div role="status">
        <h2 id="done-h">
          {booking.status === "waitlisted"
            ? t("booking.waitlisted", { position: booking.waitlistPosition ?? "?" })
            : t("booking.booked")}
        </h2>
      </div>
      <p>
        <strong>{booking.child.nickname}</strong> · {d.day(booking.startsAt, tz)}{" "}
        {d.time(booking.startsAt, tz)}–{d.time(booking.endsAt, tz)}
      </p>
      <p>
        {booking.station.name} · {booking.station.address}
      </p>
      {booking.note && <p className="muted">{t("bookFlow.noteSent", { note: booking.note })}</p>}
      <div className="row">
        <Link to={seeLink} className="btn primary">
          {seeLabel}
        </Link>
        <button type="button" className="btn" onClick={onAnother}>
          {t("bookFlow.another")}
        </button>
      </div>
    </section>
  );
}
