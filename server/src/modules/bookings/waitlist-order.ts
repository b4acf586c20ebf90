/** What decides a waitlisted booking's place (see docs/decisions/021-waitlist-order.md). */
export interface WaitlistCandidate {
  bookingId: string;
  /** Set by the family's social worker. */
  urgent: boolean;
  /**
   * The family's last stress check-in (1-5) in the 30 days before the booking joined the
   * waitlist, counting only each day's first check-in (decision 088), if any.
   */
  latestStress: number | null;
  /** Hours of care the family received (checked in or completed) in the last 30 days. */
  hoursLast30Days: number;
  /** When the booking joined the waitlist. */
  waitlistedAt: Date;
}

/**
 * Waitlist order: urgent families first; then the higher recent stress check-in (no check-in
 * counts as lowest); then fewer hours of care received recently (compared to the minute); then
 * first come; the booking id breaks exact ties so the order is total and stable.
 */
export function compareWaitlist(a: WaitlistCandidate, b: WaitlistCandidate): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  const sa = a.latestStress ?? 0;
  const sb = b.latestStress ?? 0;
  if (sa !== sb) return sb - sa;
  const ha = Math.round(a.hoursLast30Days * 60);
  const hb = Math.round(b.hoursLast30Days * 60);
  if (ha !== hb) return ha - hb;
  const ta = a.waitlistedAt.getTime();
  const tb = b.waitlistedAt.getTime();
  if (ta !== tb) return ta - tb;
  return a.bookingId < b.bookingId ? -1 : a.bookingId > b.bookingId ? 1 : 0;
}

/** A new array in waitlist order (highest priority first); the input is not changed. */
export function orderWaitlist<T extends WaitlistCandidate>(candidates: readonly T[]): T[] {
  return [...candidates].sort(compareWaitlist);
}
