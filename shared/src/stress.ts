/** Stress at or above this rating is high by itself (5 = "overwhelmed"). */
export const STRESS_HIGH = 5;
/** A rise of this many points ... */
export const STRESS_RISE = 2;
/** ... over any earlier check-in of the last this many days is high too. */
export const STRESS_RISE_DAYS = 7;

/**
 * The one rule for "this check-in needs a person now" (issue 13 §3): a rating of 5, or a rise of
 * 2 or more over any of the family's check-ins of the previous 7 days. `earlierWithin7Days` are
 * those earlier ratings (the caller picks the window); used by the check-in answer (respite offer)
 * and by the stress alert, so both always agree.
 */
export function isHighStress(current: number, earlierWithin7Days: readonly number[]): boolean {
  if (current >= STRESS_HIGH) return true;
  return earlierWithin7Days.some((earlier) => current - earlier >= STRESS_RISE);
}
