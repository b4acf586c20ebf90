import {
  ATTENDANCE_UNDO_MINUTES,
  type AttendanceMark,
  type Booking,
  type HandoverPerson,
  type RosterEntry,
} from "@carecircle/shared";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAttendance } from "../api/booking";
import { useUndoAttendance } from "../api/station-day";
import { errorText } from "../components/form";
import { FamilyContactsReveal } from "../components/phone-link";
import { useDates } from "../i18n/dates";
import { HandoverDialog, IncidentDialog } from "./roster-dialogs";

/** Shown first and apart from everything else: what can hurt the child if missed. */
const ALERT_NOTES = ["allergies", "medication"] as const;

/** The mark that can still be undone (made under 10 minutes ago), if any. */
function undoable(b: Booking, now: number): AttendanceMark | null {
  const [mark, at] =
    b.status === "checked_in"
      ? (["check_in", b.checkedInAt] as const)
      : b.status === "completed"
        ? (["check_out", b.checkedOutAt] as const)
        : b.status === "no_show"
          ? (["no_show", b.noShowAt] as const)
          : [null, null];
  return mark && at && now - Date.parse(at) < ATTENDANCE_UNDO_MINUTES * 60_000 ? mark : null;
}

/** The time now, refreshed every `ms` (so an undo button goes when its window closes). */
function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

const who = (p: HandoverPerson | null) => (p ? `${p.name}（${p.relation}）` : "");

/** One booked child: alerts first, then care notes, contacts, attendance and its undo, incidents. */
export function RosterItem({ e, qualifiedStaff }: { e: RosterEntry; qualifiedStaff?: ReactNode }) {
  const { t } = useTranslation();
  const d = useDates();
  const attend = useAttendance();
  const undo = useUndoAttendance();
  const now = useNow(15_000);
  const [dialog, setDialog] = useState<"check-in" | "check-out" | "incident" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { child, booking: b } = e;
  const tz = b.station.timeZone;
  async function run(p: Promise<unknown>) {
    setError(null);
    try {
      await p;
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  const notes = child.careNotes
    ? (Object.entries(child.careNotes) as [string, string | undefined][]).filter(([, v]) => v?.trim())
    : [];
  const alerts = notes.filter(([k]) => (ALERT_NOTES as readonly string[]).includes(k));
  const others = notes.filter(([k]) => !(ALERT_NOTES as readonly string[]).includes(k));
  const canUndo = undoable(b, now);
  const inSession = b.status === "checked_in" || b.status === "completed";
  return (
    <li className="list-item roster-item">
      <h3>
        {child.nickname} · {t("children.age", { count: new Date().getFullYear() - child.birthYear })}{" "}
        {/* The seat is held, but the family has not confirmed: say only that (not "confirmed" too). */}
        {b.awaitingFamily ? (
          <span className="tag warn">{t("roster.awaitingFamily")}</span>
        ) : (
          <span className="tag">{t(`booking.status.${b.status}`)}</span>
        )}
      </h3>
      {alerts.length > 0 && (
        <section className="roster-alert" aria-label={t("roster.alertTitle")}>
          <strong>⚠ {t("roster.alertTitle")}</strong>
          <dl>
            {alerts.map(([k, v]) => (
              <div key={k}>
                <dt>{t(`careNotes.${k}`)}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {qualifiedStaff}
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
          {others.length > 0 ? (
            <dl className="notes">
              {others.map(([k, v]) => (
                <div key={k}>
                  <dt>{t(`careNotes.${k}`)}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          ) : (
            alerts.length === 0 && <p className="muted">{t("roster.noNotes")}</p>
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
      {b.checkedInAt && (
        <p className="small">
          {t("roster.arrivedAt", { time: d.time(b.checkedInAt, tz) })}
          {b.broughtBy && ` · ${t("roster.broughtBy", { who: who(b.broughtBy) })}`}
        </p>
      )}
      {b.checkedOutAt && (
        <p className="small">
          {t("roster.leftAt", { time: d.time(b.checkedOutAt, tz) })}
          {b.collectedBy && ` · ${t("roster.collectedBy", { who: who(b.collectedBy) })}`}
        </p>
      )}
      <div className="row">
        {b.status === "confirmed" && (
          <>
            <button type="button" className="btn primary" onClick={() => setDialog("check-in")}>
              {t("roster.checkIn", { name: child.nickname })}
            </button>
            <button
              type="button"
              className="btn danger"
              disabled={attend.isPending}
              onClick={() => void run(attend.mutateAsync({ id: b.id, action: "no-show" }))}
            >
              {t("roster.noShow", { name: child.nickname })}
            </button>
          </>
        )}
        {b.status === "checked_in" && (
          <button type="button" className="btn primary" onClick={() => setDialog("check-out")}>
            {t("roster.checkOut", { name: child.nickname })}
          </button>
        )}
        {canUndo && (
          <button
            type="button"
            className="btn"
            disabled={undo.isPending}
            onClick={() => void run(undo.mutateAsync({ id: b.id, mark: canUndo }))}
          >
            {t(`roster.undo.${canUndo}`, { name: child.nickname })}
          </button>
        )}
        <Link
          className="btn"
          to={`/care-plans?child=${child.id}&station=${b.stationId}&name=${encodeURIComponent(child.nickname)}`}
        >
          {t("carePlans.link")}
        </Link>
        {inSession && (
          <button type="button" className="btn" onClick={() => setDialog("incident")}>
            {t("incidents.form.open")}
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {(dialog === "check-in" || dialog === "check-out") && (
        <HandoverDialog
          e={e}
          kind={dialog}
          open
          onClose={() => setDialog(null)}
          onSubmit={(person) =>
            attend.mutateAsync({ id: b.id, action: dialog, person }).then(() => undefined)
          }
        />
      )}
      {dialog === "incident" && <IncidentDialog e={e} open onClose={() => setDialog(null)} />}
    </li>
  );
}
