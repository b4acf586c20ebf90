import type { Slot } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useBook } from "../api/booking";
import { useDates } from "../i18n/dates";
import { errorText } from "./form";

/** One slot with its seats, why it cannot be booked, and one tap to book or join its waitlist. */
export function SlotItem({
  slot: s,
  childId,
  seeLink,
  seeLabel,
  lead,
}: {
  slot: Slot;
  childId: string;
  seeLink: string;
  seeLabel: string;
  /** A first line, e.g. which child the slot is for. */
  lead?: string;
}) {
  const { t } = useTranslation();
  const d = useDates();
  const book = useBook();
  const [msg, setMsg] = useState<{ ok?: string; error?: string }>({});
  const b = s.bookability;
  const reasons = (b?.reasons ?? []).filter((r) => r !== "full");

  async function go(waitlist: boolean) {
    setMsg({});
    try {
      const { booking } = await book.mutateAsync({ slotId: s.id, childId, waitlist });
      setMsg({
        ok:
          booking.status === "waitlisted"
            ? t("booking.waitlisted", { position: booking.waitlistPosition ?? "?" })
            : t("booking.booked"),
      });
    } catch (err) {
      setMsg({ error: errorText(err, t) });
    }
  }

  const label = `${d.day(s.startsAt, s.station.timeZone)} ${s.localStartTime}–${s.localEndTime} ${s.station.name}`;
  return (
    <li className="list-item slot" aria-label={label}>
      {lead && <p className="muted small">{lead}</p>}
      <p>
        <strong>
          {d.day(s.startsAt, s.station.timeZone)} {s.localStartTime}–{s.localEndTime}
        </strong>{" "}
        <span className="tag">{t(`service.${s.serviceType}`)}</span>
      </p>
      <p>
        {s.station.name} · {s.station.district}
      </p>
      <p className={s.seatsLeft > 0 ? "seats" : "seats full"}>
        {s.cancelled
          ? t("booking.slotCancelled", { reason: s.cancelReason ?? "" })
          : s.seatsLeft > 0
            ? t("booking.seatsLeft", { count: s.seatsLeft, capacity: s.capacity })
            : t("booking.full", { count: s.waitlistCount })}
      </p>
      {reasons.length > 0 && (
        <ul className="reasons">
          {reasons.map((r) => (
            <li key={r}>{t(`booking.reasons.${r}`)}</li>
          ))}
        </ul>
      )}
      {msg.ok && (
        <p className="form-success" role="status">
          {msg.ok} <Link to={seeLink}>{seeLabel}</Link>
        </p>
      )}
      {msg.error && (
        <p className="form-error" role="alert">
          {msg.error}
        </p>
      )}
      {!msg.ok && b?.bookable && (
        <button
          type="button"
          className="btn primary"
          disabled={book.isPending}
          onClick={() => void go(false)}
        >
          {t("booking.book")}
        </button>
      )}
      {!msg.ok && !b?.bookable && b?.canWaitlist && (
        <button type="button" className="btn" disabled={book.isPending} onClick={() => void go(true)}>
          {t("booking.joinWaitlist")}
        </button>
      )}
    </li>
  );
}
