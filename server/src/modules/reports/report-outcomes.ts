import type { Locale, OutcomeRow, ProjectReport, ScaleDefinition } from "@carecircle/shared";
import type { OutcomeInput, ScoreSnapshot } from "./report-sources.js";
import { type PairedSummary, pairedSummary, type ScorePair } from "./statistics.js";
import { cell, familyCount } from "./suppression.js";

type Lang = Locale;

/** The pairs of one dimension ("total" or a sub-scale id) for families with both scores on it. */
function pairsOf(
  families: readonly { pre: ScoreSnapshot; post: ScoreSnapshot }[],
  dimension: string,
): ScorePair[] {
  const pick = (s: ScoreSnapshot) => (dimension === "total" ? s.total : s.subscales[dimension]);
  const out: ScorePair[] = [];
  for (const f of families) {
    const pre = pick(f.pre);
    const post = pick(f.post);
    if (Number.isFinite(pre) && Number.isFinite(post)) out.push({ pre: pre!, post: post! });
  }
  return out;
}

/**
 * One row of the outcomes table, suppressed: with fewer than 5 families every figure is "<5" and
 * no test is shown; reliable-change categories under 5 families are "<5" each.
 */
export function outcomeRow(dimension: string, label: string, s: PairedSummary): OutcomeRow {
  const n = s.n;
  const rc = s.reliableChange;
  if (n < 5) {
    return {
      dimension,
      label,
      n: "<5",
      medianPre: "<5",
      medianPost: "<5",
      medianChange: "<5",
      statistic: null,
      pValue: null,
      method: null,
      effectSize: null,
      reliableChange: rc ? { improved: "<5", unchanged: "<5", deteriorated: "<5" } : null,
    };
  }
  return {
    dimension,
    label,
    n,
    medianPre: s.medianPre,
    medianPost: s.medianPost,
    medianChange: s.medianChange,
    statistic: s.test ? cell(s.test.statistic, n) : null,
    pValue: s.test ? cell(s.test.pValue, n) : null,
    method: s.test?.method ?? null,
    effectSize: s.rankBiserial,
    reliableChange: rc
      ? {
          improved: familyCount(rc.reliable_improvement),
          unchanged: familyCount(rc.no_reliable_change),
          deteriorated: familyCount(rc.reliable_deterioration),
        }
      : null,
  };
}

/** Every row of one scale: its total, then each sub-scale. */
export function scaleRows(
  def: ScaleDefinition,
  families: readonly { pre: ScoreSnapshot; post: ScoreSnapshot }[],
  lang: Lang,
): OutcomeRow[] {
  const totalLabel = lang === "en" ? "Total" : "总分";
  const rows = [outcomeRow("total", totalLabel, pairedSummary(def, pairsOf(families, "total")))];
  for (const sub of def.subscales) {
    const pairs = pairsOf(families, sub.id);
    rows.push(outcomeRow(sub.id, sub.name[lang], pairedSummary(def, pairs, sub.id)));
  }
  return rows;
}

/** The outcomes section from its input; null input is "no data yet". */
export function outcomesSection(input: OutcomeInput | null, lang: Lang): ProjectReport["outcomes"] {
  if (!input || input.scales.length === 0) return { status: "no_data" };
  return {
    status: "ok",
    scales: input.scales.map((s) => ({
      scaleId: s.definition.id,
      name: s.definition.name[lang],
      rows: scaleRows(s.definition, s.families, lang),
    })),
  };
}
