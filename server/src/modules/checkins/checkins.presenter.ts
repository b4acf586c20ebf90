import { CHECKIN_WAITLIST_CLUSTER_MINUTES, type Checkin, type StressTrend } from "@carecircle/shared";
import type { CheckinView } from "./checkins.repo.js";

/** A check-in DTO. */
export function presentCheckin(v: CheckinView): Checkin {
  return {
    id: v.checkin.id,
    familyId: v.checkin.familyId,
    user: v.user,
    stress: v.checkin.stress,
    note: v.checkin.note,
    createdAt: v.checkin.createdAt.toISOString(),
  };
}

/** A check-in as staff see it: flagged when a waitlist join of the family followed it closely. */
export function presentCheckinForStaff(v: CheckinView, waitlistJoins: Date[]): Checkin {
  const at = v.checkin.createdAt.getTime();
  const window = CHECKIN_WAITLIST_CLUSTER_MINUTES * 60_000;
  const beforeWaitlist = waitlistJoins.some((j) => j.getTime() >= at && j.getTime() - at <= window);
  return { ...presentCheckin(v), beforeWaitlist };
}

const DAY = 86_400_000;
const mean = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null;

/**
 * The trend a social worker reads: latest rating, the 30-day mean against the 30 days before,
 * and a direction (a change of half a point or more counts).
 */
export function stressTrend(views: CheckinView[], now: Date): StressTrend {
  const latest = views[0]?.checkin;
  const age = (v: CheckinView) => now.getTime() - v.checkin.createdAt.getTime();
  const recent = mean(views.filter((v) => age(v) <= 30 * DAY).map((v) => v.checkin.stress));
  const previous = mean(
    views.filter((v) => age(v) > 30 * DAY && age(v) <= 60 * DAY).map((v) => v.checkin.stress),
  );
  let direction: StressTrend["direction"] = "unknown";
  if (recent !== null && previous !== null)
    direction = recent - previous >= 0.5 ? "rising" : previous - recent >= 0.5 ? "falling" : "steady";
  return {
    latest: latest?.stress ?? null,
    latestAt: latest?.createdAt.toISOString() ?? null,
    average30Days: recent,
    averagePrevious30Days: previous,
    direction,
  };
}
