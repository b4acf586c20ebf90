import type { Case } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { useCaseTimeline } from "../api/cases";
import { useDates } from "../i18n/dates";
import { useTimelineText } from "./case-words";
import { ErrorBox, Loading } from "./ui";

/** What happened in the case, oldest first, each in plain words with its date (a stage change with its reason). */
export function TimelineSection({ c }: { c: Case }) {
  const { t } = useTranslation();
  const d = useDates();
  const timeline = useCaseTimeline(c.id);
  const text = useTimelineText();
  return (
    <section className="card" aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t("cases.timelineTitle")}</h2>
      {timeline.isPending && <Loading />}
      {timeline.isError && <ErrorBox error={timeline.error} retry={() => void timeline.refetch()} />}
      {timeline.data && (
        <ol className="case-timeline">
          {timeline.data.map((e) => (
            <li key={`${e.kind}-${e.refId ?? ""}-${e.at}`} className={`tl-${e.kind}`}>
              <time dateTime={e.at}>{d.stamp(e.at, false)}</time>
              <span>{text(e)}</span>
              {e.kind === "stage_changed" && (
                <Reason text={c.stageChanges.find((x) => x.id === e.refId)?.reason} />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Reason({ text }: { text: string | null | undefined }) {
  const { t } = useTranslation();
  return text ? <span className="small muted"> {t("cases.stageReason", { reason: text })}</span> : null;
}
