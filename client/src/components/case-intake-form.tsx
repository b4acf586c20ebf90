import {
  CASE_SOURCES,
  type Case,
  CaseOpenSchema,
  CaseUpdateSchema,
  PRESENTING_PROBLEMS,
  RISK_LEVELS,
} from "@carecircle/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useOpenCase, useUpdateCase } from "../api/cases";
import { CheckboxGroup, FormMessage, SelectField, SubmitButton, TextArea } from "./form";
import { useSchemaForm } from "./use-schema-form";

interface Values {
  presentingProblems: string[];
  riskLevel: string;
  source: string;
  problemNote: string;
  strengths: string;
}

const valuesOf = (c?: Case): Values => ({
  presentingProblems: c?.presentingProblems ?? [],
  riskLevel: c?.riskLevel ?? "low",
  source: c?.source ?? "visit",
  problemNote: c?.problemNote ?? "",
  strengths: c?.strengths ?? "",
});

/**
 * The intake: presenting problems as tick boxes, risk level, source (new cases only), a note and
 * the family's strengths. Opens a case for `familyId`, or changes `existing` (with its version).
 */
export function CaseIntakeForm(
  props: { familyId: string; onOpened(id: string): void } | { existing: Case; onSaved(): void },
) {
  const { t } = useTranslation();
  const existing = "existing" in props ? props.existing : undefined;
  const open = useOpenCase();
  const update = useUpdateCase(existing?.id ?? "");
  const [v, setV] = useState<Values>(() => valuesOf(existing));
  const create = useSchemaForm(CaseOpenSchema, async (data) => {
    const c = await open.mutateAsync(data);
    if ("onOpened" in props) props.onOpened(c.id);
  });
  const change = useSchemaForm(CaseUpdateSchema, async (data) => {
    await update.mutateAsync(data);
    if ("onSaved" in props) props.onSaved();
  });
  const { submit, err, formError } = existing ? change : create;
  const text = (k: "problemNote" | "strengths") =>
    existing ? v[k].trim() || null : v[k].trim() || undefined;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const common = {
      presentingProblems: v.presentingProblems,
      riskLevel: v.riskLevel,
      problemNote: text("problemNote"),
      strengths: text("strengths"),
    };
    void submit(
      existing
        ? { version: existing.version, ...common }
        : { familyId: "familyId" in props ? props.familyId : "", source: v.source, ...common },
    );
  }

  const area = (k: "problemNote" | "strengths", hint: string) => (
    <TextArea
      label={t(`cases.field.${k}`)}
      hint={hint}
      value={v[k]}
      error={err(k)}
      rows={4}
      onChange={(e) => setV({ ...v, [k]: e.target.value })}
    />
  );
  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <CheckboxGroup
        legend={t("cases.field.presentingProblems")}
        options={PRESENTING_PROBLEMS.map((p) => ({ value: p, label: t(`cases.problem.${p}`) }))}
        value={v.presentingProblems}
        error={err("presentingProblems")}
        onChange={(x) => setV({ ...v, presentingProblems: x })}
      />
      <SelectField
        label={t("cases.field.riskLevel")}
        value={v.riskLevel}
        error={err("riskLevel")}
        options={RISK_LEVELS.map((r) => ({ value: r, label: t(`cases.risk.${r}`) }))}
        onChange={(e) => setV({ ...v, riskLevel: e.target.value })}
      />
      {!existing && (
        <SelectField
          label={t("cases.field.source")}
          value={v.source}
          error={err("source")}
          options={CASE_SOURCES.map((s) => ({ value: s, label: t(`cases.source.${s}`) }))}
          onChange={(e) => setV({ ...v, source: e.target.value })}
        />
      )}
      {area("problemNote", t("cases.problemNoteHint"))}
      {area("strengths", t("cases.strengthsHint"))}
      <FormMessage error={formError} />
      <SubmitButton busy={open.isPending || update.isPending}>
        {existing ? t("cases.saveIntake") : t("cases.open")}
      </SubmitButton>
    </form>
  );
}
