import {
  DISABILITY_TYPES,
  DISTRESS_TYPES,
  HOUSEHOLD_STATUSES,
  POLICY_KINDS,
  type PolicyCard,
  PolicyCardCreateSchema,
  PolicyCardUpdateSchema,
} from "@carecircle/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { usePolicyCard, useSavePolicyCard } from "../api/policies";
import {
  CheckboxGroup,
  errorText,
  type FieldErrors,
  FormMessage,
  SelectField,
  SubmitButton,
  serverFieldErrors,
  TextArea,
  TextField,
  validate,
} from "../components/form";
import { ErrorBox, Loading, Page } from "../components/ui";

type Values = Record<
  | "title"
  | "summary"
  | "titleEn"
  | "summaryEn"
  | "kind"
  | "ageMin"
  | "ageMax"
  | "steps"
  | "documents"
  | "office"
  | "address"
  | "url"
  | "deadline"
  | "sourceName"
  | "sourceUrl"
  | "checkedOn"
  | "reviewBy"
  | "keywords",
  string
> &
  Record<"disabilityTypes" | "distressTypes" | "householdStatuses", string[]>;

const today = () => new Date().toISOString().slice(0, 10);
const lines = (s: string) => s.split("\n").filter((l) => l.trim());

function toForm(c?: PolicyCard): Values {
  return {
    title: c?.title ?? "",
    summary: c?.summary ?? "",
    titleEn: c?.titleEn ?? "",
    summaryEn: c?.summaryEn ?? "",
    kind: c?.kind ?? "subsidy",
    ageMin: c?.eligibility.ageMin?.toString() ?? "",
    ageMax: c?.eligibility.ageMax?.toString() ?? "",
    disabilityTypes: c?.eligibility.disabilityTypes ?? [],
    distressTypes: c?.eligibility.distressTypes ?? [],
    householdStatuses: c?.eligibility.householdStatuses ?? [],
    steps: c?.steps.join("\n") ?? "",
    documents: c?.documents.join("\n") ?? "",
    office: c?.where.office ?? "",
    address: c?.where.address ?? "",
    url: c?.where.url ?? "",
    deadline: c?.deadline ?? "",
    sourceName: c?.sourceName ?? "",
    sourceUrl: c?.sourceUrl ?? "",
    checkedOn: c?.checkedOn ?? today(),
    reviewBy: c?.reviewBy ?? "",
    keywords: c?.keywords.join("，") ?? "",
  };
}

function toInput(v: Values) {
  const opt = (s: string) => (s.trim() ? s : null);
  const where = Object.fromEntries(
    (["office", "address", "url"] as const).filter((k) => v[k].trim()).map((k) => [k, v[k].trim()]),
  );
  return {
    title: v.title,
    summary: v.summary,
    titleEn: opt(v.titleEn),
    summaryEn: opt(v.summaryEn),
    kind: v.kind,
    eligibility: {
      disabilityTypes: v.disabilityTypes,
      distressTypes: v.distressTypes,
      householdStatuses: v.householdStatuses,
      ageMin: v.ageMin.trim() ? Number(v.ageMin) : null,
      ageMax: v.ageMax.trim() ? Number(v.ageMax) : null,
    },
    steps: lines(v.steps),
    documents: lines(v.documents),
    where,
    deadline: opt(v.deadline),
    sourceName: v.sourceName,
    sourceUrl: opt(v.sourceUrl.trim()),
    checkedOn: v.checkedOn,
    reviewBy: v.reviewBy,
    keywords: v.keywords.split(/[,，、\s]+/).filter(Boolean),
  };
}

/** Write or edit a policy card (librarians). */
export function PolicyEditPage() {
  const { id } = useParams();
  const card = usePolicyCard(id);
  if (id && card.isPending) return <Loading />;
  if (id && card.isError) return <ErrorBox error={card.error} />;
  return <PolicyForm key={card.data?.id ?? "new"} card={card.data} />;
}

function PolicyForm({ card }: { card?: PolicyCard | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSavePolicyCard();
  const [v, setV] = useState<Values>(() => toForm(card));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const err = (k: string) =>
    errors[k] ?? Object.entries(errors).find(([key]) => key.startsWith(`${k}.`))?.[1];
  const text = (k: keyof Values, extra: { type?: string; hint?: string; error?: string } = {}) => (
    <TextField
      label={t(`policies.field.${k}`)}
      value={v[k] as string}
      error={extra.error ?? err(k)}
      hint={extra.hint}
      type={extra.type ?? "text"}
      onChange={(e) => setV({ ...v, [k]: e.target.value })}
    />
  );
  const area = (k: keyof Values, hint?: string) => (
    <TextArea
      label={t(`policies.field.${k}`)}
      value={v[k] as string}
      error={err(k)}
      hint={hint}
      rows={4}
      onChange={(e) => setV({ ...v, [k]: e.target.value })}
    />
  );
  const checks = (
    k: "disabilityTypes" | "distressTypes" | "householdStatuses",
    opts: readonly string[],
    ns: string,
  ) => (
    <CheckboxGroup
      legend={t(`policies.field.${k}`)}
      options={opts.map((o) => ({ value: o, label: t(`${ns}.${o}`) }))}
      value={v[k]}
      error={err(`eligibility.${k}`)}
      onChange={(x) => setV({ ...v, [k]: x })}
    />
  );

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const r = validate(card ? PolicyCardUpdateSchema : PolicyCardCreateSchema, toInput(v), t);
    if (!r.ok) {
      setErrors(r.errors);
      setFormError(t("validation.fixBelow"));
      return;
    }
    setErrors({});
    setFormError(null);
    try {
      const saved = await save.mutateAsync(
        card ? { id: card.id, update: r.data } : { create: r.data as never },
      );
      navigate(`/policies/${saved.id}`);
    } catch (error) {
      setErrors(serverFieldErrors(error, t));
      setFormError(errorText(error, t));
    }
  }

  return (
    <Page title={card ? t("policies.editTitle") : t("policies.newTitle")}>
      <form onSubmit={onSubmit} noValidate className="form">
        {text("title")}
        {area("summary")}
        <SelectField
          label={t("policies.field.kind")}
          value={v.kind}
          options={POLICY_KINDS.map((k) => ({ value: k, label: t(`policies.kind.${k}`) }))}
          onChange={(e) => setV({ ...v, kind: e.target.value })}
        />
        <fieldset className="field">
          <legend>{t("policies.whoQualifies")}</legend>
          <p className="hint">{t("policies.whoHint")}</p>
          {checks("disabilityTypes", DISABILITY_TYPES, "disability")}
          {checks("distressTypes", DISTRESS_TYPES, "distress")}
          {checks("householdStatuses", HOUSEHOLD_STATUSES, "policies.household")}
          {text("ageMin", { type: "number", error: err("eligibility.ageMin") })}
          {text("ageMax", { type: "number", error: err("eligibility.ageMax") })}
        </fieldset>
        {area("steps", t("policies.onePerLine"))}
        {area("documents", t("policies.onePerLine"))}
        {text("office", { error: err("where.office") })}
        {text("address", { error: err("where.address") })}
        {text("url", { type: "url", error: err("where.url") })}
        {text("deadline", { type: "date", hint: t("policies.deadlineHint") })}
        {text("sourceName")}
        {text("sourceUrl", { type: "url" })}
        {text("checkedOn", { type: "date" })}
        {text("reviewBy", { type: "date" })}
        {text("keywords", { hint: t("policies.keywordsHint") })}
        {text("titleEn")}
        {area("summaryEn")}
        <FormMessage error={formError} />
        <SubmitButton busy={save.isPending}>{t("common.save")}</SubmitButton>
      </form>
    </Page>
  );
}
