import {
  type DimensionChange,
  plainChange,
  reliableChange,
  type ScaleDefinition,
  type ScaleOccasion,
  type ScaleResult,
  type ScoreRange,
  type StoredScore,
  scoreRanges,
  TOTAL_DIMENSION,
} from "@carecircle/shared";
import type { AdministrationRow } from "./scales.repo.js";

type Dimension = ScaleResult["dimensions"][number];

function dimensionsOf(def: ScaleDefinition): Dimension[] {
  const ranges = scoreRanges(def);
  const dims: Dimension[] = [];
  if (ranges.total) dims.push({ id: TOTAL_DIMENSION, name: null, ...ranges.total });
  for (const sub of def.subscales) {
    const range = ranges.subscales[sub.id];
    if (range) dims.push({ id: sub.id, name: sub.name, ...range });
  }
  return dims;
}

function changeOf(def: ScaleDefinition, dim: Dimension, first: number, last: number): DimensionChange {
  const rc = reliableChange(def, first, last, dim.id === TOTAL_DIMENSION ? undefined : dim.id);
  const range: ScoreRange = { min: dim.min, max: dim.max };
  return {
    dimension: dim.id,
    first,
    last,
    change: last - first,
    plain: plainChange(last - first, range, rc.ok ? rc.classification : null),
    reliable: rc.ok
      ? { available: true, rci: rc.rci, classification: rc.classification }
      : { available: false },
  };
}

/**
 * One scale's results for one family (docs/decisions/127): every completed administration, oldest
 * first, and the change from the first to the last on each dimension, read with the newest
 * definition used (its names, ranges and norms). `rows` are completed, oldest first.
 */
export function scaleResult(
  rows: AdministrationRow[],
  defOf: (row: AdministrationRow) => ScaleDefinition,
): ScaleResult {
  const lastDef = defOf(rows.at(-1)!);
  const dimensions = dimensionsOf(lastDef);
  const points = rows.map((row) => {
    const score = row.score as StoredScore;
    return {
      administrationId: row.id,
      occasion: row.occasion as ScaleOccasion,
      version: row.scaleVersion,
      completedAt: row.completedAt!.toISOString(),
      scores: { [TOTAL_DIMENSION]: score.total, ...score.subscales } as Record<string, number | null>,
      band: score.band,
    };
  });
  const changes: DimensionChange[] = [];
  if (points.length >= 2) {
    const [first, last] = [points[0]!.scores, points.at(-1)!.scores];
    for (const dim of dimensions) {
      const a = first[dim.id];
      const b = last[dim.id];
      if (typeof a === "number" && typeof b === "number") changes.push(changeOf(lastDef, dim, a, b));
    }
  }
  return {
    scaleId: lastDef.id,
    name: lastDef.name,
    direction: lastDef.direction,
    dimensions,
    points,
    changes,
  };
}
