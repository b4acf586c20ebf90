import type { Booking } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAlternatives } from "../../api/booking";
import { useDates } from "../../i18n/dates";
import { errorText } from "../form";

/** After a cancellation: the nearest sessions the same child can book, each one tap from its confirmation. */
export function BookAgain({ b }: { b: Booking }) {
  const { t } = useTranslation();
  const d = useDates();
  const [open, setOpen] = useState(false);
  const alts = useAlternatives(b.id, open);
  if (!open)
    return (
      <button type="button" className="btn small" onClick={() => setOpen(true)}>
        {t("bookFlow.bookAgain")}
      </button>
    );
  return (
    <div className="book-again" role="status">
      <p>
        <strong>{t("bookFlow.alternatives", { child: b.child.nickname })}</strong>
      </p>
      {alts.isPending && <p className="muted">{t("common.loading")}</p>}
      {alts.isError && <p className="form-error">{errorText(alts.error, t)}</p>}
      {alts.data?.length === 0 && <p className="muted">{t("bookFlow.noAlternatives")}</p>}
      {alts.data && alts.data.length > 0 && (
        <ul className="plain-list">
          {alts.data.map((s) => (
            <li key={s.id}>
              <Link
                className="btn block-link"
                to={`/book?${new URLSearchParams({ child: b.childId, date: s.localDate, slot: s.id })}`}
              >
                {d.day(s.startsAt, s.station.timeZone)} {s.localStartTime}–{s.localEndTime} · {s.station.name}{" "}
                · {t("booking.seatsLeft", { count: s.seatsLeft, capacity: s.capacity })}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Link to="/book">{t("bookFlow.allDays")}</Link>
    </div>
  );
}
