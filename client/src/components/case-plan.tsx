import {
  type Case,
  type CaseGoal,
  CaseGoalCreateSchema,
  GOAL_STATUSES,
  type GoalStatus,
  WALSH_DOMAINS,
  type WalshDomain,
} from "@carecircle/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAddGoal, useUpdateGoal } from "../api/cases";
import { useLocalDate } from "./case-words";
import { errorText, FormMessage, SelectField, SubmitButton, TextArea, TextField } from "./form";
import { useSchemaForm } from "./use-schema-form";

/** The service plan: goals under Walsh's three domains, each with its actions, date, status and progress. */
export function PlanSection({ c }: { c: Case }) {
  const { t } = useTranslation();
  const open = c.stage !== "closed";
  return (
    <section className="card" aria-labelledby="plan-h">
      <h2 id="plan-h">{t("cases.planTitle")}</h2>
      <p className="hint">{t("cases.planHint")}</p>
      {WALSH_DOMAINS.map((d) => {
        const goals = c.goals.filter((g) => g.domain === d);
        return (
          <div key={d} className="domain">
            <h3>{t(`cases.domain.${d}`)}</h3>
            {goals.length === 0 ? (
              <p className="muted small">{t("cases.noGoals")}</p>
            ) : (
              <ul className="plain goal-list">
                {goals.map((g) => (
                  <GoalItem key={g.id} caseId={c.id} g={g} editable={open} />
                ))}
              </ul>
            )}
          </div>
        );
      })}
      {open && <AddGoalForm caseId={c.id} />}
    </section>
  );
}

function GoalItem({ caseId, g, editable }: { caseId: string; g: CaseGoal; editable: boolean }) {
  const { t } = useTranslation();
  const day = useLocalDate();
  const update = useUpdateGoal(caseId);
  const [note, setNote] = useState(g.progressNote ?? "");
  const [error, setError] = useState<string | null>(null);
  const save = async (body: { status?: GoalStatus; progressNote?: string | null }) => {
    setError(null);
    try {
      await update.mutateAsync({ goalId: g.id, body });
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  return (
    <li className="goal">
      <p className="goal-text">
        <strong>{g.goal}</strong> <span className="tag">{t(`cases.goalStatus.${g.status}`)}</span>
      </p>
      {g.actions.length > 0 && (
        <ul className="goal-actions">
          {g.actions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      )}
      <p className="small muted">
        {g.targetDate ? t("cases.targetDate", { date: day(g.targetDate) }) : t("cases.noTargetDate")}
        {g.respite && ` · ${t("cases.respitePlan", { count: g.respite.sessionsPerMonth })}`}
      </p>
      {g.progressNote && <p className="goal-text">{g.progressNote}</p>}
      {editable && (
        <details className="goal-edit">
          <summary>{t("cases.updateProgress")}</summary>
          <SelectField
            label={t("cases.field.status")}
            value={g.status}
            options={GOAL_STATUSES.map((s) => ({ value: s, label: t(`cases.goalStatus.${s}`) }))}
            onChange={(e) => void save({ status: e.target.value as GoalStatus })}
          />
          <TextArea
            label={t("cases.field.progressNote")}
            value={note}
            rows={2}
            onChange={(e) => setNote(e.target.value)}
          />
          <button
            type="button"
            className="btn small"
            disabled={update.isPending || note === (g.progressNote ?? "")}
            onClick={() => void save({ progressNote: note.trim() ? note.trim() : null })}
          >
            {t("cases.saveProgress")}
          </button>
        </details>
      )}
      <FormMessage error={error} />
    </li>
  );
}

interface GoalValues {
  domain: WalshDomain;
  goal: string;
  actions: string;
  targetDate: string;
  respite: string;
}

const NO_GOAL: GoalValues = { domain: "belief_systems", goal: "", actions: "", targetDate: "", respite: "" };

function AddGoalForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const add = useAddGoal(caseId);
  const [v, setV] = useState<GoalValues>(NO_GOAL);
  const { submit, err, formError } = useSchemaForm(CaseGoalCreateSchema, (data) => add.mutateAsync(data));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = {
      domain: v.domain,
      goal: v.goal.trim(),
      actions: v.actions
        .split("\n")
        .map((a) => a.trim())
        .filter(Boolean),
      ...(v.targetDate ? { targetDate: v.targetDate } : {}),
      ...(v.respite.trim() ? { respiteSessionsPerMonth: Number(v.respite) } : {}),
    };
    if (await submit(input)) setV({ ...NO_GOAL, domain: v.domain });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="form add-goal" aria-labelledby="add-goal-h">
      <h3 id="add-goal-h">{t("cases.addGoal")}</h3>
      <SelectField
        label={t("cases.field.domain")}
        value={v.domain}
        options={WALSH_DOMAINS.map((d) => ({ value: d, label: t(`cases.domain.${d}`) }))}
        onChange={(e) => setV({ ...v, domain: e.target.value as WalshDomain })}
      />
      <TextField
        label={t("cases.field.goal")}
        value={v.goal}
        error={err("goal")}
        onChange={(e) => setV({ ...v, goal: e.target.value })}
      />
      <TextArea
        label={t("cases.field.actions")}
        hint={t("cases.onePerLine")}
        value={v.actions}
        error={err("actions")}
        rows={3}
        onChange={(e) => setV({ ...v, actions: e.target.value })}
      />
      <TextField
        label={t("cases.field.targetDate")}
        type="date"
        value={v.targetDate}
        error={err("targetDate")}
        onChange={(e) => setV({ ...v, targetDate: e.target.value })}
      />
      <TextField
        label={t("cases.field.respite")}
        hint={t("cases.respiteHint")}
        type="number"
        inputMode="numeric"
        min={1}
        max={31}
        value={v.respite}
        error={err("respiteSessionsPerMonth")}
        onChange={(e) => setV({ ...v, respite: e.target.value })}
      />
      <FormMessage error={formError} />
      <SubmitButton busy={add.isPending}>{t("cases.addGoalSubmit")}</SubmitButton>
    </form>
  );
}
