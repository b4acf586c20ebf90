import type { RosterEntry } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { format } from "date-fns";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAttendance, useRoster } from "../api/booking";
import { useMyStations } from "../api/my-stations";
import { errorText, SelectField, TextField } from "../components/form";
import { FamilyContactsReveal } from "../components/phone-link";
import { Empty, ErrorBox, Loading, Page } from "../components/ui";
import { useDates } from "../i18n/dates";
import { useSocketEvent } from "../realtime/hooks";

/** Station staff: today's children with their care notes, and attendance. */
export function RosterPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { stations, isPending, error } = useMyStations();
  const [stationId, setStationId] = useState("");
  const [date, setDate] = useState(() => format(new Date(), "yyyy-MM-dd"));
  const chosen = stationId || stations?.[0]?.id || "";
  const roster = useRoster(chosen, date);
  useSocketEvent("booking:updated", () => void qc.invalidateQueries({ queryKey: ["roster"] }));
  useSocketEvent("slot:updated", () => void qc.invalidateQueries({ queryKey: ["roster"] }));

  if (isPending) return <Loading />;
  if (error) return <ErrorBox error={error} />;
  if (!stations || stations.length === 0)
    return (
      <Page title={t("roster.title")}>
        <Empty>{t("roster.noStation")}</Empty>
      </Page>
    );
  return (
    <Page title={t("roster.title")}>
      <form className="card filters" onSubmit={(e) => e.preventDefault()}>
        {stations.length > 1 && (
          <SelectField
            label={t("booking.station")}
            value={chosen}
            options={stations.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(e) => setStationId(e.target.value)}
          />
        )}
        <TextField
          label={t("roster.date")}
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </form>
      {roster.isPending ? (
        <Loading />
      ) : roster.isError ? (
        <ErrorBox error={roster.error} retry={() => void roster.refetch()} />
      ) : roster.data.slots.length === 0 ? (
        <Empty>{t("roster.noSlots")}</Empty>
      ) : (
        roster.data.slots.map(({ slot, entries }) => (
          <section key={slot.id} className="card" aria-labelledby={`slot-${slot.id}`}>
            <h2 id={`slot-${slot.id}`}>
              {slot.localStartTime}–{slot.localEndTime} · {t(`service.${slot.serviceType}`)}
            </h2>
            <p className="muted">
              {t("roster.seats", {
                booked: slot.confirmedCount,
                capacity: slot.capacity,
                waitlist: slot.waitlistCount,
              })}
            </p>
            {entries.length === 0 ? (
              <p className="muted">{t("roster.nobody")}</p>
            ) : (
              <ul className="list">
                {entries.map((e) => (
                  <RosterItem key={e.booking.id} e={e} />
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </Page>
  );
}

function RosterItem({ e }: { e: RosterEntry }) {
  const { t } = useTranslation();
  const d = useDates();
  const attend = useAttendance();
  const [error, setError] = useState<string | null>(null);
  const { child, booking: b } = e;
  const tz = b.station.timeZone;
  async function act(action: "check-in" | "check-out" | "no-show") {
    setError(null);
    try {
      await attend.mutateAsync({ id: b.id, action });
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  const notes = child.careNotes
    ? (Object.entries(child.careNotes) as [string, string | undefined][]).filter(([, v]) => v?.trim())
    : [];
  return (
    <li className="list-item roster-item">
      <h3>
        {child.nickname} · {t("children.age", { count: new Date().getFullYear() - child.birthYear })}{" "}
        <span className="tag">{t(`booking.status.${b.status}`)}</span>
        {b.awaitingFamily && (
          <>
            {" "}
            <span className="tag warn">{t("roster.awaitingFamily")}</span>
          </>
        )}
      </h3>
      <p>{child.disabilityTypes.map((x) => t(`disability.${x}`)).join("、")}</p>
      {b.note && <p className="visit-note">{t("roster.visitNote", { note: b.note })}</p>}
      <p className="muted small">
        {t("roster.caregivers", { names: e.family.caregivers.map((c) => c.displayName).join("、") })}
        {e.family.noShowCount > 0 && ` · ${t("roster.noShows", { count: e.family.noShowCount })}`}
      </p>
      {/* Phone numbers follow the same need-to-know window as care notes (decision 074). */}
      {child.careNotesVisible && <FamilyContactsReveal familyId={b.familyId} />}
      {child.careNotesVisible ? (
        <>
          {notes.length > 0 ? (
            <dl className="notes">
              {notes.map(([k, v]) => (
                <div key={k}>
                  <dt>{t(`careNotes.${k}`)}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="muted">{t("roster.noNotes")}</p>
          )}
          {child.emergencyContact && (
            <p>
              {t("children.emergencyContact")}: {child.emergencyContact.name}
              {child.emergencyContact.relation ? `（${child.emergencyContact.relation}）` : ""}{" "}
              <a href={`tel:${child.emergencyContact.phone}`}>{child.emergencyContact.phone}</a>
            </p>
          )}
        </>
      ) : (
        <p className="muted">{t(b.awaitingFamily ? "roster.notesAfterConfirm" : "roster.notesLater")}</p>
      )}
      {b.checkedInAt && <p className="small">{t("roster.arrivedAt", { time: d.time(b.checkedInAt, tz) })}</p>}
      {b.checkedOutAt && <p className="small">{t("roster.leftAt", { time: d.time(b.checkedOutAt, tz) })}</p>}
      <div className="row">
        {b.status === "confirmed" && (
          <>
            <button
              type="button"
              className="btn primary"
              disabled={attend.isPending}
              onClick={() => void act("check-in")}
            >
              {t("roster.checkIn", { name: child.nickname })}
            </button>
            <button
              type="button"
              className="btn danger"
              disabled={attend.isPending}
              onClick={() => void act("no-show")}
            >
              {t("roster.noShow", { name: child.nickname })}
            </button>
          </>
        )}
        {b.status === "checked_in" && (
          <button
            type="button"
            className="btn primary"
            disabled={attend.isPending}
            onClick={() => void act("check-out")}
          >
            {t("roster.checkOut", { name: child.nickname })}
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
