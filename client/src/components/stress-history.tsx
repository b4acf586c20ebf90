import type { Checkin } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { useDates } from "../i18n/dates";

/** A family's stress check-ins with their notes, newest first (as the server answers them). */
export function StressHistory({ checkins, max = 20 }: { checkins: Checkin[]; max?: number }) {
  const { t } = useTranslation();
  const d = useDates();
  if (checkins.length === 0) return <p className="muted">{t("families.noStress")}</p>;
  return (
    <ol className="plain stress-history" aria-label={t("checkin.history")}>
      {checkins.slice(0, max).map((c) => (
        <li key={c.id} className={c.stress >= 5 ? "stress-entry high" : "stress-entry"}>
          <p>
            <strong>{t("checkin.level", { n: c.stress })}</strong> ·{" "}
            <time dateTime={c.createdAt}>{d.dateTime(c.createdAt)}</time>
            {c.user && <span className="muted"> · {c.user.displayName}</span>}
            {c.beforeWaitlist && (
              <>
                {" "}
                <span className="tag warn">{t("checkin.beforeWaitlist")}</span>
              </>
            )}
          </p>
          {c.note && <p className="stress-note">{c.note}</p>}
        </li>
      ))}
    </ol>
  );
}
