import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { bookings, slots, stationStaff, stations, users } from "../../db/schema/index.js";

/** Booking states that put a family on a station's roster (not cancelled, not only waitlisted). */
const ON_ROSTER = ["confirmed", "checked_in", "completed", "no_show"] as const;

/** The only SQL that reads phone numbers of other people (served by the audited contacts route). */
export const contactsRepo = {
  /** Caregivers of a family with their phone numbers, by name. */
  async caregivers(db: DbOrTx, familyId: string) {
    return db
      .select({ id: users.id, displayName: users.displayName, phone: users.phone })
      .from(users)
      .where(and(eq(users.familyId, familyId), eq(users.role, "caregiver")))
      .orderBy(asc(users.displayName), asc(users.id));
  },

  /**
   * Slots near `now` (within two days either way) at stations where `staffId` works, that the
   * family is booked on; the caller applies the exact station-local window.
   */
  async bookedSlotsNear(db: DbOrTx, familyId: string, staffId: string, now: Date) {
    const twoDays = 2 * 86_400_000;
    return db
      .select({ startsAt: slots.startsAt, timeZone: stations.timeZone })
      .from(bookings)
      .innerJoin(slots, eq(slots.id, bookings.slotId))
      .innerJoin(stations, eq(stations.id, bookings.stationId))
      .innerJoin(
        stationStaff,
        and(eq(stationStaff.stationId, bookings.stationId), eq(stationStaff.userId, staffId)),
      )
      .where(
        and(
          eq(bookings.familyId, familyId),
          inArray(bookings.status, [...ON_ROSTER]),
          // A staff booking on the family's behalf opens nothing until the family confirms it.
          eq(bookings.awaitingFamily, false),
          gt(slots.startsAt, new Date(now.getTime() - twoDays)),
          lt(slots.startsAt, new Date(now.getTime() + twoDays)),
        ),
      )
      .limit(50);
  },
};
