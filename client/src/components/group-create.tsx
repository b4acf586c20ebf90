import { GROUP_KINDS, GROUP_TOPICS, GroupCreateSchema } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { call } from "../api/call";
import { ROUTES } from "../api/routes.gen";
import {
  errorText,
  type FieldErrors,
  FormMessage,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
  validate,
} from "./form";

/** Social workers and admins create a group; they become its moderator. */
export function GroupCreateForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [v, setV] = useState({ name: "", description: "", topic: "general", kind: "discussion" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const r = validate(GroupCreateSchema, v, t);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    setBusy(true);
    try {
      const g = await call(ROUTES.createGroup, { body: r.data });
      void qc.invalidateQueries({ queryKey: ["groups"] });
      navigate(`/groups/${g.id}`);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card form section" onSubmit={onSubmit} noValidate aria-labelledby="new-group-h">
      <h2 id="new-group-h">{t("groups.create")}</h2>
      <GroupProfileFields value={v} errors={errors} onChange={(patch) => setV({ ...v, ...patch })} />
      <FormMessage error={error} />
      <SubmitButton busy={busy}>{t("groups.createSubmit")}</SubmitButton>
    </form>
  );
}

interface GroupProfile {
  name: string;
  description: string;
  topic: string;
  kind: string;
}

/**
 * Name, description, topic and kind: what creating a group asks and managing it can change.
 * `children` are further fields in the same two-column grid (the manage form's limits).
 */
export function GroupProfileFields({
  value,
  errors,
  onChange,
  children,
}: {
  value: GroupProfile;
  errors: FieldErrors;
  onChange: (patch: Partial<GroupProfile>) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t("groups.name")}
        value={value.name}
        error={errors.name}
        onChange={(e) => onChange({ name: e.target.value })}
      />
      <TextArea
        label={t("groups.description")}
        rows={2}
        value={value.description}
        error={errors.description}
        onChange={(e) => onChange({ description: e.target.value })}
      />
      <div className="grid-2">
        <SelectField
          label={t("groups.topic")}
          value={value.topic}
          options={GROUP_TOPICS.map((x) => ({ value: x, label: t(`disability.${x}`) }))}
          onChange={(e) => onChange({ topic: e.target.value })}
        />
        <SelectField
          label={t("groups.kind")}
          value={value.kind}
          options={GROUP_KINDS.map((x) => ({ value: x, label: t(`groups.kinds.${x}`) }))}
          onChange={(e) => onChange({ kind: e.target.value })}
        />
        {children}
      </div>
    </>
  );
}
