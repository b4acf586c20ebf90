import type { ScaleAnswer, ScaleAnswers, ScaleBand, ScaleDefinition, ScaleItem } from "./schema.js";

/** Why an answer cannot be scored; `itemId` names the item (absent for `no_items`). */
export interface ScaleAnswerError {
  code:
    | "no_items"
    | "unknown_item"
    | "wrong_type"
    | "unknown_option"
    | "unknown_part"
    | "unknown_source"
    | "duplicate_source"
    | "out_of_range"
    | "not_integer";
  itemId?: string;
  /** The offending option, part or source id. */
  value?: string;
}

/** A scored set of answers. A score is null until every item it needs is answered. */
export interface ScaleScore {
  ok: true;
  total: number | null;
  subscales: Record<string, number | null>;
  band: ScaleBand | null;
  subscaleBands: Record<string, ScaleBand | null>;
  complete: boolean;
  /** Items not (fully) answered yet, in the scale's order. */
  missing: string[];
}

/** `scoreScale`'s typed result: a score, or every invalid answer (nothing thrown). */
export type ScaleScoreResult = ScaleScore | { ok: false; errors: ScaleAnswerError[] };

/** null = not (fully) answered yet. */
type ItemOutcome = { score: number | null } | { error: ScaleAnswerError };

type Options = { id: string; score: number }[];

function optionScore(options: Options, optionId: string, reverse: boolean | undefined): number | undefined {
  const found = options.find((o) => o.id === optionId);
  if (!found) return undefined;
  if (!reverse) return found.score;
  const scores = options.map((o) => o.score);
  return Math.min(...scores) + Math.max(...scores) - found.score;
}

function isRecord(answer: ScaleAnswer): answer is Record<string, string> {
  return typeof answer === "object" && answer !== null && !Array.isArray(answer);
}

function scoreSingle(item: Extract<ScaleItem, { kind: "single" }>, answer: ScaleAnswer): ItemOutcome {
  const itemId = item.id;
  if (typeof answer !== "string") return { error: { code: "wrong_type", itemId } };
  const score = optionScore(item.options, answer, item.reverse);
  return score === undefined ? { error: { code: "unknown_option", itemId, value: answer } } : { score };
}

function scoreMultiPart(item: Extract<ScaleItem, { kind: "multi_part" }>, answer: ScaleAnswer): ItemOutcome {
  const itemId = item.id;
  if (!isRecord(answer)) return { error: { code: "wrong_type", itemId } };
  let sum = 0;
  for (const [partId, optionId] of Object.entries(answer)) {
    if (!item.parts.some((p) => p.id === partId))
      return { error: { code: "unknown_part", itemId, value: partId } };
    if (typeof optionId !== "string") return { error: { code: "wrong_type", itemId, value: partId } };
    const score = optionScore(item.options, optionId, item.reverse);
    if (score === undefined) return { error: { code: "unknown_option", itemId, value: optionId } };
    sum += score;
  }
  const allParts = item.parts.every((p) => Object.hasOwn(answer, p.id));
  return { score: allParts ? sum : null };
}

function scoreCountSources(
  item: Extract<ScaleItem, { kind: "count_sources" }>,
  answer: ScaleAnswer,
): ItemOutcome {
  const itemId = item.id;
  if (answer === "none") return { score: 0 };
  if (!Array.isArray(answer) || answer.length === 0) return { error: { code: "wrong_type", itemId } };
  const seen = new Set<string>();
  for (const sourceId of answer) {
    if (typeof sourceId !== "string") return { error: { code: "wrong_type", itemId } };
    if (!item.sources.some((s) => s.id === sourceId)) {
      return { error: { code: "unknown_source", itemId, value: sourceId } };
    }
    if (seen.has(sourceId)) return { error: { code: "duplicate_source", itemId, value: sourceId } };
    seen.add(sourceId);
  }
  return { score: seen.size };
}

function scoreNumber(item: Extract<ScaleItem, { kind: "number" }>, answer: ScaleAnswer): ItemOutcome {
  const itemId = item.id;
  if (typeof answer !== "number" || !Number.isFinite(answer))
    return { error: { code: "wrong_type", itemId } };
  if (item.integer && !Number.isInteger(answer)) return { error: { code: "not_integer", itemId } };
  if (answer < item.min || answer > item.max) return { error: { code: "out_of_range", itemId } };
  return { score: item.reverse ? item.min + item.max - answer : answer };
}

function scoreItem(item: ScaleItem, answer: ScaleAnswer | undefined): ItemOutcome {
  if (answer === undefined) return { score: null };
  switch (item.kind) {
    case "single":
      return scoreSingle(item, answer);
    case "multi_part":
      return scoreMultiPart(item, answer);
    case "count_sources":
      return scoreCountSources(item, answer);
    case "number":
      return scoreNumber(item, answer);
  }
}

function combine(how: "sum" | "mean", scores: readonly (number | null)[]): number | null {
  if (scores.length === 0 || scores.some((s) => s === null)) return null;
  const sum = (scores as number[]).reduce((a, b) => a + b, 0);
  return how === "sum" ? sum : sum / scores.length;
}

/** The band a score falls in: the last band whose `min` it reaches. */
export function bandOf(bands: readonly ScaleBand[] | undefined, score: number | null): ScaleBand | null {
  if (score === null || !bands) return null;
  return bands.filter((band) => score >= band.min).at(-1) ?? null;
}

/** Item scores by id, or every invalid answer. */
function scoreItems(def: ScaleDefinition, answers: ScaleAnswers) {
  const errors: ScaleAnswerError[] = Object.keys(answers)
    .filter((id) => !def.items.some((item) => item.id === id))
    .map((itemId) => ({ code: "unknown_item", itemId }));
  const scores = new Map<string, number | null>();
  for (const item of def.items) {
    const outcome = scoreItem(item, Object.hasOwn(answers, item.id) ? answers[item.id] : undefined);
    if ("error" in outcome) errors.push(outcome.error);
    else scores.set(item.id, outcome.score);
  }
  return { errors, scores };
}

/**
 * Scores answers against a scale definition (docs/decisions/121). Partial answers are fine:
 * each subscale (and the total) gets a score once all its items are answered, `missing` lists
 * the rest. Invalid answers give `{ ok: false, errors }` with every problem, so a form can show
 * them all; nothing throws.
 */
export function scoreScale(def: ScaleDefinition, answers: ScaleAnswers): ScaleScoreResult {
  if (def.items.length === 0) return { ok: false, errors: [{ code: "no_items" }] };
  const { errors, scores } = scoreItems(def, answers);
  if (errors.length > 0) return { ok: false, errors };
  const subscales: Record<string, number | null> = {};
  const subscaleBands: Record<string, ScaleBand | null> = {};
  for (const sub of def.subscales) {
    subscales[sub.id] = combine(
      sub.combine,
      sub.items.map((id) => scores.get(id)!),
    );
    subscaleBands[sub.id] = bandOf(sub.bands, subscales[sub.id]!);
  }
  const parts = def.total.over === "items" ? [...scores.values()] : Object.values(subscales);
  const total = combine(def.total.combine, parts);
  const missing = def.items.filter((item) => scores.get(item.id) === null).map((item) => item.id);
  const band = bandOf(def.total.bands, total);
  return { ok: true, total, subscales, band, subscaleBands, complete: missing.length === 0, missing };
}
