import type { Roster } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { presentViews } from "../bookings/bookings.presenter.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import { waitlistRepo } from "../bookings/waitlist.repo.js";
import { localDayBounds, localToday } from "../slots/local-time.js";
import { presentSlot } from "../slots/slots.presenter.js";
import { slotsRepo } from "../slots/slots.repo.js";
import { rosterRepo as staffingReads } from "../staffing/roster.repo.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { presentRosterChild } from "./roster.presenter.js";
import { rosterRepo } from "./roster.repo.js";
import { insideNeedToKnow } from "./roster-window.js";

/**
 * The station's day roster for its staff. Staff of another station get 404 (a roster is not
 * theirs to see); admins see the roster without care notes. Care notes and emergency contacts
 * are shown to this station's staff only from the day before the slot to the day after it.
 */
export function createRosterService({ db }: Deps) {
  return {
    async get(user: AuthUser, stationId: string, date?: string): Promise<Roster> {
      const station = await stationsRepo.byId(db, stationId);
      const isStaff =
        !!station && user.role === "station_staff" && (await stationsRepo.isStaff(db, stationId, user.id));
      if (!station || !(isStaff || user.role === "admin")) throw notFound("station roster");
      const now = new Date();
      const tz = station.timeZone;
      const day = date ?? localToday(now, tz);
      const { start, end } = localDayBounds(day, tz);
      const listings = await slotsRepo.search(db, {
        stationId,
        from: start,
        to: end,
        includeCancelled: true,
        limit: 200,
      });
      const views = await bookingsRepo.rosterViews(db, stationId, start, end);
      const bookings = await presentViews(db, views, now);
      const familyIds = [...new Set(views.map((v) => v.booking.familyId))];
      const childIds = [...new Set(views.map((v) => v.booking.childId))];
      const kids = new Map((await rosterRepo.children(db, childIds)).map((c) => [c.id, c]));
      const needs = await rosterRepo.careNeeds(db, childIds);
      // who is on shift for the whole of each slot, with what they are qualified for (decision 137)
      const staffing = await staffingReads.slotStaffing(
        db,
        listings.map((l) => l.slot),
        () => tz,
      );
      const caregivers = await bookingsRepo.caregiversOf(db, familyIds);
      const stats = await waitlistRepo.familyStats(db, familyIds, now);

      return {
        station: { id: station.id, name: station.name, timeZone: tz },
        date: day,
        slots: listings.map((l) => {
          const needToKnow = isStaff && insideNeedToKnow(now, l.slot.startsAt, tz);
          return {
            slot: presentSlot(l, undefined, staffing.get(l.slot.id)?.onShift),
            entries: views.flatMap((v, i) => {
              const child = kids.get(v.booking.childId);
              if (v.booking.slotId !== l.slot.id || !child) return [];
              return [
                {
                  booking: bookings[i]!,
                  // Staff's own on-behalf booking opens nothing until the family confirms it.
                  child: presentRosterChild(
                    child,
                    needToKnow && !v.booking.awaitingFamily,
                    needs.get(child.id),
                  ),
                  family: {
                    caregivers: caregivers
                      .filter((c) => c.familyId === v.booking.familyId)
                      .map(({ id, displayName }) => ({ id, displayName })),
                    noShowCount: stats.get(v.booking.familyId)?.noShowCount ?? 0,
                  },
                },
              ];
            }),
          };
        }),
      };
    },
  };
}
export type RosterService = ReturnType<typeof createRosterService>;
