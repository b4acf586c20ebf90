import {
  BOOKING_LIMITS,
  type Bookability,
  type OpeningHours,
  RESPITE_OFFER_MAX,
  type RespiteOffer,
  type Slot,
  type SlotCreateInput,
  type SlotSearchInput,
} from "@carecircle/shared";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { assertFound, conflict, forbidden, invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { bookability } from "../bookings/booking-rules.js";
import { slotChanged } from "../bookings/bookings.events.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import { cancelSlotWithBookings, fillFreedSeats } from "../bookings/seat-changes.js";
import { type ChildRow, childrenRepo } from "../children/children.repo.js";
import type { FamiliesService } from "../families/families.service.js";
import { crisisHelpText } from "../moderation/crisis-help.js";
import { type StationRow, stationsRepo } from "../stations/stations.repo.js";
import { loadManagedStation } from "../stations/stations.service.js";
import { localParts } from "./local-time.js";
import { fitsOpeningHours } from "./recurrence.js";
import { presentSlot } from "./slots.presenter.js";
import { type SlotListing, slotsRepo } from "./slots.repo.js";

const DAY = 86_400_000;
/** How far ahead a respite offer looks. */
const RESPITE_DAYS = 30;

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

/** Slots: one-off creation, search with bookability, capacity changes and cancellation. */
export function createSlotsService(deps: Deps, families: FamiliesService) {
  const { db } = deps;

  async function presentOne(id: string, bookabilityFor?: Bookability): Promise<Slot> {
    const [listing] = await slotsRepo.listings(db, [id]);
    return presentSlot(assertFound(listing, "slot"), bookabilityFor);
  }

  /** Bookability of each listing for `child`, from one read of the family's bookings. */
  async function explain(
    listings: SlotListing[],
    child: ChildRow,
    now: Date,
  ): Promise<Map<string, Bookability>> {
    const out = new Map<string, Bookability>();
    if (listings.length === 0) return out;
    const stations = new Map(
      (await stationsRepo.byIds(db, [...new Set(listings.map((l) => l.slot.stationId))])).map((s) => [
        s.id,
        s,
      ]),
    );
    const first = listings[0]!.slot.startsAt.getTime();
    const last = listings[listings.length - 1]!.slot.startsAt.getTime();
    const facts = await bookingsRepo.familyFacts(
      db,
      child.familyId,
      new Date(Math.min(first, now.getTime()) - 32 * DAY),
      new Date(last + 32 * DAY),
    );
    for (const l of listings) {
      const { reasons } = bookability({
        now,
        station: stations.get(l.slot.stationId)!,
        slot: { ...l.slot, cancelled: l.slot.cancelledAt !== null },
        child,
        familyBookings: facts,
      });
      out.set(l.slot.id, {
        childId: child.id,
        bookable: reasons.length === 0,
        canWaitlist: reasons.length === 1 && reasons[0] === "full",
        reasons,
      });
    }
    return out;
  }

  async function accessibleChild(user: AuthUser, childId: string): Promise<ChildRow> {
    const child = await childrenRepo.byId(db, childId);
    if (!child || !(await families.canAccess(user, child.familyId))) throw notFound("child");
    return child;
  }

  return {
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

    async search(user: AuthUser, q: SlotSearchInput): Promise<{ slots: Slot[] }> {
      const now = new Date();
      const from = q.from ? new Date(q.from) : q.to ? new Date(Date.parse(q.to) - 14 * DAY) : now;
      const to = q.to ? new Date(q.to) : new Date(from.getTime() + 14 * DAY);
      const child = q.childId ? await accessibleChild(user, q.childId) : undefined;
      const listings = await slotsRepo.search(db, {
        from,
        to,
        stationId: q.stationId,
        serviceType: q.serviceType,
        disabilityType: q.disabilityType,
        includeCancelled: q.includeCancelled === "true",
        limit: BOOKING_LIMITS.searchResultsMax,
      });
      const verdicts = child ? await explain(listings, child, now) : new Map<string, Bookability>();
      return { slots: listings.map((l) => presentSlot(l, verdicts.get(l.slot.id))) };
    },

    /**
     * After a high-stress check-in: the soonest respite slots one of the caller's children can
     * book now, then (if fewer than three) the soonest whose waitlist they can join. Decided by
     * `bookability`, the booking rules themselves, so every offer can be taken with one tap.
     */
    async respiteOffer(user: AuthUser): Promise<RespiteOffer> {
      if (user.role !== "caregiver" || !user.familyId) throw forbidden("Only a family's caregiver");
      const now = new Date();
      const found: (RespiteOffer["offers"][number] & { bookable: boolean })[] = [];
      for (const child of await childrenRepo.byFamily(db, user.familyId)) {
        const listings = await slotsRepo.search(db, {
          from: now,
          to: new Date(now.getTime() + RESPITE_DAYS * DAY),
          serviceType: "respite",
          disabilityTypes: child.disabilityTypes,
          includeCancelled: false,
          limit: BOOKING_LIMITS.searchResultsMax,
        });
        const verdicts = await explain(listings, child, now);
        for (const l of listings) {
          const b = verdicts.get(l.slot.id)!;
          if (!b.bookable && !b.canWaitlist) continue;
          const slot = presentSlot(l, b);
          found.push({ child: { id: child.id, nickname: child.nickname }, slot, bookable: b.bookable });
        }
      }
      // startsAt carries each station's own offset: compare instants, not strings
      found.sort(
        (a, b) =>
          Number(b.bookable) - Number(a.bookable) ||
          Date.parse(a.slot.startsAt) - Date.parse(b.slot.startsAt),
      );
      const seen = new Set<string>();
      const offers = found.filter((o) => !seen.has(o.slot.id) && seen.add(o.slot.id));
      return {
        help: await crisisHelpText(db, user.locale),
        offers: offers.slice(0, RESPITE_OFFER_MAX).map(({ child, slot }) => ({ child, slot })),
      };
    },

    async get(user: AuthUser, id: string, childId?: string): Promise<Slot> {
      const [listing] = await slotsRepo.listings(db, [id]);
      if (!listing) throw notFound("slot");
      if (!childId) return presentSlot(listing);
      const verdicts = await explain([listing], await accessibleChild(user, childId), new Date());
      return presentSlot(listing, verdicts.get(id));
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
