import {
  type Child,
  ChildCreateSchema,
  ChildUpdateSchema,
  DISABILITY_TYPES,
  DISTRESS_TYPES,
  LIMITS,
} from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useChild, useDeleteChild, useSaveChild } from "../api/core";
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
import { CareNeedsSection } from "./child-care-needs";

const NOTE_FIELDS = ["medication", "allergies", "communication", "calming", "triggers", "other"] as const;

interface FormValues {
  nickname: string;
  birthYear: string;
  distressType: string;
  disabilityTypes: string[];
  notes: Record<(typeof NOTE_FIELDS)[number], string>;
  contactName: string;
  contactPhone: string;
  contactRelation: string;
}

function toForm(c?: Child): FormValues {
  return {
    nickname: c?.nickname ?? "",
    birthYear: c ? String(c.birthYear) : "",
    distressType: c?.distressType ?? "illness_or_disability",
    disabilityTypes: c?.disabilityTypes ?? [],
    notes: Object.fromEntries(NOTE_FIELDS.map((f) => [f, c?.careNotes[f] ?? ""])) as FormValues["notes"],
    contactName: c?.emergencyContact?.name ?? "",
    contactPhone: c?.emergencyContact?.phone ?? "",
    contactRelation: c?.emergencyContact?.relation ?? "",
  };
}

function toInput(v: FormValues) {
  const careNotes = Object.fromEntries(
    NOTE_FIELDS.filter((f) => v.notes[f].trim()).map((f) => [f, v.notes[f]]),
  );
  const hasContact = v.contactName.trim() || v.contactPhone.trim();
  return {
    nickname: v.nickname,
    birthYear: v.birthYear.trim() === "" ? undefined : Number(v.birthYear),
    distressType: v.distressType,
    disabilityTypes: v.disabilityTypes,
    careNotes,
    emergencyContact: hasContact
      ? {
          name: v.contactName,
          phone: v.contactPhone,
          ...(v.contactRelation.trim() ? { relation: v.contactRelation } : {}),
        }
      : null,
  };
}

/** Add or edit a child profile, including the care notes staff read before a visit. */
export function ChildFormPage() {
  const { id } = useParams();
  const child = useChild(id);
  if (id && child.isPending) return <Loading />;
  if (id && child.isError) return <ErrorBox error={child.error} />;
  return <ChildForm key={child.data?.id ?? "new"} child={child.data} />;
}

function ChildForm({ child }: { child?: Child | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveChild();
  const remove = useDeleteChild();
  const [v, setV] = useState<FormValues>(() => toForm(child));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const input = toInput(v);
    const r = validate(child ? ChildUpdateSchema : ChildCreateSchema, input, t);
    if (!r.ok) {
      setErrors(r.errors);
      setFormError(t("validation.fixBelow"));
      return;
    }
    setErrors({});
    setFormError(null);
    try {
      await save.mutateAsync(child ? { id: child.id, update: r.data } : { create: r.data as never });
      navigate("/children");
    } catch (err) {
      setErrors(serverFieldErrors(err, t));
      setFormError(errorText(err, t));
    }
  }

  async function onDelete() {
    if (!child || !window.confirm(t("children.confirmDelete", { name: child.nickname }))) return;
    try {
      await remove.mutateAsync(child.id);
      navigate("/children");
    } catch (err) {
      setFormError(errorText(err, t));
    }
  }

  const section = { v, setV, errors };
  return (
    <Page title={child ? t("children.editTitle", { name: child.nickname }) : t("children.addTitle")}>
      <form onSubmit={onSubmit} noValidate className="form">
        <BasicsSection {...section} />
        <CareNotesSection {...section} />
        <ContactSection {...section} />
        <FormMessage error={formError} />
        <div className="row">
          <SubmitButton busy={save.isPending}>{t("common.save")}</SubmitButton>
          {child && (
            <button type="button" className="btn danger" onClick={() => void onDelete()}>
              {t("children.delete")}
            </button>
          )}
        </div>
      </form>
      {child ? <CareNeedsSection childId={child.id} /> : <p className="hint">{t("careNeeds.afterSave")}</p>}
    </Page>
  );
}

/** What each part of the form reads and writes. */
interface SectionProps {
  v: FormValues;
  setV(v: FormValues): void;
  errors: FieldErrors;
}

function BasicsSection({ v, setV, errors }: SectionProps) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  return (
    <section className="card" aria-labelledby="child-basics">
      <h2 id="child-basics">{t("children.basics")}</h2>
      <TextField
        label={t("children.nickname")}
        hint={t("children.nicknameHint")}
        maxLength={LIMITS.childNicknameMax}
        value={v.nickname}
        error={errors.nickname}
        onChange={(e) => setV({ ...v, nickname: e.target.value })}
      />
      <TextField
        label={t("children.birthYear")}
        type="number"
        inputMode="numeric"
        min={thisYear - 30}
        max={thisYear}
        value={v.birthYear}
        error={errors.birthYear}
        onChange={(e) => setV({ ...v, birthYear: e.target.value })}
      />
      <SelectField
        label={t("children.distressType")}
        value={v.distressType}
        error={errors.distressType}
        options={DISTRESS_TYPES.map((d) => ({ value: d, label: t(`distress.${d}`) }))}
        onChange={(e) => setV({ ...v, distressType: e.target.value })}
      />
      <CheckboxGroup
        legend={t("children.disabilityTypes")}
        options={DISABILITY_TYPES.map((d) => ({ value: d, label: t(`disability.${d}`) }))}
        value={v.disabilityTypes}
        error={errors.disabilityTypes}
        onChange={(disabilityTypes) => setV({ ...v, disabilityTypes })}
      />
    </section>
  );
}

function CareNotesSection({ v, setV, errors }: SectionProps) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="child-notes">
      <h2 id="child-notes">{t("children.careNotes")}</h2>
      <p className="hint">{t("children.careNotesHint")}</p>
      {NOTE_FIELDS.map((f) => (
        <TextArea
          key={f}
          label={t(`careNotes.${f}`)}
          rows={2}
          maxLength={LIMITS.careNoteFieldMax}
          value={v.notes[f]}
          error={errors[`careNotes.${f}`]}
          onChange={(e) => setV({ ...v, notes: { ...v.notes, [f]: e.target.value } })}
        />
      ))}
    </section>
  );
}

function ContactSection({ v, setV, errors }: SectionProps) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="child-contact">
      <h2 id="child-contact">{t("children.emergencyContact")}</h2>
      <TextField
        label={t("children.contactName")}
        autoComplete="off"
        value={v.contactName}
        error={errors["emergencyContact.name"]}
        onChange={(e) => setV({ ...v, contactName: e.target.value })}
      />
      <TextField
        label={t("children.contactPhone")}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        value={v.contactPhone}
        error={errors["emergencyContact.phone"]}
        onChange={(e) => setV({ ...v, contactPhone: e.target.value })}
      />
      <TextField
        label={t("children.contactRelation")}
        autoComplete="off"
        value={v.contactRelation}
        error={errors["emergencyContact.relation"]}
        onChange={(e) => setV({ ...v, contactRelation: e.target.value })}
      />
    </section>
  );
}
