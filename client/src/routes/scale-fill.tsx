import type { AdministrationDetail } from "@carecircle/shared";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiRequestError } from "../api/client";
import { useAdministration, useCompleteAdministration } from "../api/scales";
import { errorText } from "../components/form";
import { type Step, StepView, stepAnswered, stepsOf, useLocalized } from "../components/scale-step";
import { ErrorBox, Loading, Page } from "../components/ui";
import { type SaveState, useAnswerQueue } from "../hooks/use-answer-queue";
import { useMe } from "../hooks/use-auth";

/** One administration, one question per screen, each answer saved at once (docs/decisions/126). */
export function ScaleFillPage() {
  const { id = "" } = useParams();
  const detail = useAdministration(id);
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorBox error={detail.error} retry={() => void detail.refetch()} />;
  return <Fill detail={detail.data} />;
}

function SaveNote({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  const text = state === "idle" ? "" : t(`scales.save.${state}`);
  return (
    <p className={state === "offline" || state === "refused" ? "save-note warn" : "save-note"} role="status">
      {text}
    </p>
  );
}

function Fill({ detail }: { detail: AdministrationDetail }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const me = useMe();
  const queue = useAnswerQueue(detail.id);
  const complete = useCompleteAdministration(detail.id);
  const [drafts, setDrafts] = useState<Record<string, unknown>>({});
  const answers: Record<string, unknown> = { ...detail.answers, ...queue.pending, ...drafts };
  const steps = useMemo(() => stepsOf(detail.definition.items), [detail.definition.items]);
  const [at, setAt] = useState(() => firstOpen(steps, { ...detail.answers, ...queue.pending }));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(detail.status === "complete");
  const back = me.role === "caregiver" ? "/family" : `/families/${detail.familyId}`;

  if (done || detail.status !== "in_progress")
    return (
      <Page title={loc(detail.scaleName)}>
        <section className="card">
          <p>{done ? t("scales.thanks") : t(`scales.status.${detail.status}`)}</p>
          <Link to={back} className="btn primary">
            {t("scales.backToFamily")}
          </Link>
        </section>
      </Page>
    );

  const step = steps[at]!;
  function onAnswer(value: unknown) {
    setDrafts((d) => ({ ...d, [step.item.id]: value }));
    if (value !== undefined) queue.answer(step.item.id, value);
  }
  async function finish() {
    setError(null);
    try {
      await queue.flush();
      await complete.mutateAsync();
      setDone(true);
    } catch (err) {
      const missing =
        err instanceof ApiRequestError ? (err.details?.missing as string[] | undefined) : undefined;
      if (missing?.length) setAt(steps.findIndex((s) => s.item.id === missing[0]));
      setError(errorText(err, t));
    }
  }
  const last = at === steps.length - 1;
  return (
    <Page title={loc(detail.scaleName)}>
      {at === 0 && detail.definition.instructions && (
        <p className="hint">{loc(detail.definition.instructions)}</p>
      )}
      <p className="progress">
        <span aria-hidden="true">
          {at + 1} / {steps.length}
        </span>
        <span className="sr-only">{t("scales.progressLabel", { n: at + 1, total: steps.length })}</span>
      </p>
      <StepView
        key={`${step.item.id}.${step.part?.id ?? ""}`}
        step={step}
        answer={answers[step.item.id]}
        onAnswer={onAnswer}
      />
      <SaveNote state={queue.state} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="row step-nav">
        <button type="button" className="btn" disabled={at === 0} onClick={() => setAt(at - 1)}>
          {t("scales.back")}
        </button>
        {last ? (
          <button
            type="button"
            className="btn primary"
            disabled={complete.isPending}
            onClick={() => void finish()}
          >
            {t("scales.finish")}
          </button>
        ) : (
          <button
            type="button"
            className={stepAnswered(step, answers) ? "btn primary" : "btn"}
            onClick={() => setAt(at + 1)}
          >
            {t("scales.next")}
          </button>
        )}
      </div>
    </Page>
  );
}

/** Where she left off: the first screen without an answer (the last one if all have one). */
function firstOpen(steps: Step[], answers: Record<string, unknown>): number {
  const i = steps.findIndex((s) => !stepAnswered(s, answers));
  return i === -1 ? steps.length - 1 : i;
}
