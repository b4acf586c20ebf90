import { CASE_STAGES, type Case, type CaseStage } from "@carecircle/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDecideStage, useMoveStage } from "../api/cases";
import { useMe } from "../hooks/use-auth";
import { explainError } from "../i18n/errors";
import { FormMessage, TextArea } from "./form";

/** 接案 → 需求评估 → 服务计划 → 介入 → 成效评估 → 结案, the current stage marked for eyes and screen readers. */
export function StageStepper({ stage }: { stage: CaseStage }) {
  const { t } = useTranslation();
  const at = CASE_STAGES.indexOf(stage);
  return (
    <ol className="stage-stepper" aria-label={t("cases.stages")}>
      {CASE_STAGES.map((s, i) => (
        <li
          key={s}
          className={i < at ? "done" : i === at ? "current" : undefined}
          aria-current={i === at ? "step" : undefined}
        >
          <span className="step-dot" aria-hidden="true">
            {i + 1}
          </span>
          <span>{t(`cases.stage.${s}`)}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The stage controls: move to the next stage or close (with a reason), the change waiting for the
 * supervisor, and for admins approve / return with a comment.
 */
export function StagePanel({ c }: { c: Case }) {
  const { t } = useTranslation();
  const returned = [...c.stageChanges].reverse().find((x) => x.signoff === "returned");
  return (
    <section className="card" aria-labelledby="stage-h">
      <h2 id="stage-h">{t("cases.stageTitle", { stage: t(`cases.stage.${c.stage}`) })}</h2>
      <StageStepper stage={c.stage} />
      {c.pendingChange ? (
        <Pending c={c} />
      ) : (
        <>
          {returned && !c.closedAt && (
            <p className="notice warn">
              {t("cases.returned", { stage: t(`cases.stage.${returned.to}`) })} {returned.signoffComment}
            </p>
          )}
          {c.stage !== "closed" && <MoveForm c={c} />}
        </>
      )}
      {c.closedAt && c.closedReason && <p>{t("cases.closedBecause", { reason: c.closedReason })}</p>}
    </section>
  );
}

function MoveForm({ c }: { c: Case }) {
  const { t } = useTranslation();
  const move = useMoveStage(c.id);
  // A reason is asked for closing and for going back one stage.
  const [mode, setMode] = useState<"close" | "back" | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<{ field?: string; form: string } | null>(null);
  const at = CASE_STAGES.indexOf(c.stage);
  const next = CASE_STAGES[at + 1];
  const previous = at > 0 ? CASE_STAGES[at - 1] : undefined;
  const signoff = (to: CaseStage) =>
    (to === "intervention" && c.signoffPoints.includes("plan")) ||
    (to === "closed" && c.signoffPoints.includes("closure"));

  async function go(to: CaseStage, why?: string) {
    setError(null);
    try {
      await move.mutateAsync({ version: c.version, to, ...(why ? { reason: why } : {}) });
      setMode(null);
      setReason("");
    } catch (err) {
      const e = explainError(err, t, ["reason"]);
      setError({ field: e.fields.reason, form: e.form });
    }
  }
  function withReason(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) setError({ field: t("validation.reasonRequired"), form: t("validation.fixBelow") });
    else void go(mode === "back" && previous ? previous : "closed", reason.trim());
  }
  const open = (m: "close" | "back") => {
    setError(null);
    setMode(m);
  };

  return (
    <div className="stage-actions">
      {next && next !== "closed" && (
        <button type="button" className="btn primary" disabled={move.isPending} onClick={() => void go(next)}>
          {signoff(next)
            ? t("cases.askSignoff", { stage: t(`cases.stage.${next}`) })
            : t("cases.moveTo", { stage: t(`cases.stage.${next}`) })}
        </button>
      )}
      {!mode ? (
        <div className="row">
          {previous && (
            <button type="button" className="btn" onClick={() => open("back")}>
              {t("cases.moveBack", { stage: t(`cases.stage.${previous}`) })}
            </button>
          )}
          <button type="button" className="btn" onClick={() => open("close")}>
            {t("cases.close")}
          </button>
        </div>
      ) : (
        <form onSubmit={withReason} noValidate className="form">
          <TextArea
            label={mode === "back" ? t("cases.backReason") : t("cases.closeReason")}
            hint={mode === "close" && signoff("closed") ? t("cases.closeNeedsSignoff") : undefined}
            value={reason}
            error={error?.field}
            rows={3}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="row">
            <button
              type="submit"
              className={mode === "back" ? "btn primary" : "btn danger"}
              disabled={move.isPending}
            >
              {mode === "back"
                ? t("cases.moveBackConfirm", { stage: t(`cases.stage.${previous}`) })
                : t("cases.closeConfirm")}
            </button>
            <button type="button" className="btn" onClick={() => setMode(null)}>
              {t("common.cancel")}
            </button>
          </div>
        </form>
      )}
      <FormMessage error={error?.form} />
    </div>
  );
}

function Pending({ c }: { c: Case }) {
  const { t } = useTranslation();
  const me = useMe();
  const decide = useDecideStage(c.id);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const p = c.pendingChange!;

  async function send(decision: "approve" | "return") {
    setError(null);
    if (decision === "return" && !comment.trim()) {
      setError(t("cases.returnNeedsComment"));
      return;
    }
    try {
      await decide.mutateAsync({
        changeId: p.id,
        decision,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setComment("");
    } catch (err) {
      setError(explainError(err, t).form);
    }
  }

  return (
    <div className="notice warn pending-signoff">
      <p>
        <strong>{t("cases.waitingSignoff", { stage: t(`cases.stage.${p.to}`) })}</strong>
      </p>
      {p.by && <p className="small">{t("cases.askedBy", { name: p.by.displayName })}</p>}
      {p.reason && <p className="small">{p.reason}</p>}
      {me.role === "admin" && (
        <>
          <TextArea
            label={t("cases.signoffComment")}
            value={comment}
            rows={2}
            onChange={(e) => setComment(e.target.value)}
          />
          <div className="row">
            <button type="button" className="btn primary" onClick={() => void send("approve")}>
              {t("cases.approve")}
            </button>
            <button type="button" className="btn" onClick={() => void send("return")}>
              {t("cases.return")}
            </button>
          </div>
        </>
      )}
      <FormMessage error={error} />
    </div>
  );
}
