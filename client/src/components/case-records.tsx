import { type Case, type CaseRecord, FOLLOW_UP_STATUSES, FOLLOWED_UP_KINDS } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCaseRecords, useSetFollowUp } from "../api/cases";
import { CaseRecordEditForm, CaseRecordForm } from "./case-record-form";
import { useDuration, useLocalDate, useRecordTitle } from "./case-words";
import { errorText, FormMessage } from "./form";
import { CountBadge, ErrorBox, Loading } from "./ui";

/** Service records, newest first, with the follow-up of referrals and applications, and the form to add one. */
export function RecordsSection({ c }: { c: Case }) {
  const { t } = useTranslation();
  const records = useCaseRecords(c.id);
  const pending = (records.data ?? []).filter((r) => r.followUpStatus === "submitted").length;
  return (
    <section className="card" aria-labelledby="records-h">
      <h2 id="records-h">
        {t("cases.recordsTitle")}{" "}
        <CountBadge count={pending} label={t("cases.pendingFollowUps", { count: pending })} />
      </h2>
      {records.isPending && <Loading />}
      {records.isError && <ErrorBox error={records.error} retry={() => void records.refetch()} />}
      {records.data?.length === 0 && <p className="muted">{t("cases.noRecords")}</p>}
      {records.data && records.data.length > 0 && (
        <ul className="plain record-list">
          {records.data.map((r) => (
            <RecordItem key={r.id} c={c} r={r} />
          ))}
        </ul>
      )}
      {c.stage !== "closed" && <CaseRecordForm c={c} />}
    </section>
  );
}

function RecordItem({ c, r }: { c: Case; r: CaseRecord }) {
  const { t } = useTranslation();
  const day = useLocalDate();
  const duration = useDuration();
  const title = useRecordTitle();
  const goals = c.goals.filter((g) => r.goalIds.includes(g.id));
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <li className="record">
        <CaseRecordEditForm c={c} r={r} onDone={() => setEditing(false)} />
      </li>
    );
  return (
    <li className="record">
      <p>
        <strong>{title(r)}</strong>
        {r.sharedWithFamily ? (
          <span className="tag">{t("cases.shared")}</span>
        ) : (
          <span className="tag warn">{t("cases.notShared")}</span>
        )}
      </p>
      <p className="small muted">
        {day(r.occurredOn)} · {duration(r.durationMinutes)}
        {r.author && ` · ${r.author.displayName}`}
      </p>
      <p className="record-notes">{r.notes}</p>
      {goals.length > 0 && (
        <p className="small">
          {t("cases.servedGoals", { goals: goals.map((g) => g.goal).join(t("cases.sep")) })}
        </p>
      )}
      {r.policyCardId && (
        <p className="small">
          <Link to={`/policies/${r.policyCardId}`}>{t("cases.seePolicyCard")}</Link>
        </p>
      )}
      {FOLLOWED_UP_KINDS.includes(r.kind) && r.followUpStatus && (
        <FollowUp caseId={c.id} r={r} open={c.stage !== "closed"} />
      )}
      {r.editable && c.stage !== "closed" && (
        <p className="record-actions">
          <button
            type="button"
            className="btn small"
            aria-label={t("cases.editRecordLabel", { title: title(r) })}
            onClick={() => setEditing(true)}
          >
            {t("cases.editRecordButton")}
          </button>
        </p>
      )}
    </li>
  );
}

function FollowUp({ caseId, r, open }: { caseId: string; r: CaseRecord; open: boolean }) {
  const { t } = useTranslation();
  const set = useSetFollowUp(caseId);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="follow-up">
      <p>
        {t("cases.followUpIs")} <strong>{t(`cases.followUp.${r.followUpStatus}`)}</strong>
      </p>
      {open && (
        <fieldset className="follow-up-buttons">
          <legend className="sr-only">{t("cases.followUpSet")}</legend>
          {FOLLOW_UP_STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              className={r.followUpStatus === s ? "btn small on" : "btn small"}
              aria-pressed={r.followUpStatus === s}
              disabled={set.isPending}
              onClick={() => {
                setError(null);
                set.mutate({ recordId: r.id, status: s }, { onError: (e) => setError(errorText(e, t)) });
              }}
            >
              {t(`cases.followUp.${s}`)}
            </button>
          ))}
        </fieldset>
      )}
      <FormMessage error={error} />
    </div>
  );
}
