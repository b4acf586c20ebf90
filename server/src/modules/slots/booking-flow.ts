import {
  ALTERNATIVES_MAX,
  AVAILABILITY_DAYS,
  type AvailabilityDay,
  type BookabilityReason,
  type BookingAlternatives,
  type ChildAvailability,
  type ChildAvailabilityInput,
  type DayReason,
  type Slot,
} from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { assertFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import type { BookingsService } from "../bookings/bookings.service.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { addCalendarDays, isoWeekdayOf, localDayBounds, localToday } from "./local-time.js";
import type { SlotsService } from "./slots.service.js";

const DAY = 86_400_000;
/** How far ahead "book again" looks for alternatives. */
const ALTERNATIVES_DAYS = 30;

/**
 * A day's reason is that of its session closest to being bookable (decision 146): a full session
 * can still be waited for, a quota frees up next week, a type the station does not accept never
 * changes; staff with the right training can be put on shift. Lower = closer.
 */
const RANK: Record<BookabilityReason, number> = {
  full: 0,
  ratio_full: 1,
  already_booked: 2,
  overlap: 3,
  quota_reached: 4,
  not_open_yet: 5,
  needs_unmet: 6,
  too_late: 7,
  type_not_accepted: 8,
  cancelled: 9,
};
/** The reasons by rank (a Record, so a new reason cannot be forgotten here). */
const CLOSENESS = (Object.keys(RANK) as BookabilityReason[]).sort((a, b) => RANK[a] - RANK[b]);

/** The rank of a slot's closest-to-fixable reason (its reasons all have to go; the worst decides). */
function distance(reasons: readonly BookabilityReason[]): number {
  return Math.max(...reasons.map((r) => RANK[r]));
}

/** One day's summary from the child's verdicts on that day's sessions. */
export function summariseDay(date: string, slots: readonly Slot[]): AvailabilityDay {
  const verdicts = slots.map((s) => s.bookability!);
  const bookable = verdicts.filter((b) => b.bookable).length;
  let reason: DayReason | null = null;
  if (bookable === 0) {
    const ranked = verdicts.map((b) => b.reasons).sort((a, b) => distance(a) - distance(b));
    reason = ranked[0] ? CLOSENESS[distance(ranked[0])]! : "no_sessions";
  }
  return {
    date,
    weekday: isoWeekdayOf(date),
    sessions: slots.length,
    bookable,
    waitlistable: verdicts.filter((b) => b.canWaitlist).length,
    reason,
  };
}

/**
 * The booking page's reads (issue 19 §5), built on slot search and so on the booking rules
 * themselves: a child's 14-day availability strip, and "book again" after a cancellation.
 */
export function createBookingFlow(deps: Deps, slots: SlotsService, bookings: BookingsService) {
  const { db } = deps;
  return {
    /** Each of the 14 local days from `from`: sessions the child can book, or the main reason not. */
    async availability(
      user: AuthUser,
      childId: string,
      q: ChildAvailabilityInput,
    ): Promise<ChildAvailability> {
      const tz = deps.config.timeZone;
      const first = q.from ?? localToday(new Date(), tz);
      const dates = Array.from({ length: AVAILABILITY_DAYS }, (_, i) => addCalendarDays(first, i));
      // a day either side: stations in other zones list their sessions by their own local date
      const from = new Date(localDayBounds(first, tz).start.getTime() - DAY);
      const to = new Date(localDayBounds(dates.at(-1)!, tz).end.getTime() + DAY);
      const found = await slots.search(user, {
        from: from.toISOString(),
        to: to.toISOString(),
        childId,
        serviceType: q.serviceType,
      });
      return {
        childId,
        days: dates.map((d) =>
          summariseDay(
            d,
            found.slots.filter((s) => s.localDate === d),
          ),
        ),
      };
    },

    /**
     * Book again: the bookable sessions nearest in time to a booking's, for its child and service,
     * at its station or another of the same district; never the booking's own session.
     */
    async alternatives(user: AuthUser, bookingId: string): Promise<BookingAlternatives> {
      const { booking } = await bookings.get(user, bookingId);
      const station = assertFound(await stationsRepo.byId(db, booking.stationId), "station");
      const near = await stationsRepo.list(db, { district: station.district });
      const now = Date.now();
      const found: Slot[] = [];
      for (const s of near) {
        const res = await slots.search(user, {
          from: new Date(now).toISOString(),
          to: new Date(now + ALTERNATIVES_DAYS * DAY).toISOString(),
          stationId: s.id,
          serviceType: booking.serviceType,
          childId: booking.childId,
        });
        found.push(...res.slots.filter((x) => x.bookability?.bookable && x.id !== booking.slotId));
      }
      const wanted = Date.parse(booking.startsAt);
      const gap = (x: Slot) => Math.abs(Date.parse(x.startsAt) - wanted);
      found.sort((a, b) => gap(a) - gap(b) || Date.parse(a.startsAt) - Date.parse(b.startsAt));
      return { slots: found.slice(0, ALTERNATIVES_MAX) };
    },
  };
}
export type BookingFlow = ReturnType<typeof createBookingFlow>;
