import { WALSH_DOMAINS } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { useFamilyCase } from "../api/cases";
import { useDuration, useLocalDate, useRecordTitle } from "./case-words";

/**
 * 我们的服务计划: what a caregiver sees of her family's case, in big plain words: the stage, the
 * goals and how far they are, the family's strengths, and the records her social worker shared.
 * The API sends nothing else (no notes that are not shared, no risk level).
 */
export function FamilyCaseCard() {
  const { t } = useTranslation();
  const fc = useFamilyCase();
  const day = useLocalDate();
  const duration = useDuration();
  const title = useRecordTitle();
  const c = fc.data;
  if (!c) return null;
  const lead = c.socialWorkers.find((w) => w.lead) ?? c.socialWorkers[0];
  const goals = c.goals.filter((g) => g.status !== "dropped");
  return (
    <section className="card family-case" aria-labelledby="our-plan-h">
      <h2 id="our-plan-h">{t("cases.family.title")}</h2>
      <p className="big-line">{t(`cases.family.stage.${c.stage}`)}</p>
      {lead && <p>{t("cases.family.socialWorker", { name: lead.displayName })}</p>}
      {c.strengths && (
        <>
          <h3>{t("cases.family.strengths")}</h3>
          <p className="record-notes">{c.strengths}</p>
        </>
      )}
      <h3>{t("cases.family.goals")}</h3>
      {goals.length === 0 ? (
        <p className="muted">{t("cases.family.noGoals")}</p>
      ) : (
        <ul className="plain family-goals">
          {WALSH_DOMAINS.flatMap((d) => goals.filter((g) => g.domain === d)).map((g) => (
            <li key={g.id}>
              <p className="big-line">{g.goal}</p>
              <p>
                <strong>{t(`cases.family.goalStatus.${g.status}`)}</strong>
                {g.targetDate && ` · ${t("cases.family.by", { date: day(g.targetDate) })}`}
              </p>
              {g.progressNote && <p>{g.progressNote}</p>}
              {g.respite && <p>{t("cases.family.respite", { count: g.respite.sessionsPerMonth })}</p>}
            </li>
          ))}
        </ul>
      )}
      {c.records.length > 0 && (
        <>
          <h3>{t("cases.family.records")}</h3>
          <ul className="plain family-records">
            {c.records.map((r) => (
              <li key={r.id}>
                <p>
                  <strong>{title(r)}</strong> · {day(r.occurredOn)} · {duration(r.durationMinutes)}
                </p>
                <p className="record-notes">{r.notes}</p>
                {r.followUpStatus && (
                  <p>{t("cases.family.followUp", { status: t(`cases.followUp.${r.followUpStatus}`) })}</p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
