import { z } from "zod";

// Scales are data (docs/decisions/121): an admin can add one without code, so every rule the
// scorer relies on (ids that exist, bands in order, ...) is checked here, not assumed.

const Slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "lower-case letters, digits, _ or -");

/** Text in both languages the app ships (zh-CN first). */
export const LocalizedTextSchema = z.object({
  "zh-CN": z.string().trim().min(1).max(1000),
  en: z.string().trim().min(1).max(1000),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** One answer option and the score it carries. */
export const ScaleOptionSchema = z.object({ id: Slug, label: LocalizedTextSchema, score: z.number() });

const Labelled = z.object({ id: Slug, label: LocalizedTextSchema });
const Options = z.array(ScaleOptionSchema).min(2).max(20);
const itemBase = { id: Slug, text: LocalizedTextSchema };

const SingleItem = z.object({
  ...itemBase,
  kind: z.literal("single"),
  options: Options,
  /** Scored as (lowest + highest option score) - score. */
  reverse: z.boolean().optional(),
});
const MultiPartItem = z.object({
  ...itemBase,
  kind: z.literal("multi_part"),
  /** Every part is answered with one of `options`; the item scores the sum of its parts. */
  parts: z.array(Labelled).min(2).max(20),
  options: Options,
  reverse: z.boolean().optional(),
});
const CountSourcesItem = z.object({
  ...itemBase,
  kind: z.literal("count_sources"),
  /** The explicit "no source" answer, scored 0; otherwise the number of sources ticked. */
  noneLabel: LocalizedTextSchema,
  sources: z.array(Labelled).min(1).max(30),
});
const NumberItem = z.object({
  ...itemBase,
  kind: z.literal("number"),
  min: z.number(),
  max: z.number(),
  integer: z.boolean().optional(),
  /** Scored as min + max - value. */
  reverse: z.boolean().optional(),
});

/** One item: single choice, multi-part, count of sources or a free number. */
export const ScaleItemSchema = z.discriminatedUnion("kind", [
  SingleItem,
  MultiPartItem,
  CountSourcesItem,
  NumberItem,
]);
export type ScaleItem = z.infer<typeof ScaleItemSchema>;

/** A band starts at `min` and runs up to the next band's `min` (bands are listed in rising order). */
export const ScaleBandSchema = z.object({ id: Slug, min: z.number(), label: LocalizedTextSchema });
export type ScaleBand = z.infer<typeof ScaleBandSchema>;

/** Reliability and norm SD for the reliable change index (docs/decisions/122). */
export const ScaleNormSchema = z.object({
  sd: z.number().positive(),
  reliability: z.number().gt(0).lt(1),
  reliabilityKind: z.enum(["cronbach_alpha", "test_retest"]),
  source: z.string().trim().min(1).max(1000),
});
export type ScaleNorm = z.infer<typeof ScaleNormSchema>;

const Combine = z.enum(["sum", "mean"]);
const Bands = z.array(ScaleBandSchema).max(10);

/** A dimension: a named set of items, summed or averaged. */
export const SubscaleSchema = z.object({
  id: Slug,
  name: LocalizedTextSchema,
  items: z.array(Slug).max(200),
  combine: Combine,
  bands: Bands.optional(),
  norm: ScaleNormSchema.optional(),
});
export type Subscale = z.infer<typeof SubscaleSchema>;

const ScaleShape = z.object({
  id: Slug,
  version: z.int().min(1),
  name: LocalizedTextSchema,
  /** What the person filling it is told first. */
  instructions: LocalizedTextSchema.optional(),
  source: z.object({
    citation: z.string().trim().min(1).max(1000),
    url: z.url().optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  }),
  /** A template ships without items; the deploying organisation enters them. */
  template: z.boolean().optional(),
  direction: z.enum(["higher_is_better", "lower_is_better"]),
  items: z.array(ScaleItemSchema).max(200),
  subscales: z.array(SubscaleSchema).max(20),
  total: z.object({
    combine: Combine,
    /** Combine the item scores, or the subscale scores. */
    over: z.enum(["items", "subscales"]),
    bands: Bands.optional(),
    norm: ScaleNormSchema.optional(),
  }),
});

/** A whole scale as data: what admins may store and what `scoreScale` reads. */
export const ScaleDefinitionSchema = ScaleShape.superRefine((def, ctx) => {
  for (const issue of definitionIssues(def)) ctx.addIssue({ code: "custom", ...issue });
});
export type ScaleDefinition = z.infer<typeof ScaleDefinitionSchema>;

type Issue = { message: string; path: (string | number)[] };

function duplicates(ids: readonly string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

function itemIssues(item: ScaleItem, at: number): Issue[] {
  const path = ["items", at];
  const lists: string[][] = [];
  if (item.kind === "single" || item.kind === "multi_part") lists.push(item.options.map((o) => o.id));
  if (item.kind === "multi_part") lists.push(item.parts.map((p) => p.id));
  if (item.kind === "count_sources") lists.push(item.sources.map((s) => s.id));
  const issues = lists.flatMap(duplicates).map((id) => ({ message: `duplicate id "${id}" in item`, path }));
  if (item.kind === "number" && !(item.min < item.max))
    issues.push({ message: "min must be below max", path });
  return issues;
}

function bandIssues(bands: readonly ScaleBand[] | undefined, path: (string | number)[]): Issue[] {
  const list = bands ?? [];
  const rising = list.every((band, i) => i === 0 || band.min > list[i - 1]!.min);
  return rising ? [] : [{ message: "bands must be listed with rising min", path }];
}

function subscaleIssues(def: z.infer<typeof ScaleShape>, itemIds: Set<string>): Issue[] {
  return def.subscales.flatMap((sub, i) => {
    const path = ["subscales", i];
    const issues = bandIssues(sub.bands, [...path, "bands"]);
    for (const id of sub.items.filter((id) => !itemIds.has(id))) {
      issues.push({ message: `unknown item "${id}"`, path });
    }
    for (const id of duplicates(sub.items)) issues.push({ message: `item "${id}" listed twice`, path });
    if (!def.template && sub.items.length === 0) issues.push({ message: "a subscale needs items", path });
    return issues;
  });
}

/** Every cross-reference rule the scorer relies on, as issues with a path. */
function definitionIssues(def: z.infer<typeof ScaleShape>): Issue[] {
  const itemIds = def.items.map((item) => item.id);
  const issues: Issue[] = [
    ...def.items.flatMap(itemIssues),
    ...duplicates(itemIds).map((id) => ({ message: `duplicate item id "${id}"`, path: ["items"] })),
    ...duplicates(def.subscales.map((s) => s.id)).map((id) => ({
      message: `duplicate subscale id "${id}"`,
      path: ["subscales"],
    })),
    ...subscaleIssues(def, new Set(itemIds)),
    ...bandIssues(def.total.bands, ["total", "bands"]),
  ];
  if (!def.template && def.items.length === 0)
    issues.push({ message: "a scale needs items", path: ["items"] });
  if (def.total.over === "subscales" && def.subscales.length === 0) {
    issues.push({ message: "a total over subscales needs subscales", path: ["total"] });
  }
  return issues;
}

/**
 * One item's answer, by kind: single = option id; multi_part = { partId: optionId };
 * count_sources = "none" or the ticked source ids; number = the value.
 */
export const ScaleAnswerSchema = z.union([
  z.string().max(40),
  z.array(z.string().max(40)).min(1).max(30),
  z.record(z.string().max(40), z.string().max(40)),
  z.number(),
]);
export type ScaleAnswer = z.infer<typeof ScaleAnswerSchema>;

/** Answers so far, keyed by item id (partial sets are normal: answers are saved as they go). */
export const ScaleAnswersSchema = z.record(z.string().max(40), ScaleAnswerSchema);
export type ScaleAnswers = z.infer<typeof ScaleAnswersSchema>;
