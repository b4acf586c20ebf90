import type { ScaleDefinition, ScaleSummary } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../api/client";
import { useSaveScale, useScales, useSetScaleActive } from "../api/scales";
import { errorText } from "../components/form";
import { useLocalized } from "../components/scale-step";
import { ErrorBox, Loading, Page } from "../components/ui";

/** "definition.items.3.options" -> "items › 3 › options": where in the JSON the problem is. */
function pathLabel(path: string): string {
  return (
    path
      .replace(/^definition\.?/, "")
      .split(".")
      .join(" › ") || "—"
  );
}

/** Field errors of a refused save, keyed by their path inside the definition. */
function problemsOf(err: unknown): [string, string][] {
  if (!(err instanceof ApiRequestError)) return [];
  const issues = err.details?.issues as { path: string[]; message: string }[] | undefined;
  if (issues?.length) return issues.map((i) => [pathLabel(i.path.join(".")), i.message]);
  return Object.entries(err.fields).map(([k, v]) => [pathLabel(k), v]);
}

function ScaleRow({ s, onEdit }: { s: ScaleSummary; onEdit(): void }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const setActive = useSetScaleActive();
  return (
    <li className="scale-row">
      <strong>{loc(s.definition.name)}</strong> · {s.id} · v{s.version} ·{" "}
      {t("scales.items", { count: s.itemCount })}
      {!s.active && ` · ${t("scales.inactive")}`}
      <div className="row">
        <button type="button" className="btn small" onClick={onEdit}>
          {t("scales.newVersion")}
        </button>
        <button
          type="button"
          className="btn small"
          onClick={() => setActive.mutate({ slug: s.id, active: !s.active })}
        >
          {s.active ? t("scales.deactivate") : t("scales.activate")}
        </button>
      </div>
    </li>
  );
}

/** Admin: the stored scales, and a JSON definition to save as a new scale or a new version (decision 126). */
export function AdminScalesPage() {
  const { t } = useTranslation();
  const scales = useScales();
  const save = useSaveScale();
  const [text, setText] = useState("");
  const [problems, setProblems] = useState<[string, string][]>([]);
  const [note, setNote] = useState<string | null>(null);
  if (scales.isPending) return <Loading />;
  if (scales.isError) return <ErrorBox error={scales.error} />;

  function edit(s: ScaleSummary) {
    setText(JSON.stringify({ ...s.definition, version: s.version + 1 }, null, 2));
    setProblems([]);
    setNote(null);
  }
  async function submit() {
    setProblems([]);
    setNote(null);
    let definition: ScaleDefinition;
    try {
      definition = JSON.parse(text) as ScaleDefinition;
    } catch (err) {
      setProblems([["JSON", (err as Error).message]]);
      return;
    }
    const existing = (scales.data ?? []).some((s) => s.id === definition?.id);
    try {
      const saved = await save.mutateAsync({ definition, existing });
      setNote(t("scales.savedVersion", { id: saved.id, version: saved.version }));
    } catch (err) {
      const list = problemsOf(err);
      if (list.length) setProblems(list);
      else setNote(errorText(err, t));
    }
  }

  return (
    <Page title={t("scales.adminTitle")}>
      <section className="card">
        <ul className="plain">
          {scales.data.map((s) => (
            <ScaleRow key={s.id} s={s} onEdit={() => edit(s)} />
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="def-h">
        <h2 id="def-h">{t("scales.definition")}</h2>
        <p className="hint" id="def-hint">
          {t("scales.definitionHelp")}
        </p>
        <label htmlFor="def-json">{t("scales.json")}</label>
        <textarea
          id="def-json"
          className="json-input"
          rows={16}
          value={text}
          spellCheck={false}
          aria-describedby={problems.length ? "def-hint def-problems" : "def-hint"}
          aria-invalid={problems.length ? true : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        {problems.length > 0 && (
          <div role="alert" id="def-problems">
            <ul className="field-error">
              {problems.map(([where, what]) => (
                <li key={`${where}:${what}`}>
                  <code>{where}</code>: {what}
                </li>
              ))}
            </ul>
          </div>
        )}
        {note && <p role="status">{note}</p>}
        <button type="button" className="btn primary" disabled={save.isPending} onClick={() => void submit()}>
          {t("scales.saveButton")}
        </button>
      </section>
    </Page>
  );
}
