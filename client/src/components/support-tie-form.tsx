import {
  SSRS_DIMENSIONS,
  SUPPORT_TIE_KINDS,
  type SupportTie,
  SupportTieCreateSchema,
  type SupportTieKind,
} from "@carecircle/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAddTie, useUpdateTie } from "../api/support-map";
import { CheckboxGroup, FormMessage, SelectField, SubmitButton, TextField } from "./form";
import { useSchemaForm } from "./use-schema-form";

interface Values {
  kind: SupportTieKind;
  label: string;
  strength: string;
  dimensions: string[];
}

const fresh = (): Values => ({ kind: "relative", label: "", strength: "2", dimensions: [] });
const from = (t: SupportTie): Values => ({
  kind: t.kind,
  label: t.label,
  strength: String(t.strength),
  dimensions: t.dimensions,
});

/**
 * Add a tie the platform cannot see, or change a recorded one (`tie`): who, what to call them,
 * how strong, and which of the SSRS's dimensions it supports. Errors show at their field.
 */
export function SupportTieForm({
  familyId,
  tie,
  onDone,
}: {
  familyId: string;
  tie?: SupportTie;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddTie(familyId);
  const update = useUpdateTie(familyId);
  const [v, setV] = useState<Values>(() => (tie ? from(tie) : fresh()));
  const [done, setDone] = useState<string | null>(null);
  const { submit, err, formError } = useSchemaForm(SupportTieCreateSchema, (body) =>
    tie ? update.mutateAsync({ tieId: tie.id!, body }) : add.mutateAsync(body),
  );
  const prefix = tie ? `edit-${tie.id}` : "add-tie";

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const sent = await submit({ ...v, label: v.label.trim(), strength: Number(v.strength) });
    if (!sent) return;
    if (!tie) setV(fresh());
    setDone(t("supportMap.added"));
    onDone?.();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-labelledby={`${prefix}-h`}>
      <h3 id={`${prefix}-h`}>{tie ? t("supportMap.editTitle") : t("supportMap.addTitle")}</h3>
      <SelectField
        id={`${prefix}-kind`}
        label={t("supportMap.field.kind")}
        value={v.kind}
        error={err("kind")}
        options={SUPPORT_TIE_KINDS.map((k) => ({ value: k, label: t(`supportMap.kindOne.${k}`) }))}
        onChange={(e) => setV({ ...v, kind: e.target.value as SupportTieKind })}
      />
      <TextField
        id={`${prefix}-label`}
        label={t("supportMap.field.label")}
        hint={t("supportMap.field.labelHint")}
        value={v.label}
        error={err("label")}
        maxLength={60}
        onChange={(e) => setV({ ...v, label: e.target.value })}
      />
      <SelectField
        id={`${prefix}-strength`}
        label={t("supportMap.field.strength")}
        value={v.strength}
        error={err("strength")}
        options={["1", "2", "3"].map((s) => ({ value: s, label: t(`supportMap.strength.${s}`) }))}
        onChange={(e) => setV({ ...v, strength: e.target.value })}
      />
      <CheckboxGroup
        legend={t("supportMap.field.dimensions")}
        options={SSRS_DIMENSIONS.map((d) => ({ value: d, label: t(`supportMap.dimension.${d}`) }))}
        value={v.dimensions}
        error={err("dimensions")}
        onChange={(x) => setV({ ...v, dimensions: x })}
      />
      <FormMessage error={formError} success={tie ? null : done} />
      <SubmitButton busy={add.isPending || update.isPending}>
        {tie ? t("supportMap.save") : t("supportMap.add")}
      </SubmitButton>
    </form>
  );
}
