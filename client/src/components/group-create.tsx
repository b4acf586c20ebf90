import { GROUP_KINDS, GROUP_TOPICS, type Group, GroupCreateSchema } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../api/client";
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
      const g = await api<Group>("POST", "/api/groups", r.data);
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
      <TextField
        label={t("groups.name")}
        value={v.name}
        error={errors.name}
        onChange={(e) => setV({ ...v, name: e.target.value })}
      />
      <TextArea
        label={t("groups.description")}
        rows={2}
        value={v.description}
        error={errors.description}
        onChange={(e) => setV({ ...v, description: e.target.value })}
      />
      <div className="grid-2">
        <SelectField
          label={t("groups.topic")}
          value={v.topic}
          options={GROUP_TOPICS.map((x) => ({ value: x, label: t(`disability.${x}`) }))}
          onChange={(e) => setV({ ...v, topic: e.target.value })}
        />
        <SelectField
          label={t("groups.kind")}
          value={v.kind}
          options={GROUP_KINDS.map((x) => ({ value: x, label: t(`groups.kinds.${x}`) }))}
          onChange={(e) => setV({ ...v, kind: e.target.value })}
        />
      </div>
      <FormMessage error={error} />
      <SubmitButton busy={busy}>{t("groups.createSubmit")}</SubmitButton>
    </form>
  );
}
