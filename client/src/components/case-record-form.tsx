import {
  CASE_RECORD_KINDS,
  type Case,
  type CaseRecord,
  CaseRecordCreateSchema,
  type CaseRecordKind,
  CaseRecordUpdateSchema,
  FOLLOWED_UP_KINDS,
} from "@carecircle/shared";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAddRecord, useUpdateRecord } from "../api/cases";
import { usePolicyCards } from "../api/policies";
import { CheckboxGroup, FormMessage, SelectField, SubmitButton, TextArea, TextField } from "./form";
import { useSchemaForm } from "./use-schema-form";

interface Values {
  kind: CaseRecordKind;
  occurredOn: string;
  durationMinutes: string;
  goalIds: string[];
  notes: string;
  sharedWithFamily: boolean;
  subject: string;
  policyCardId: string;
}

const today = () => new Date().toLocaleDateString("sv-SE");
const fresh = (): Values => ({
  kind: "home_visit",
  occurredOn: today(),
  durationMinutes: "60",
  goalIds: [],
  notes: "",
  sharedWithFamily: false,
  subject: "",
  policyCardId: "",
});

/** The form's values of a stored record (editing it). */
const valuesOf = (r: CaseRecord): Values => ({
  kind: r.kind,
  occurredOn: r.occurredOn,
  durationMinutes: String(r.durationMinutes),
  goalIds: r.goalIds,
  notes: r.notes,
  sharedWithFamily: r.sharedWithFamily,
  subject: r.subject ?? "",
  policyCardId: r.policyCardId ?? "",
});

/** The API's body from the form's values (subject and card only for referrals and applications). */
function toInput(v: Values) {
  const followed = FOLLOWED_UP_KINDS.includes(v.kind);
  return {
    kind: v.kind,
    occurredOn: v.occurredOn,
    durationMinutes: v.durationMinutes.trim() === "" ? Number.NaN : Number(v.durationMinutes),
    goalIds: v.goalIds,
    notes: v.notes.trim(),
    sharedWithFamily: v.sharedWithFamily,
    ...(followed && v.subject.trim() ? { subject: v.subject.trim() } : {}),
    ...(followed && v.policyCardId ? { policyCardId: v.policyCardId } : {}),
  };
}

/** Record a contact: kind, date, duration, goals served, notes, shared or not; referrals add a subject and card. */
export function CaseRecordForm({ c }: { c: Case }) {
  const { t } = useTranslation();
  const add = useAddRecord(c.id);
  const form = useSchemaForm(CaseRecordCreateSchema, (data) => add.mutateAsync(data));
  return (
    <RecordFields
      c={c}
      initial={fresh}
      busy={add.isPending}
      form={form}
      onSaved={() => t("cases.recordSaved")}
    />
  );
}

/** Edit a stored record (its kind stays); `onDone` when saved or cancelled. */
export function CaseRecordEditForm({ c, r, onDone }: { c: Case; r: CaseRecord; onDone(): void }) {
  const update = useUpdateRecord(c.id);
  const form = useSchemaForm(CaseRecordUpdateSchema, (body) => update.mutateAsync({ recordId: r.id, body }));
  return (
    <RecordFields
      c={c}
      initial={() => valuesOf(r)}
      editing
      busy={update.isPending}
      form={form}
      onSaved={() => {
        onDone();
        return null;
      }}
      onCancel={onDone}
    />
  );
}

interface FieldsProps {
  c: Case;
  initial: () => Values;
  editing?: boolean;
  busy: boolean;
  form: {
    submit(input: unknown): Promise<unknown>;
    err(k: string): string | undefined;
    formError: string | null | undefined;
  };
  /** After a save: the message to show (null: none). */
  onSaved(): string | null;
  onCancel?(): void;
}

function RecordFields({ c, initial, editing, busy, form, onSaved, onCancel }: FieldsProps) {
  const { t } = useTranslation();
  const [v, setV] = useState<Values>(initial);
  const { submit, err, formError } = form;
  const [done, setDone] = useState<string | null>(null);
  const followed = FOLLOWED_UP_KINDS.includes(v.kind);
  const goals = c.goals.filter((g) => g.status !== "dropped");

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const { kind: _kind, ...changes } = toInput(v);
    if (await submit(editing ? changes : toInput(v))) {
      setV(initial());
      setDone(onSaved());
    }
  }
  const heading = editing ? "edit-record-h" : "add-record-h";

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className={editing ? "form edit-record" : "form add-record"}
      aria-labelledby={heading}
    >
      <h3 id={heading}>{editing ? t("cases.editRecord") : t("cases.addRecord")}</h3>
      {!editing && (
        <SelectField
          label={t("cases.field.kind")}
          value={v.kind}
          options={CASE_RECORD_KINDS.map((k) => ({ value: k, label: t(`cases.recordKind.${k}`) }))}
          onChange={(e) => setV({ ...v, kind: e.target.value as CaseRecordKind })}
        />
      )}
      <TextField
        label={t("cases.field.occurredOn")}
        type="date"
        value={v.occurredOn}
        error={err("occurredOn")}
        onChange={(e) => setV({ ...v, occurredOn: e.target.value })}
      />
      <TextField
        label={t("cases.field.durationMinutes")}
        type="number"
        inputMode="numeric"
        min={0}
        value={v.durationMinutes}
        error={err("durationMinutes")}
        onChange={(e) => setV({ ...v, durationMinutes: e.target.value })}
      />
      {followed && <FollowedFields v={v} setV={setV} err={err} />}
      {goals.length > 0 && (
        <CheckboxGroup
          legend={t("cases.field.goalIds")}
          options={goals.map((g) => ({ value: g.id, label: g.goal }))}
          value={v.goalIds}
          error={err("goalIds")}
          onChange={(x) => setV({ ...v, goalIds: x })}
        />
      )}
      <TextArea
        label={t("cases.field.notes")}
        value={v.notes}
        error={err("notes")}
        rows={4}
        onChange={(e) => setV({ ...v, notes: e.target.value })}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={v.sharedWithFamily}
          onChange={(e) => setV({ ...v, sharedWithFamily: e.target.checked })}
        />
        <span>{t("cases.field.sharedWithFamily")}</span>
      </label>
      <p className="hint">{t("cases.sharedHint")}</p>
      <FormMessage error={formError} success={done} />
      <div className="row">
        <SubmitButton busy={busy}>
          {editing ? t("cases.saveRecordEdit") : t("cases.addRecordSubmit")}
        </SubmitButton>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** A referral's or application's subject and the policy card it applies for. */
function FollowedFields({
  v,
  setV,
  err,
}: {
  v: Values;
  setV(v: Values): void;
  err(k: string): string | undefined;
}) {
  const { t } = useTranslation();
  const cards = usePolicyCards("", "published");
  return (
    <>
      <TextField
        label={t("cases.field.subject")}
        hint={t("cases.subjectHint")}
        value={v.subject}
        error={err("subject")}
        onChange={(e) => setV({ ...v, subject: e.target.value })}
      />
      <SelectField
        label={t("cases.field.policyCardId")}
        value={v.policyCardId}
        error={err("policyCardId")}
        options={[
          { value: "", label: t("cases.noPolicyCard") },
          ...(cards.data ?? []).map((p) => ({ value: p.id, label: p.title })),
        ]}
        onChange={(e) => {
          const card = cards.data?.find((p) => p.id === e.target.value);
          setV({ ...v, policyCardId: e.target.value, subject: v.subject || (card?.title ?? "") });
        }}
      />
    </>
  );
}
