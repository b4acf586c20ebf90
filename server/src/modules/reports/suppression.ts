import { type Cell, SMALL_CELL_MIN } from "@carecircle/shared";

/** `value`, or "<5" when it is about fewer than `SMALL_CELL_MIN` families (docs/decisions/131). */
export function cell(value: number, families: number): Cell {
  return families < SMALL_CELL_MIN ? "<5" : value;
}

/** A count of families, suppressed below `SMALL_CELL_MIN` (zero included). */
export function familyCount(families: number): Cell {
  return cell(families, families);
}

/** Like `cell`, for a figure that may not exist (no acknowledged alert: no time to acknowledge). */
export function maybeCell(value: number | null, families: number): Cell | null {
  if (families < SMALL_CELL_MIN) return "<5";
  return value;
}
