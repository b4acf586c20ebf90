import {
  FAMILY_RESILIENCE_TEMPLATE,
  reliableChange,
  type ScaleAnswers,
  type ScaleDefinition,
  ScaleDefinitionSchema,
  type ScaleScore,
  SSRS,
  scoreScale,
} from "@carecircle/shared";
import { describe, expect, it } from "vitest";

const t = (s: string) => ({ "zh-CN": s, en: s });

/** Scores and insists the answers were valid. */
function score(def: ScaleDefinition, answers: ScaleAnswers): ScaleScore {
  const result = scoreScale(def, answers);
  if (!result.ok) throw new Error(`unexpected errors ${JSON.stringify(result.errors)}`);
  return result;
}

const ALL_SOURCES = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
const FAMILY_PARTS = ["a", "b", "c", "d", "e"];
const parts = (option: string) => Object.fromEntries(FAMILY_PARTS.map((p) => [p, option]));

/** Every single-choice item at option `o`, item 5 at `o` in every part, items 6/7 as given. */
function ssrsAnswers(o: string, sources: ScaleAnswers[string]): ScaleAnswers {
  const singles = ["q1", "q2", "q3", "q4", "q8", "q9", "q10"];
  return { ...Object.fromEntries(singles.map((q) => [q, o])), q5: parts(o), q6: sources, q7: sources };
}

describe("scale definitions are data", () => {
  it("the shipped SSRS and the resilience template validate against ScaleDefinitionSchema", () => {
    expect(ScaleDefinitionSchema.safeParse(SSRS).success).toBe(true);
    expect(ScaleDefinitionSchema.safeParse(FAMILY_RESILIENCE_TEMPLATE).success).toBe(true);
    expect(SSRS.items).toHaveLength(10);
  });

  it("refuses broken definitions with a path: unknown subscale item, falling bands, no items, bad norm", () => {
    const broken = (patch: Partial<ScaleDefinition>) =>
      ScaleDefinitionSchema.safeParse({ ...SSRS, ...patch });
    const unknownItem = broken({ subscales: [{ ...SSRS.subscales[0]!, items: ["q2", "q99"] }] });
    expect(unknownItem.success).toBe(false);
    expect(unknownItem.error?.issues[0]?.message).toContain('unknown item "q99"');
    const falling = broken({ total: { ...SSRS.total, bands: [...SSRS.total.bands!].reverse() } });
    expect(falling.error?.issues[0]?.path).toEqual(["total", "bands"]);
    expect(broken({ items: [], subscales: [] }).success).toBe(false);
    expect(broken({ items: [SSRS.items[0]!, SSRS.items[0]!], subscales: [] }).success).toBe(false);
    const norm = { ...SSRS.total.norm!, reliability: 1 };
    expect(broken({ total: { ...SSRS.total, norm } }).success).toBe(false);
    // A template may lack items; the same data marked as a real scale may not.
    expect(ScaleDefinitionSchema.safeParse({ ...FAMILY_RESILIENCE_TEMPLATE, template: false }).success).toBe(
      false,
    );
  });
});

describe("SSRS scoring (Xiao 1994 rules)", () => {
  it("minimum is 12: option 1 everywhere (1 point each), item 5 'none' x5 = 5, items 6 and 7 'no source' = 0", () => {
    // 7 single items x 1 = 7; item 5 = 5 x 1 = 5; items 6, 7 = 0 -> 12
    const s = score(SSRS, ssrsAnswers("o1", "none"));
    expect(s).toMatchObject({ total: 12, complete: true, missing: [] });
    // objective 2+6+7 = 1+0+0; subjective 1+3+4+5 = 1+1+1+5; use 8+9+10 = 1+1+1
    expect(s.subscales).toEqual({ objective: 1, subjective: 8, utilisation: 3 });
    expect(s.band?.id).toBe("low");
  });

  it("maximum is 66: option 4 everywhere, item 5 'full support' x5 = 20, all nine sources in items 6 and 7", () => {
    // 7 single items x 4 = 28; item 5 = 5 x 4 = 20; items 6, 7 = 9 + 9 -> 66
    const s = score(SSRS, ssrsAnswers("o4", ALL_SOURCES));
    expect(s.total).toBe(66);
    // objective 4+9+9 = 22; subjective 4+4+4+20 = 32; use 4+4+4 = 12
    expect(s.subscales).toEqual({ objective: 22, subjective: 32, utilisation: 12 });
    expect(s.band?.id).toBe("satisfactory");
  });

  it("a mixed case computed by hand", () => {
    const answers: ScaleAnswers = {
      q1: "o3", // 3-5 friends -> 3
      q2: "o4", // lives with family -> 4
      q3: "o3", // some neighbours care -> 3
      q4: "o1", // colleagues never care -> 1
      q5: { a: "o4", b: "o3", c: "o2", d: "o1", e: "o3" }, // 4+3+2+1+3 = 13
      q6: ["a", "c", "g"], // spouse, relatives, official organisation -> 3 sources = 3
      q7: "none", // no source -> 0
      q8: "o2", // tells only 1-2 close people -> 2
      q9: "o2", // rarely asks for help -> 2
      q10: "o2", // takes part now and then -> 2
    };
    const s = score(SSRS, answers);
    // objective = q2 + q6 + q7 = 4 + 3 + 0 = 7
    // subjective = q1 + q3 + q4 + q5 = 3 + 3 + 1 + 13 = 20
    // use of support = q8 + q9 + q10 = 2 + 2 + 2 = 6
    // total = 7 + 20 + 6 = 33 -> above 30: "satisfactory"
    expect(s.subscales).toEqual({ objective: 7, subjective: 20, utilisation: 6 });
    expect(s.total).toBe(33);
    expect(s.band?.id).toBe("satisfactory");
  });

  it("band edges: 19 low, 20 and 30 moderate, 31 satisfactory", () => {
    // from the minimum 12: q1 "6 or more" adds 3 (15), q6 ticks n sources adds n
    const at = (n: number) =>
      score(SSRS, { ...ssrsAnswers("o1", "none"), q1: "o4", q6: ALL_SOURCES.slice(0, n) });
    expect([at(4).total, at(4).band?.id]).toEqual([19, "low"]);
    expect([at(5).total, at(5).band?.id]).toEqual([20, "moderate"]);
    // from 12 with all nine sources in q6 (+9), q1 "6 or more" (+3), q10 "active" (+3): 27;
    // q7 with three sources (+3) makes 30, and q2 option 2 (+1) makes 31
    const high = { ...ssrsAnswers("o1", "none"), q6: ALL_SOURCES, q1: "o4", q10: "o4", q7: ["a", "b", "c"] };
    const total30 = score(SSRS, high);
    expect([total30.total, total30.band?.id]).toEqual([30, "moderate"]);
    const total31 = score(SSRS, { ...high, q2: "o2" });
    expect([total31.total, total31.band?.id]).toEqual([31, "satisfactory"]);
  });

  it("the multi-part item counts only when all five parts are answered", () => {
    const some = score(SSRS, { ...ssrsAnswers("o1", "none"), q5: { a: "o4", b: "o4" } });
    expect(some.complete).toBe(false);
    expect(some.missing).toEqual(["q5"]);
    expect(some.subscales.subjective).toBeNull();
    expect(some.subscales.objective).toBe(1);
    expect(some.total).toBeNull();
  });

  it("count-of-sources items: 'no source' is 0, else one point per source ticked", () => {
    const base = ssrsAnswers("o1", "none");
    expect(score(SSRS, base).subscales.objective).toBe(1);
    expect(score(SSRS, { ...base, q6: ["d"] }).subscales.objective).toBe(2);
    expect(score(SSRS, { ...base, q6: ["i", "a"], q7: ALL_SOURCES }).subscales.objective).toBe(1 + 2 + 9);
  });

  it("partial answers: subscales that are whole get a score, the rest and the total wait", () => {
    const s = score(SSRS, { q8: "o4", q9: "o3", q10: "o1", q2: "o2" });
    expect(s.complete).toBe(false);
    expect(s.subscales).toEqual({ objective: null, subjective: null, utilisation: 8 });
    expect(s.total).toBeNull();
    expect(s.band).toBeNull();
    expect(s.missing).toEqual(["q1", "q3", "q4", "q5", "q6", "q7"]);
    expect(score(SSRS, {}).missing).toHaveLength(10);
  });

  it("invalid answers give every error, typed, without throwing", () => {
    const result = scoreScale(SSRS, {
      q1: "o9",
      q2: 3,
      q5: { a: "o1", z: "o1" },
      q6: ["a", "a"],
      q7: ["x"],
      q8: [],
      q99: "o1",
    } as unknown as ScaleAnswers);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { code: "unknown_item", itemId: "q99" },
      { code: "unknown_option", itemId: "q1", value: "o9" },
      { code: "wrong_type", itemId: "q2" },
      { code: "unknown_part", itemId: "q5", value: "z" },
      { code: "duplicate_source", itemId: "q6", value: "a" },
      { code: "unknown_source", itemId: "q7", value: "x" },
      { code: "wrong_type", itemId: "q8" },
    ]);
    expect(scoreScale(SSRS, { q5: { a: "o5" } })).toMatchObject({
      ok: false,
      errors: [{ code: "unknown_option" }],
    });
  });
});

/** A small inline scale: two agree items (b reversed), a free number (reversed) and bands on a mean. */
const MINI: ScaleDefinition = {
  id: "mini",
  version: 1,
  name: t("mini"),
  source: { citation: "test" },
  direction: "lower_is_better",
  items: [
    {
      id: "a",
      text: t("a"),
      kind: "single",
      options: [1, 2, 3, 4, 5].map((n) => ({ id: `o${n}`, label: t(`${n}`), score: n })),
    },
    {
      id: "b",
      text: t("b"),
      kind: "single",
      reverse: true,
      options: [1, 2, 3, 4, 5].map((n) => ({ id: `o${n}`, label: t(`${n}`), score: n })),
    },
    { id: "c", text: t("c"), kind: "number", min: 0, max: 10, integer: true, reverse: true },
  ],
  subscales: [
    {
      id: "ab",
      name: t("ab"),
      items: ["a", "b"],
      combine: "mean",
      bands: [
        { id: "lo", min: 1, label: t("lo") },
        { id: "hi", min: 3.5, label: t("hi") },
      ],
    },
    {
      id: "c",
      name: t("c"),
      items: ["c"],
      combine: "sum",
      norm: { sd: 10, reliability: 0.84, reliabilityKind: "cronbach_alpha", source: "test" },
    },
  ],
  total: { combine: "sum", over: "subscales" },
};

describe("a scale built from data (reverse scoring, means, bands, numbers)", () => {
  it("validates", () => expect(ScaleDefinitionSchema.safeParse(MINI).success).toBe(true));

  it("reverse-scored items score (lowest + highest) - score; a free number min + max - value", () => {
    // a = 4; b answered 1 -> (1 + 5) - 1 = 5; mean (4 + 5) / 2 = 4.5 -> band "hi" (from 3.5)
    // c answered 3 -> (0 + 10) - 3 = 7; total over subscales = 4.5 + 7 = 11.5
    const s = score(MINI, { a: "o4", b: "o1", c: 3 });
    expect(s.subscales).toEqual({ ab: 4.5, c: 7 });
    expect(s.subscaleBands.ab?.id).toBe("hi");
    expect(s.total).toBe(11.5);
    // a = 2, b answered 4 -> 2; mean 2 -> "lo"
    expect(score(MINI, { a: "o2", b: "o4", c: 0 }).subscaleBands.ab?.id).toBe("lo");
  });

  it("a free number outside its range or not whole is refused", () => {
    expect(scoreScale(MINI, { c: 11 })).toEqual({
      ok: false,
      errors: [{ code: "out_of_range", itemId: "c" }],
    });
    expect(scoreScale(MINI, { c: 2.5 })).toEqual({
      ok: false,
      errors: [{ code: "not_integer", itemId: "c" }],
    });
    expect(scoreScale(MINI, { c: "3" })).toEqual({
      ok: false,
      errors: [{ code: "wrong_type", itemId: "c" }],
    });
  });
});

describe("family resilience template", () => {
  it("has the six case-study dimensions and no items; scoring it says so", () => {
    expect(FAMILY_RESILIENCE_TEMPLATE.subscales.map((s) => s.id)).toEqual([
      "economic",
      "cohesion",
      "beliefs",
      "communication",
      "social-support",
      "problem-solving",
    ]);
    expect(scoreScale(FAMILY_RESILIENCE_TEMPLATE, {})).toEqual({ ok: false, errors: [{ code: "no_items" }] });
  });

  it("scores the mean per dimension once an organisation enters items", () => {
    const agree = [1, 2, 3, 4, 5].map((n) => ({ id: `o${n}`, label: t(`${n}`), score: n }));
    const dims = FAMILY_RESILIENCE_TEMPLATE.subscales.map((s) => s.id);
    // two items per dimension: e1, e2 for the first, and so on
    const itemsOf = (d: string) => [`${d}-1`, `${d}-2`];
    const def: ScaleDefinition = {
      ...FAMILY_RESILIENCE_TEMPLATE,
      id: "our-resilience",
      template: false,
      items: dims
        .flatMap(itemsOf)
        .map((id) => ({ id, text: t(id), kind: "single" as const, options: agree })),
      subscales: FAMILY_RESILIENCE_TEMPLATE.subscales.map((s) => ({ ...s, items: itemsOf(s.id) })),
    };
    expect(ScaleDefinitionSchema.safeParse(def).success).toBe(true);
    // every dimension answered 2 and 5 -> mean 3.5, except economic 1 and 2 -> 1.5
    const answers: ScaleAnswers = Object.fromEntries(
      dims.flatMap((d) => [
        [`${d}-1`, "o2"],
        [`${d}-2`, "o5"],
      ]),
    );
    const s = score(def, { ...answers, "economic-1": "o1", "economic-2": "o2" });
    expect(s.subscales.economic).toBe(1.5);
    expect(s.subscales.cohesion).toBe(3.5);
    // total = mean of all 12 items = (1 + 2 + 5 x (2 + 5)) / 12 = 38 / 12
    expect(s.total).toBeCloseTo(38 / 12, 10);
  });
});

describe("reliable change index (Jacobson & Truax 1991)", () => {
  // SSRS total: SD 6.99, r 0.92 -> SE = 6.99 x sqrt(0.08) = 1.97707; Sdiff = sqrt(2 x SE^2)
  // = 6.99 x sqrt(0.16) = 6.99 x 0.4 = 2.796. Reliable when |change| > 1.96 x 2.796 = 5.48 points.
  it("SSRS total: +7 is a reliable improvement, +5 is not, -6 is a reliable deterioration", () => {
    const up7 = reliableChange(SSRS, 26, 33);
    expect(up7.ok && up7.sdiff).toBeCloseTo(2.796, 10);
    expect(up7.ok && up7.rci).toBeCloseTo(7 / 2.796, 10); // 2.50358
    expect(up7.ok && up7.classification).toBe("reliable_improvement");
    const up5 = reliableChange(SSRS, 26, 31); // 5 / 2.796 = 1.78827
    expect(up5.ok && up5.rci).toBeCloseTo(1.78827, 4);
    expect(up5.ok && up5.classification).toBe("no_reliable_change");
    const down6 = reliableChange(SSRS, 30, 24); // -6 / 2.796 = -2.14592
    expect(down6.ok && down6.rci).toBeCloseTo(-2.14592, 4);
    expect(down6.ok && down6.classification).toBe("reliable_deterioration");
  });

  it("on a lower-is-better subscale a fall is the improvement; exactly 1.96 is not reliable", () => {
    // subscale c: SD 10, alpha 0.84 -> SE = 10 x sqrt(0.16) = 4; Sdiff = 4 x sqrt(2) = 5.65685
    const fall = reliableChange(MINI, 10, 0, "c"); // -10 / 5.65685 = -1.76777: not reliable
    expect(fall.ok && fall.rci).toBeCloseTo(-1.76777, 4);
    expect(fall.ok && fall.classification).toBe("no_reliable_change");
    const edge: ScaleDefinition = {
      ...MINI,
      subscales: [
        {
          ...MINI.subscales[1]!,
          norm: { sd: 1, reliability: 0.5, reliabilityKind: "test_retest", source: "t" },
        },
      ],
    };
    // SD 1, r 0.5 -> Sdiff = 1 x sqrt(2 x 0.5) = 1, so RCI = the change itself
    expect(reliableChange(edge, 0, 1.96, "c")).toMatchObject({
      rci: 1.96,
      classification: "no_reliable_change",
    });
    expect(reliableChange(edge, 5, 2, "c")).toMatchObject({
      rci: -3,
      classification: "reliable_improvement",
    });
    expect(reliableChange(edge, 2, 5, "c")).toMatchObject({
      rci: 3,
      classification: "reliable_deterioration",
    });
  });

  it("no norm, an unknown subscale or a non-number is a typed error", () => {
    expect(reliableChange(SSRS, 20, 30, "objective")).toEqual({ ok: false, error: "no_norm" });
    expect(reliableChange(SSRS, 20, 30, "nope")).toEqual({ ok: false, error: "unknown_subscale" });
    expect(reliableChange(SSRS, Number.NaN, 30)).toEqual({ ok: false, error: "not_a_number" });
    expect(reliableChange(FAMILY_RESILIENCE_TEMPLATE, 2, 4)).toEqual({ ok: false, error: "no_norm" });
  });
});
