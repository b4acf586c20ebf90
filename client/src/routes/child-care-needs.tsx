import { CARE_NEED_LIMITS, type CareNeedType } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCareNeedTypes, useChildCareNeeds, useSaveChildCareNeeds } from "../api/care-needs";
import { errorText, FormMessage, SubmitButton, TextArea } from "../components/form";
import { ErrorBox, Loading } from "../components/ui";

/** A care need's label in the reader's language. */
export function needLabel(type: CareNeedType | undefined, code: string, lang: string): string {
  if (!type) return code;
  return lang.startsWith("zh") ? type.labelZh : type.labelEn;
}

/** The child's care needs (issue 19 §1): ticked from the managed list, each with instructions. */
export function CareNeedsSection({ childId }: { childId: string }) {
  const types = useCareNeedTypes();
  const needs = useChildCareNeeds(childId);
  if (types.isPending || needs.isPending) return <Loading />;
  if (types.error || needs.error) return <ErrorBox error={types.error ?? needs.error} />;
  return <NeedsForm childId={childId} types={types.data} initial={needs.data} />;
}

function NeedsForm({
  childId,
  types,
  initial,
}: {
  childId: string;
  types: CareNeedType[];
  initial: { code: string; instructions: string }[];
}) {
  const { t, i18n } = useTranslation();
  const save = useSaveChildCareNeeds(childId);
  const [chosen, setChosen] = useState<Map<string, string>>(
    () => new Map(initial.map((n) => [n.code, n.instructions])),
  );
  const [message, setMessage] = useState<{ error: string | null; ok: string | null }>({
    error: null,
    ok: null,
  });
  const shown = types.filter((ty) => ty.active || chosen.has(ty.code));

  function toggle(code: string, on: boolean) {
    const next = new Map(chosen);
    if (on) next.set(code, next.get(code) ?? "");
    else next.delete(code);
    setChosen(next);
  }

  async function onSave(e: React.FormEvent) {
    e.preventDefault();
    try {
      await save.mutateAsync({ needs: [...chosen].map(([code, instructions]) => ({ code, instructions })) });
      setMessage({ error: null, ok: t("careNeeds.saved") });
    } catch (err) {
      setMessage({ error: errorText(err, t), ok: null });
    }
  }

  return (
    <form onSubmit={onSave} noValidate className="form">
      <section className="card" aria-labelledby="child-needs">
        <h2 id="child-needs">{t("careNeeds.title")}</h2>
        <p className="hint">{t("careNeeds.hint")}</p>
        <fieldset className="field checks">
          <legend>{t("careNeeds.legend")}</legend>
          {shown.map((ty) => (
            <div key={ty.code} className="care-need">
              <label className="check">
                <input
                  type="checkbox"
                  checked={chosen.has(ty.code)}
                  onChange={(e) => toggle(ty.code, e.target.checked)}
                />
                <span>{needLabel(ty, ty.code, i18n.language)}</span>
              </label>
              {chosen.has(ty.code) && (
                <TextArea
                  label={t("careNeeds.instructions", { need: needLabel(ty, ty.code, i18n.language) })}
                  rows={2}
                  maxLength={CARE_NEED_LIMITS.instructionsMax}
                  value={chosen.get(ty.code) ?? ""}
                  onChange={(e) => setChosen(new Map(chosen).set(ty.code, e.target.value))}
                />
              )}
            </div>
          ))}
        </fieldset>
        <FormMessage error={message.error} success={message.ok} />
        <SubmitButton busy={save.isPending}>{t("careNeeds.save")}</SubmitButton>
      </section>
    </form>
  );
}
