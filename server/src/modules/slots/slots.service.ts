import type { Bookability, OpeningHours, Slot, SlotCreateInput } from "@carecircle/shared";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { assertFound, conflict, invalid } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { slotChanged } from "../bookings/bookings.events.js";
import { cancelSlotWithBookings, fillFreedSeats } from "../bookings/seat-changes.js";
import type { FamiliesService } from "../families/families.service.js";
import type { StationRow } from "../stations/stations.repo.js";
import { loadManagedStation } from "../stations/stations.service.js";
import { localParts } from "./local-time.js";
import { fitsOpeningHours } from "./recurrence.js";
import { createSlotSearch } from "./slot-search.js";
import { presentSlot } from "./slots.presenter.js";
import { slotsRepo } from "./slots.repo.js";

/**
 * Check that a slot from `startsAt` to `endsAt` fits the station: it offers the service, the
 * local date is not a blackout, and the local times lie within the opening hours.
 */
export async function assertSlotFits(
  deps: Pick<Deps, "db">,
  station: StationRow,
  serviceType: string,
  startsAt: Date,
  endsAt: Date,
): Promise<void> {
  if (!station.serviceTypes.includes(serviceType))
    throw invalid("serviceType", "this station does not offer it");
  const start = localParts(startsAt, station.timeZone);
  const end = localParts(endsAt, station.timeZone);
  const blackouts = await slotsRepo.blackoutsOf(deps.db, station.id, start.date);
  if (blackouts.some((b) => b.date === start.date))
    throw conflict(`The station is closed on ${start.date}`, { reason: "blackout", date: start.date });
  const hours = station.openingHours as OpeningHours;
  if (Object.keys(hours).length === 0) return;
  if (start.date !== end.date)
    throw invalid("endsAt", "must end on the same local day when the station has opening hours");
  if (!fitsOpeningHours(hours, start.weekday, start.time, end.time))
    throw invalid("startsAt", "is outside the station's opening hours");
}

/** Slots: one-off creation, capacity changes and cancellation, with search from slot-search.ts. */
export function createSlotsService(deps: Deps, families: FamiliesService) {
  const { db } = deps;

  async function presentOne(id: string, bookabilityFor?: Bookability): Promise<Slot> {
    const [listing] = await slotsRepo.listings(db, [id]);
    return presentSlot(assertFound(listing, "slot"), bookabilityFor);
  }

  return {
    ...createSlotSearch(deps, families),

    async create(user: AuthUser, input: SlotCreateInput): Promise<Slot> {
      const station = await loadManagedStation(db, user, input.stationId);
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      if (startsAt <= new Date()) throw invalid("startsAt", "must be in the future");
      await assertSlotFits(deps, station, input.serviceType, startsAt, endsAt);
      const row = await slotsRepo.insert(db, {
        stationId: station.id,
        serviceType: input.serviceType,
        startsAt,
        endsAt,
        capacity: input.capacity,
      });
      return presentOne(row.id);
    },

    /** Change capacity; a raise hands the new seats to the waitlist in the same transaction. */
    async setCapacity(user: AuthUser, id: string, capacity: number): Promise<Slot> {
      const pre = assertFound(await slotsRepo.byId(db, id), "slot");
      const station = await loadManagedStation(db, user, pre.stationId);
      await unitOfWork(
        deps,
        async (tx, uow) => {
          const now = new Date();
          const slot = assertFound(await slotsRepo.lock(tx, id), "slot");
          if (slot.cancelledAt) throw conflict("This slot was cancelled", { reason: "cancelled" });
          if (slot.startsAt <= now) throw conflict("This slot has already started", { reason: "too_late" });
          const updated = await slotsRepo.setCapacity(tx, id, capacity);
          if (!updated)
            throw conflict(`${slot.confirmedCount} seats are already taken; cancel bookings first`, {
              confirmedCount: slot.confirmedCount,
            });
          uow.publish(slotChanged(id));
          if (capacity > slot.capacity)
            await fillFreedSeats({ tx, uow, now, actorId: user.id }, id, station, "more seats were added");
        },
        { retry: true },
      );
      return presentOne(id);
    },

    /** Cancel a slot: its families are told and the children's time is released. */
    async cancel(user: AuthUser, id: string, reason: string): Promise<Slot> {
      const pre = assertFound(await slotsRepo.byId(db, id), "slot");
      const station = await loadManagedStation(db, user, pre.stationId);
      await unitOfWork(
        deps,
        async (tx, uow) => {
          const now = new Date();
          const slot = assertFound(await slotsRepo.lock(tx, id), "slot");
          if (slot.cancelledAt) throw conflict("This slot is already cancelled", { reason: "cancelled" });
          if (slot.startsAt <= now) throw conflict("This slot has already started", { reason: "too_late" });
          await cancelSlotWithBookings({ tx, uow, now, actorId: user.id }, slot, station, reason);
        },
        { retry: true },
      );
      return presentOne(id);
    },
  };
}
export type SlotsService = ReturnType<typeof createSlotsService>;
