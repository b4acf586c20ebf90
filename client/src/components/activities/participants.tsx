import type { Activity } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useRecordAttendance } from "../../api/activities";
import { useNow } from "../../hooks/use-now";
import { FormMessage } from "../form";
import { activityErrorText } from "./activity-words";

type Participant = Activity["participants"][number];

/**
 * Organisers: who signed up (confirmed, in sign-up order) and who queues (in queue order); once
 * the session has started, a 来了 / 没来 pair per confirmed person (the family's case timeline shows it).
 */
export function ParticipantsSection({ a }: { a: Activity }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  // the server records attendance once the session has started (and never for a cancelled one)
  const open = a.status !== "cancelled" && now >= Date.parse(a.startsAt);
  const confirmed = a.participants.filter((p) => p.status === "confirmed");
  const queue = a.participants
    .filter((p) => p.status === "waitlisted")
    .sort((x, y) => (x.waitlistPosition ?? 0) - (y.waitlistPosition ?? 0));
  return (
    <section className="card" aria-labelledby="participants-h">
      <h2 id="participants-h">
        {t("activities.participants", { count: confirmed.length, capacity: a.capacity })}
      </h2>
      {!open && a.status !== "cancelled" && confirmed.length > 0 && (
        <p className="muted">{t("activities.attendanceLater")}</p>
      )}
      {confirmed.length === 0 ? (
        <p className="muted">{t("activities.nobody")}</p>
      ) : (
        <ul className="list participant-list">
          {confirmed.map((p) => (
            <ParticipantRow key={p.userId} activityId={a.id} p={p} canMark={open} />
          ))}
        </ul>
      )}
      {queue.length > 0 && (
        <>
          <h3>{t("activities.queueTitle", { count: queue.length })}</h3>
          <ol className="list participant-list">
            {queue.map((p) => (
              <li key={p.userId} className="list-item">
                {t("activities.queuePlace", { position: p.waitlistPosition ?? "", name: p.displayName })}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** One confirmed person; with attendance open, two big toggles that say which is recorded. */
function ParticipantRow({
  activityId,
  p,
  canMark,
}: {
  activityId: string;
  p: Participant;
  canMark: boolean;
}) {
  const { t } = useTranslation();
  const record = useRecordAttendance(activityId);
  const [error, setError] = useState<string | null>(null);
  async function mark(attended: boolean) {
    setError(null);
    try {
      await record.mutateAsync({ userId: p.userId, attended });
    } catch (err) {
      setError(activityErrorText(err, t));
    }
  }
  const who = p.role === "caregiver" ? p.displayName : `${p.displayName}（${t(`roles.${p.role}`)}）`;
  return (
    <li className="list-item participant">
      <p>
        <strong>{who}</strong>
        {p.attended !== null && (
          <span className={p.attended ? "tag" : "tag warn"}>
            {p.attended ? t("activities.came") : t("activities.missed")}
          </span>
        )}
      </p>
      {canMark && (
        // biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, not a form's fieldset
        <div
          className="row attendance"
          role="group"
          aria-label={t("activities.attendanceOf", { name: p.displayName })}
        >
          <button
            type="button"
            className="btn"
            aria-pressed={p.attended === true}
            disabled={record.isPending}
            onClick={() => void mark(true)}
          >
            {t("activities.came")}
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={p.attended === false}
            disabled={record.isPending}
            onClick={() => void mark(false)}
          >
            {t("activities.missed")}
          </button>
        </div>
      )}
      <FormMessage error={error} />
    </li>
  );
}
