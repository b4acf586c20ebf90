import {
  BOOKING_LIMITS,
  type Bookability,
  RESPITE_OFFER_MAX,
  type RespiteOffer,
  type Slot,
  type SlotSearchInput,
} from "@carecircle/shared";
import type { Db } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { forbidden, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { bookability, WAITLISTABLE } from "../bookings/booking-rules.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import type { SlotStaffing } from "../bookings/staffing-rules.js";
import { type ChildRow, childrenRepo } from "../children/children.repo.js";
import type { FamiliesService } from "../families/families.service.js";
import { crisisHelpText } from "../moderation/crisis-help.js";
import { rosterRepo } from "../staffing/roster.repo.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { presentSlot } from "./slots.presenter.js";
import { type SlotListing, slotsRepo } from "./slots.repo.js";

const DAY = 86_400_000;
/** How far ahead a respite offer looks. */
const RESPITE_DAYS = 30;

/** Who is on shift, the ratio and the seated children of each listing (decision 137). */
function staffingOf(db: Db, listings: SlotListing[]): Promise<Map<string, SlotStaffing>> {
  const zones = new Map(listings.map((l) => [l.station.id, l.station.timeZone]));
  return rosterRepo.slotStaffing(
    db,
    listings.map((l) => l.slot),
    (id) => zones.get(id)!,
  );
}

/** Bookability of each listing for `child`, from one read of the family's bookings. */
async function explainBookability(
  db: Db,
  listings: SlotListing[],
  staffings: Map<string, SlotStaffing>,
  child: ChildRow,
  now: Date,
): Promise<Map<string, Bookability>> {
  const out = new Map<string, Bookability>();
  if (listings.length === 0) return out;
  const needs = (await rosterRepo.childNeeds(db, [child.id])).get(child.id)!;
  const stations = new Map(
    (await stationsRepo.byIds(db, [...new Set(listings.map((l) => l.slot.stationId))])).map((s) => [s.id, s]),
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
    const { reasons, unmetNeeds } = bookability({
      now,
      station: stations.get(l.slot.stationId)!,
      slot: { ...l.slot, cancelled: l.slot.cancelledAt !== null },
      child: { ...child, needs },
      familyBookings: facts,
      staffing: staffings.get(l.slot.id)!,
    });
    out.set(l.slot.id, {
      childId: child.id,
      bookable: reasons.length === 0,
      canWaitlist: reasons.length > 0 && reasons.every((r) => WAITLISTABLE.includes(r)),
      reasons,
      ...(unmetNeeds ? { unmetNeeds } : {}),
    });
  }
  return out;
}

/** Finding slots: search and one slot, each with a child's bookability, and the respite offer. */
export function createSlotSearch(deps: Deps, families: FamiliesService) {
  const { db } = deps;

  async function accessibleChild(user: AuthUser, childId: string): Promise<ChildRow> {
    const child = await childrenRepo.byId(db, childId);
    if (!child || !(await families.canAccess(user, child.familyId))) throw notFound("child");
    return child;
  }

  return {
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
      const staffings = await staffingOf(db, listings);
      const verdicts = child
        ? await explainBookability(db, listings, staffings, child, now)
        : new Map<string, Bookability>();
      return {
        slots: listings.map((l) =>
          presentSlot(l, verdicts.get(l.slot.id), staffings.get(l.slot.id)?.onShift),
        ),
      };
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
        const staffings = await staffingOf(db, listings);
        const verdicts = await explainBookability(db, listings, staffings, child, now);
        for (const l of listings) {
          const b = verdicts.get(l.slot.id)!;
          if (!b.bookable && !b.canWaitlist) continue;
          const slot = presentSlot(l, b, staffings.get(l.slot.id)?.onShift);
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
      const staffings = await staffingOf(db, [listing]);
      const onShift = staffings.get(id)?.onShift;
      if (!childId) return presentSlot(listing, undefined, onShift);
      const child = await accessibleChild(user, childId);
      const verdicts = await explainBookability(db, [listing], staffings, child, new Date());
      return presentSlot(listing, verdicts.get(id), onShift);
    },
  };
}
