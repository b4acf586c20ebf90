import type { Booking, BookingListInput } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import type { FamiliesService } from "../families/families.service.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { bookingChanged } from "./bookings.events.js";
import { presentBookingEvent, presentViews } from "./bookings.presenter.js";
import { type BookingRow, bookingsRepo } from "./bookings.repo.js";
import { cancelBooking } from "./cancel-booking.js";
import { createBookingCreator } from "./create-booking.js";
import { waitlistRepo } from "./waitlist.repo.js";

/**
 * Bookings: every rule is decided inside one transaction that locks the slot row, then the
 * family row, reads fresh state and takes a seat with a single conditional UPDATE. The
 * exclusion constraint forbids overlapping bookings of a child even if a check were wrong.
 */
export function createBookingsService(deps: Deps, families: FamiliesService) {
  const { db } = deps;

  /** May `user` act on this booking? The family side, or staff of its station. */
  async function isParty(user: AuthUser, b: BookingRow): Promise<boolean> {
    if (await families.canAccess(user, b.familyId)) return true;
    return user.role === "station_staff" && stationsRepo.isStaff(db, b.stationId, user.id);
  }

  async function loadVisible(user: AuthUser, id: string): Promise<BookingRow> {
    const b = await bookingsRepo.byId(db, id);
    if (!b || !(await isParty(user, b))) throw notFound("booking");
    return b;
  }

  async function presentOne(id: string): Promise<Booking> {
    const views = await bookingsRepo.viewsByIds(db, [id]);
    return (await presentViews(db, views))[0]!;
  }

  return {
    isParty,
    presentOne,

    create: createBookingCreator(deps, families),

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

    async list(user: AuthUser, q: BookingListInput) {
      let familyId: string;
      if (user.role === "caregiver") {
        if (q.familyId && q.familyId !== user.familyId) throw notFound("family");
        familyId = user.familyId!;
      } else {
        if (!q.familyId) throw invalid("familyId", "is required for social workers and admins");
        if (!(await families.canAccess(user, q.familyId))) throw notFound("family");
        familyId = q.familyId;
      }
      const views = await bookingsRepo.listForFamily(db, familyId, {
        status: q.status,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      });
      const stats = (await waitlistRepo.familyStats(db, [familyId], new Date())).get(familyId) ?? {
        noShowCount: 0,
        lateCancelCount: 0,
        hoursLast30Days: 0,
      };
      return { bookings: await presentViews(db, views), stats };
    },

    async get(user: AuthUser, id: string) {
      const b = await loadVisible(user, id);
      const history = await bookingsRepo.history(db, b.id);
      return { booking: await presentOne(b.id), history: history.map(presentBookingEvent) };
    },
  };
}
export type BookingsService = ReturnType<typeof createBookingsService>;
