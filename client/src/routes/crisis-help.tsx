import { type CrisisHelp, CrisisHelpUpdateSchema, LOCALES } from "@carecircle/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCrisisHelp, useSetCrisisHelp } from "../api/moderation";
import {
  errorText,
  type FieldErrors,
  FormMessage,
  SubmitButton,
  serverFieldErrors,
  TextArea,
  validate,
} from "../components/form";
import { HelpText } from "../components/help-text";
import { ErrorBox, Loading, Page } from "../components/ui";
import { useMe } from "../hooks/use-auth";

type Locale = keyof CrisisHelp;

/** Moderation settings: the crisis help text per locale (admins edit; social workers read). */
export function CrisisHelpPage() {
  const { t } = useTranslation();
  const me = useMe();
  const help = useCrisisHelp();
  const canEdit = me.role === "admin";
  return (
    <Page title={t("crisisHelp.title")}>
      <p className="lead">{t("crisisHelp.lead")}</p>
      {help.isPending ? (
        <Loading />
      ) : help.isError ? (
        <ErrorBox error={help.error} retry={() => void help.refetch()} />
      ) : canEdit ? (
        <CrisisHelpForm current={help.data} />
      ) : (
        <div className="card">
          <p className="notice">{t("crisisHelp.readOnly")}</p>
          {LOCALES.map((l) => (
            <section key={l} aria-labelledby={`help-${l}`}>
              <h2 id={`help-${l}`}>{t(`crisisHelp.locale.${l}`)}</h2>
              <HelpText className="pre-wrap" text={help.data[l] || t("crisisHelp.notSet")} />
            </section>
          ))}
        </div>
      )}
    </Page>
  );
}

function CrisisHelpForm({ current }: { current: CrisisHelp }) {
  const { t } = useTranslation();
  const save = useSetCrisisHelp();
  const [values, setValues] = useState<CrisisHelp>(current);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [msg, setMsg] = useState<{ error?: string; success?: string }>({});
  useEffect(() => setValues(current), [current]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setMsg({});
    const changed: Partial<CrisisHelp> = {};
    for (const l of LOCALES) if (values[l] !== current[l]) changed[l] = values[l];
    if (Object.keys(changed).length === 0) return setMsg({ success: t("crisisHelp.unchanged") });
    // the schema's "non-blank" rule is a refinement: say "required" for a blank field in plain words
    const blank: FieldErrors = {};
    for (const l of LOCALES)
      if (changed[l] !== undefined && !changed[l]?.trim()) blank[l] = t("validation.required");
    if (Object.keys(blank).length > 0) return setErrors(blank);
    const v = validate(CrisisHelpUpdateSchema, changed, t);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    try {
      await save.mutateAsync(v.data);
      setMsg({ success: t("crisisHelp.saved") });
    } catch (err) {
      setErrors(serverFieldErrors(err, t));
      setMsg({ error: errorText(err, t) });
    }
  }

  return (
    <form className="card form" onSubmit={submit} noValidate>
      {LOCALES.map((l: Locale) => (
        <TextArea
          key={l}
          label={t(`crisisHelp.locale.${l}`)}
          hint={t("crisisHelp.hint")}
          rows={5}
          lang={l}
          value={values[l]}
          error={errors[l]}
          onChange={(e) => setValues((v) => ({ ...v, [l]: e.target.value }))}
        />
      ))}
      <FormMessage error={msg.error ?? null} success={msg.success ?? null} />
      <SubmitButton busy={save.isPending}>{t("crisisHelp.save")}</SubmitButton>
    </form>
  );
}
