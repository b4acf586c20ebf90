import type { LocalizedText, ScaleItem } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, TextField } from "./form";

/** One screen of the fill page: an item, or one part of a multi-part item. */
export interface Step {
  item: ScaleItem;
  part?: { id: string; label: LocalizedText };
}

/** The screens of a scale: a multi-part item is one small question per part. */
export function stepsOf(items: readonly ScaleItem[]): Step[] {
  return items.flatMap<Step>((item) =>
    item.kind === "multi_part" ? item.parts.map((part) => ({ item, part })) : [{ item }],
  );
}

/** Whether a screen has its answer. */
export function stepAnswered(step: Step, answers: Record<string, unknown>): boolean {
  const a = answers[step.item.id];
  if (a === undefined) return false;
  if (step.part) return typeof a === "object" && a !== null && step.part.id in a;
  return !(Array.isArray(a) && a.length === 0);
}

/** Text in the reader's language (zh-CN unless English). */
export function useLocalized() {
  const { i18n } = useTranslation();
  return (text: LocalizedText) => (i18n.language.startsWith("en") ? text.en : text["zh-CN"]);
}

function Choices({
  options,
  value,
  onPick,
}: {
  options: { id: string; label: LocalizedText }[];
  value: unknown;
  onPick(id: string): void;
}) {
  const loc = useLocalized();
  return (
    <div className="answer-list">
      {options.map((o) => (
        <button
          key={o.id}
          type="button"
          className={value === o.id ? "btn answer on" : "btn answer"}
          aria-pressed={value === o.id}
          onClick={() => onPick(o.id)}
        >
          {loc(o.label)}
        </button>
      ))}
    </div>
  );
}

/**
 * The question and big answer buttons of one screen. `answer` is what is known for the item
 * (server and queue merged); `onAnswer` gets the item's whole new answer.
 */
export function StepView({
  step,
  answer,
  onAnswer,
}: {
  step: Step;
  answer: unknown;
  onAnswer(value: unknown): void;
}) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const { item, part } = step;
  if (item.kind === "multi_part" && part) {
    const parts = (answer ?? {}) as Record<string, string>;
    return (
      <fieldset className="scale-step">
        <legend>
          <span className="hint">{loc(item.text)}</span>
          <span className="question">{loc(part.label)}</span>
        </legend>
        <Choices
          options={item.options}
          value={parts[part.id]}
          onPick={(id) => onAnswer({ ...parts, [part.id]: id })}
        />
      </fieldset>
    );
  }
  if (item.kind === "count_sources") {
    const ticked = Array.isArray(answer) ? (answer as string[]) : [];
    return (
      <div className="scale-step">
        <CheckboxGroup
          legend={loc(item.text)}
          options={item.sources.map((s) => ({ value: s.id, label: loc(s.label) }))}
          value={ticked}
          onChange={(v) => onAnswer(v.length ? v : undefined)}
        />
        <button
          type="button"
          className={answer === "none" ? "btn answer on" : "btn answer"}
          aria-pressed={answer === "none"}
          onClick={() => onAnswer("none")}
        >
          {loc(item.noneLabel)}
        </button>
      </div>
    );
  }
  if (item.kind === "number") {
    return (
      <div className="scale-step">
        <TextField
          label={loc(item.text)}
          type="number"
          inputMode="numeric"
          min={item.min}
          max={item.max}
          defaultValue={typeof answer === "number" ? answer : ""}
          hint={t("scales.numberRange", { min: item.min, max: item.max })}
          onChange={(e) => {
            const n = e.target.valueAsNumber;
            if (Number.isFinite(n) && n >= item.min && n <= item.max) onAnswer(n);
          }}
        />
      </div>
    );
  }
  return (
    <fieldset className="scale-step">
      <legend>
        <span className="question">{loc(item.text)}</span>
      </legend>
      <Choices options={item.kind === "single" ? item.options : []} value={answer} onPick={onAnswer} />
    </fieldset>
  );
}
