import {
  CRISIS_TIERS,
  type CrisisTier,
  MATCH_FORMS,
  type MatchForm,
  WATCHED_WORD_ACTIONS,
  type WatchedWord,
  type WatchedWordAction,
  type WatchedWordMatch,
  type WatchedWordTestResult,
} from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, type FieldErrors, SelectField, TextField } from "./form";

/** The editable fields of a watched word, as the form holds them. */
export interface WordDraft {
  phrase: string;
  action: WatchedWordAction;
  tier: CrisisTier;
  forms: MatchForm[];
  /** Variants as typed: separated by commas, 、 or new lines. */
  variants: string;
}

export const emptyDraft: WordDraft = {
  phrase: "",
  action: "flag",
  tier: "intent",
  forms: [...MATCH_FORMS],
  variants: "",
};

/** A stored word as a draft to edit. */
export function draftOf(w: WatchedWord): WordDraft {
  return {
    phrase: w.phrase,
    action: w.action,
    tier: w.tier ?? "intent",
    forms: [...w.forms],
    variants: w.variants.join("、"),
  };
}

/** The request body of a draft (a tier only for crisis entries). */
export function inputOf(d: WordDraft) {
  return {
    phrase: d.phrase,
    action: d.action,
    ...(d.action === "crisis" ? { tier: d.tier } : {}),
    forms: d.forms,
    variants: d.variants
      .split(/[,，、\n]/)
      .map((v) => v.trim())
      .filter(Boolean),
  };
}

/** Phrase, action, tier (crisis only), forms and slang variants. */
export function WordFields({
  draft,
  errors,
  onChange,
}: {
  draft: WordDraft;
  errors: FieldErrors;
  onChange(d: WordDraft): void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<WordDraft>) => onChange({ ...draft, ...patch });
  return (
    <>
      <TextField
        label={t("mod.phrase")}
        value={draft.phrase}
        error={errors.phrase}
        onChange={(e) => set({ phrase: e.target.value })}
      />
      <SelectField
        label={t("mod.wordAction")}
        value={draft.action}
        options={WATCHED_WORD_ACTIONS.map((a) => ({ value: a, label: t(`mod.wordActions.${a}`) }))}
        onChange={(e) => set({ action: e.target.value as WatchedWordAction })}
      />
      {draft.action === "crisis" && (
        <SelectField
          label={t("mod.wordTier")}
          value={draft.tier}
          error={errors.tier}
          options={CRISIS_TIERS.map((v) => ({ value: v, label: t(`mod.tiers.${v}`) }))}
          onChange={(e) => set({ tier: e.target.value as CrisisTier })}
        />
      )}
      <CheckboxGroup
        legend={t("mod.wordForms")}
        options={MATCH_FORMS.map((f) => ({ value: f, label: t(`mod.forms.${f}`) }))}
        value={draft.forms}
        error={errors.forms}
        onChange={(v) => set({ forms: v as MatchForm[] })}
      />
      <TextField
        label={t("mod.wordVariants")}
        hint={t("mod.wordVariantsHint")}
        value={draft.variants}
        error={errors.variants}
        onChange={(e) => set({ variants: e.target.value })}
      />
    </>
  );
}

/** Tags for a word's action and (crisis) tier. */
export function WordTags({ word }: { word: Pick<WatchedWord, "action" | "tier"> }) {
  const { t } = useTranslation();
  const tone = word.action === "crisis" ? "tag danger" : word.action === "allow" ? "tag" : "tag warn";
  return (
    <>
      <span className={tone}>{t(`mod.wordActions.${word.action}`)}</span>
      {word.tier && <span className="tag warn">{t(`mod.tiers.${word.tier}`)}</span>}
    </>
  );
}

function MatchLine({ m }: { m: WatchedWordMatch }) {
  const { t } = useTranslation();
  return (
    <>
      <WordTags word={m} /> <strong>{m.phrase}</strong>{" "}
      <span className="muted small">
        {t("mod.matchedAs", { form: t(`mod.forms.${m.form}`), text: m.matchedText })}
      </span>
    </>
  );
}

/** What a test of a text found: the normalised text, each match and how, what exceptions held back. */
export function TestExplanation({ result }: { result: WatchedWordTestResult }) {
  const { t } = useTranslation();
  return (
    <div role="status" className={result.action ? "notice warn" : "notice"}>
      <p>
        {result.action
          ? t("mod.testVerdict", { action: t(`mod.wordActions.${result.action}`) })
          : t("mod.testNone")}
        {result.tier && ` · ${t("mod.tierIs", { tier: t(`mod.tiers.${result.tier}`) })}`}
      </p>
      <p className="small">
        {t("mod.testNormalized")} <code style={{ overflowWrap: "anywhere" }}>{result.normalized}</code>
      </p>
      {result.matches.length > 0 && (
        <ul className="plain">
          {result.matches.map((m) => (
            <li key={m.id}>
              <MatchLine m={m} />
            </li>
          ))}
        </ul>
      )}
      {result.heldBack.map((m) => (
        <p key={m.id} className="small">
          {t("mod.heldBack", { phrase: m.phrase, by: m.heldBy.phrase })}
        </p>
      ))}
    </div>
  );
}
