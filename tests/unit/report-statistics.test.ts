import { readFileSync } from "node:fs";
import { SSRS } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { outcomeRow, outcomesSection } from "../../server/src/modules/reports/report-outcomes.js";
import type { ScoreSnapshot } from "../../server/src/modules/reports/report-sources.js";
import { pairedSummary, quantile } from "../../server/src/modules/reports/statistics.js";
import { cell, familyCount } from "../../server/src/modules/reports/suppression.js";

interface Fixture {
  families: { family: string; pre: ScoreSnapshot; post: ScoreSnapshot }[];
}
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/report-30-families.json", import.meta.url), "utf8"),
) as Fixture;
const pairs = (dim: string) =>
  fixture.families.map((f) => ({
    pre: dim === "total" ? f.pre.total : f.pre.subscales[dim]!,
    post: dim === "total" ? f.post.total : f.post.subscales[dim]!,
  }));

/*
 * Expected values printed by `python3 tests/fixtures/report-expected.py` (SciPy 1.17.1, numpy),
 * computed independently of the code under test:
 * total       n 32, nonZero 29, asymptotic, medians 34 -> 38, change 4, V 403.5, p 5.4244101491745134e-05, r_rb 0.8551724137931035
 * total RCI   improved 5, deteriorated 0, unchanged 27
 * objective   n 32, nonZero 29, asymptotic, medians 8 -> 10, change 1, V 370.5, p 0.0008457471777616529, r_rb 0.7034482758620689
 * subjective  n 32, nonZero 27, asymptotic, medians 20 -> 21, change 1, V 277.5, p 0.03223453846248564, r_rb 0.46825396825396826
 * utilisation n 32, nonZero 23, asymptotic, medians 7 -> 8, change 1, V 252.0, p 0.00033285625611225524, r_rb 0.8260869565217391
 * small exact n 8, nonZero 8, exact, medians 26 -> 31.5, change 4.5, V 34.0, p 0.0234375, r_rb 0.8888888888888888
 */
const EXPECTED = {
  total: {
    nonZero: 29,
    pre: 34,
    post: 38,
    change: 4,
    V: 403.5,
    p: 5.4244101491745134e-5,
    r: 0.8551724137931035,
  },
  objective: {
    nonZero: 29,
    pre: 8,
    post: 10,
    change: 1,
    V: 370.5,
    p: 0.0008457471777616529,
    r: 0.7034482758620689,
  },
  subjective: {
    nonZero: 27,
    pre: 20,
    post: 21,
    change: 1,
    V: 277.5,
    p: 0.03223453846248564,
    r: 0.46825396825396826,
  },
  utilisation: {
    nonZero: 23,
    pre: 7,
    post: 8,
    change: 1,
    V: 252,
    p: 0.00033285625611225524,
    r: 0.8260869565217391,
  },
} as const;

describe("paired outcomes on the 32-family SSRS fixture equal SciPy's (docs/decisions/130)", () => {
  it("the fixture has at least 30 families with pre and post scores", () => {
    expect(fixture.families.length).toBeGreaterThanOrEqual(30);
  });

  for (const [dim, e] of Object.entries(EXPECTED)) {
    it(`${dim}: medians, V, p (normal approximation, ties and zeros), rank-biserial r`, () => {
      const s = pairedSummary(SSRS, pairs(dim), dim === "total" ? undefined : dim);
      expect(s.n).toBe(32);
      expect([s.medianPre, s.medianPost, s.medianChange]).toEqual([e.pre, e.post, e.change]);
      expect(s.test?.method).toBe("normal_approximation");
      expect(s.test?.nonZero).toBe(e.nonZero);
      expect(s.test?.statistic).toBe(e.V);
      expect(s.test!.pValue).toBeCloseTo(e.p, 10);
      expect(s.rankBiserial!).toBeCloseTo(e.r, 10);
    });
  }

  it("reliable change on the total: 5 improved, 27 unchanged, 0 deteriorated; none on sub-scales (no norm)", () => {
    expect(pairedSummary(SSRS, pairs("total")).reliableChange).toEqual({
      reliable_improvement: 5,
      no_reliable_change: 27,
      reliable_deterioration: 0,
    });
    expect(pairedSummary(SSRS, pairs("objective"), "objective").reliableChange).toBeNull();
  });

  it("a small sample without ties or zeros uses the exact distribution (SciPy: V 34, p 0.0234375)", () => {
    const pre = [20, 25, 30, 22, 28, 35, 24, 27];
    const post = [23, 32, 31, 26, 33, 33, 30, 35];
    const s = pairedSummary(
      SSRS,
      pre.map((p, i) => ({ pre: p, post: post[i]! })),
    );
    expect(s.test).toMatchObject({ method: "exact", statistic: 34, nonZero: 8 });
    expect(s.test!.pValue).toBeCloseTo(0.0234375, 12);
    expect(s.rankBiserial!).toBeCloseTo(0.8888888888888888, 12);
    expect([s.medianPre, s.medianPost, s.medianChange]).toEqual([26, 31.5, 4.5]);
  });

  it("no test when fewer than two differences are not zero", () => {
    const s = pairedSummary(SSRS, [
      { pre: 30, post: 30 },
      { pre: 30, post: 32 },
    ]);
    expect(s.test).toBeNull();
  });

  it("the report section carries the same figures, labelled in Chinese first", () => {
    const section = outcomesSection({ scales: [{ definition: SSRS, families: fixture.families }] }, "zh-CN");
    expect(section.status).toBe("ok");
    if (section.status !== "ok") return;
    const [total, objective] = section.scales[0]!.rows;
    expect(total).toMatchObject({ dimension: "total", label: "总分", n: 32, statistic: 403.5 });
    expect(total!.reliableChange).toEqual({ improved: 5, unchanged: 27, deteriorated: "<5" });
    expect(objective).toMatchObject({
      label: "客观支持",
      medianPre: 8,
      medianPost: 10,
      method: "normal_approximation",
    });
  });
});

describe("small-cell suppression (docs/decisions/131)", () => {
  it("figures about fewer than 5 families, zero included, are <5", () => {
    expect([0, 1, 4, 5, 12].map(familyCount)).toEqual(["<5", "<5", "<5", 5, 12]);
    expect(cell(37.5, 4)).toBe("<5");
    expect(cell(37.5, 5)).toBe(37.5);
  });

  it("a dimension with 4 families shows no statistic and no p-value", () => {
    const four = pairs("total").slice(0, 4);
    const row = outcomeRow("total", "总分", pairedSummary(SSRS, four));
    expect(row).toMatchObject({
      n: "<5",
      medianPre: "<5",
      medianChange: "<5",
      pValue: null,
      statistic: null,
    });
    expect(row.effectSize).toBeNull();
    expect(row.reliableChange).toEqual({ improved: "<5", unchanged: "<5", deteriorated: "<5" });
  });

  it("no outcome input is 'no data yet'", () => {
    expect(outcomesSection(null, "en")).toEqual({ status: "no_data" });
  });

  it("quantile interpolates like PostgreSQL's percentile_cont", () => {
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantile([10, 20, 30, 40], 0.9)).toBeCloseTo(37, 10);
    expect(quantile([], 0.9)).toBeNull();
  });
});

describe("CSV fields", () => {
  it("quotes commas and quotes, defuses formulas, keeps <5 and numbers as they are", async () => {
    const { csvField } = await import("../../server/src/modules/reports/report-csv.js");
    expect(csvField('站点,"一"')).toBe('"站点,""一"""');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("<5")).toBe("<5");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(0.000054244101491745134)).toBe("0.0000542441");
    expect(csvField(null)).toBe("");
  });
});
