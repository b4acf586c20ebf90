import type { Booking } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import type { FamiliesService } from "../families/families.service.js";
import { createBookingCore } from "./booking-access.js";
import { createBookingReads } from "./booking-reads.js";
import { bookingChanged } from "./bookings.events.js";
import { bookingsRepo } from "./bookings.repo.js";
import { cancelBooking } from "./cancel-booking.js";
import { createBookingCreator } from "./create-booking.js";
import { waitlistRepo } from "./waitlist.repo.js";

/**
 * Bookings: every rule is decided inside one transaction that locks the slot row, then the
 * family row, reads fresh state and takes a seat with a single conditional UPDATE. The
 * exclusion constraint forbids overlapping bookings of a child even if a check were wrong.
 * Composed of creating (`create-booking.ts`), the changes here and the reads (`booking-reads.ts`)
 * over one core (`booking-access.ts`; decision 100).
 */
export function createBookingsService(deps: Deps, families: FamiliesService) {
  const { db } = deps;
  const core = createBookingCore(deps, families);
  const { loadVisible, presentOne } = core;

  return {
    isParty: core.isParty,
    presentOne,

    ...createBookingCreator(deps, families),

    async cancel(user: AuthUser, id: string, reason?: string): Promise<{ booking: Booking }> {
      await loadVisible(user, id);
      const familySide = user.role === "caregiver" || user.role === "social_worker";
      await unitOfWork(
        deps,
        async (tx, uow) => {
          const ctx = { tx, uow, now: new Date(), actorId: user.id };
          await cancelBooking(ctx, id, { familySide, reason, exceptUserId: user.id });
        },
        { retry: true },
      );
      return { booking: await presentOne(id) };
    },

    /**
     * A caregiver of the family confirms a booking station staff made on its behalf; only then
     * does the care-notes window open for it (decision 088). Idempotent.
     */
    async confirmForFamily(user: AuthUser, id: string): Promise<{ booking: Booking }> {
      const b = await bookingsRepo.byId(db, id);
      if (!b || user.role !== "caregiver" || b.familyId !== user.familyId) throw notFound("booking");
      if (!b.awaitingFamily) return { booking: await presentOne(id) };
      const confirm = async (tx: Tx, uow: UnitOfWork): Promise<void> => {
        const row = await bookingsRepo.confirmForFamily(tx, id);
        if (!row) return;
        await bookingsRepo.insertEvent(tx, {
          bookingId: id,
          actorId: user.id,
          fromStatus: row.status,
          toStatus: row.status,
          reason: "confirmed by the family",
        });
        uow.publish(bookingChanged(id));
      };
      await unitOfWork(deps, confirm, { retry: true });
      return { booking: await presentOne(id) };
    },

    /** Close the waitlists of slots that have started (hourly job); families see it live. */
    async closeStartedWaitlists(now = new Date()): Promise<number> {
      const ids = await unitOfWork(deps, async (tx, uow) => {
        const closed = await waitlistRepo.closeStartedWaitlists(
          tx,
          now,
          "the slot started; its waitlist closed",
        );
        for (const id of closed) uow.publish(bookingChanged(id));
        return closed;
      });
      return ids.length;
    },

    ...createBookingReads(deps, families, core),
  };
}
export type BookingsService = ReturnType<typeof createBookingsService>;
