import type { Slot, Station } from "@carecircle/shared";
import { useTranslation } from "react-i18next";

/** A plain map-search link (decision 145: no map SDK); the station's map query, else its address. */
export function mapLink(station: Pick<Station, "address" | "mapQuery">): string {
  return `https://uri.amap.com/search?keyword=${encodeURIComponent(station.mapQuery ?? station.address)}`;
}

/** ISO weekday (1 = Monday) of a local `YYYY-MM-DD` date. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
}

/** The station's opening hours on that weekday, "09:00–12:00, 14:00–17:00", or "" when not set. */
export function hoursOn(station: Pick<Station, "openingHours">, date: string): string {
  const spans = station.openingHours[String(isoWeekday(date))] ?? [];
  return spans.map(([a, b]) => `${a}–${b}`).join(", ");
}

/** Names of who is on shift for the whole session (decision 137). */
function onShift(slot: Slot): string[] {
  return (slot.onShift ?? []).map((x) => x.displayName);
}

/** Where and how to reach a station: address with a map link, phone, the day's hours. */
export function StationFacts({ station, date }: { station: Station; date: string }) {
  const { t } = useTranslation();
  const hours = hoursOn(station, date);
  return (
    <>
      <p>
        {station.address}{" "}
        <a href={mapLink(station)} target="_blank" rel="noopener noreferrer">
          {t("bookFlow.map")}
        </a>
      </p>
      <p>
        <a href={`tel:${station.phone.replace(/[\s-]/g, "")}`}>{station.phone}</a>
        {hours && ` · ${t("bookFlow.hours", { hours })}`}
      </p>
    </>
  );
}

/**
 * One session of the chosen day: time, service, station (address, map, phone, hours), seats left,
 * who is on shift; a child who cannot book it sees why. Choosing it leads to the confirmation.
 */
export function SessionCard({
  slot: s,
  station,
  onChoose,
}: {
  slot: Slot;
  station: Station | undefined;
  onChoose(waitlist: boolean): void;
}) {
  const { t } = useTranslation();
  const b = s.bookability;
  const reasons = (b?.reasons ?? []).filter((r) => r !== "full");
  const staff = onShift(s);
  return (
    <li
      className="list-item session-card"
      aria-label={`${s.localStartTime}–${s.localEndTime} ${s.station.name}`}
    >
      <p className="session-head">
        <strong>
          {s.localStartTime}–{s.localEndTime}
        </strong>{" "}
        <span className="tag">{t(`service.${s.serviceType}`)}</span>
      </p>
      <h3 className="session-station">{s.station.name}</h3>
      {station && <StationFacts station={station} date={s.localDate} />}
      {staff.length > 0 && <p>{t("bookFlow.onShift", { names: staff.join("、") })}</p>}
      <p className={s.seatsLeft > 0 ? "seats" : "seats full"}>
        {s.seatsLeft > 0
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
      {b?.bookable && (
        <button type="button" className="btn primary block" onClick={() => onChoose(false)}>
          {t("booking.book")}
        </button>
      )}
      {!b?.bookable && b?.canWaitlist && (
        <button type="button" className="btn block" onClick={() => onChoose(true)}>
          {t("booking.joinWaitlist")}
        </button>
      )}
    </li>
  );
}
