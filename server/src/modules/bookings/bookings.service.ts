import type { Booking, BookingCreateInput, BookingListInput } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { AppError, conflict, invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../../middlewares/auth.js";
import { childrenRepo } from "../children/children.repo.js";
import type { FamiliesService } from "../families/families.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { slotsRepo } from "../slots/slots.repo.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { bookability } from "./booking-rules.js";
import { bookingTx, Outbox, type Publisher, presentViews } from "./booking-tx.js";
import { presentBookingEvent } from "./bookings.presenter.js";
import { type BookingRow, bookingsRepo } from "./bookings.repo.js";
import { cancelBooking } from "./cancel-booking.js";
import { bookingPayload, factsWindow, notifyFamily } from "./seat-changes.js";
import { waitlistRepo } from "./waitlist.repo.js";

/** Map a refusing rule to its API error (full is handled by the seat statement itself). */
function refusal(reason: string, quota?: "week" | "month"): AppError {
  switch (reason) {
    case "already_booked":
      return conflict("This child already has this slot (booked or waitlisted)", { reason });
    case "overlap":
      return conflict("This overlaps another booking of the same child", { reason });
    case "cancelled":
      return new AppError("NOT_BOOKABLE", "This slot was cancelled", { reason });
    case "too_late":
      return new AppError("NOT_BOOKABLE", "This slot has already started", { reason });
    case "not_open_yet":
      return new AppError("NOT_BOOKABLE", "Booking for this slot has not opened yet", { reason });
    case "type_not_accepted":
      return new AppError("NOT_BOOKABLE", "This station does not accept this child's disability type", {
        reason,
      });
    default:
      return new AppError(
        "NOT_BOOKABLE",
        quota === "month"
          ? "The family's monthly hours at this station are used up"
          : "The family's weekly bookings at this station are used up",
        { reason, quota },
      );
  }
}

/**
 * Bookings: every rule is decided inside one transaction that locks the slot row, then the
 * family row, reads fresh state and takes a seat with a single conditional UPDATE. The
 * exclusion constraint forbids overlapping bookings of a child even if a check were wrong.
 */
export function createBookingsService(
  deps: Deps,
  families: FamiliesService,
  notifications: NotificationsService,
  publish: Publisher,
) {
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

    async create(user: AuthUser, input: BookingCreateInput): Promise<{ booking: Booking }> {
      const child = await childrenRepo.byId(db, input.childId);
      const slotPre = await slotsRepo.byId(db, input.slotId);
      if (!slotPre) throw notFound("slot");
      let allowed = !!child && (await families.canAccess(user, child.familyId));
      if (child && !allowed && user.role === "station_staff")
        allowed =
          (await stationsRepo.isStaff(db, slotPre.stationId, user.id)) &&
          (await bookingsRepo.familyKnownAt(db, child.familyId, slotPre.stationId));
      if (!child || !allowed) throw notFound("child");
      const onBehalf = user.role !== "caregiver";

      const { result, outbox } = await bookingTx(db, notifications, async (tx, outbox) => {
        const now = new Date();
        const slot = await slotsRepo.lock(tx, input.slotId);
        const station = slot && (await stationsRepo.byId(tx, slot.stationId));
        if (!slot || !station) throw notFound("slot");
        await bookingsRepo.lockFamily(tx, child.familyId);
        const freshChild = await childrenRepo.byId(tx, child.id);
        if (!freshChild) throw notFound("child");
        const window = factsWindow(slot);
        const verdict = bookability({
          now,
          station,
          slot: { ...slot, cancelled: slot.cancelledAt !== null },
          child: freshChild,
          familyBookings: await bookingsRepo.familyFacts(tx, child.familyId, window.from, window.to),
        });
        const blocker = verdict.reasons.find((r) => r !== "full");
        if (blocker) throw refusal(blocker, verdict.quota);

        let status: "confirmed" | "waitlisted";
        if (await bookingsRepo.takeSeat(tx, slot.id)) status = "confirmed";
        else if (input.waitlist) status = "waitlisted";
        else
          throw new AppError("SLOT_FULL", "This slot is full; you can join its waitlist", {
            waitlistAvailable: true,
          });

        const row = await bookingsRepo.insert(
          tx,
          {
            slotId: slot.id,
            stationId: slot.stationId,
            childId: child.id,
            familyId: child.familyId,
            status,
            bookedBy: user.id,
            onBehalf,
            ...(status === "confirmed" ? { confirmedAt: now } : { waitlistedAt: now }),
          },
          slot,
        );
        await bookingsRepo.insertEvent(tx, {
          bookingId: row.id,
          actorId: user.id,
          fromStatus: null,
          toStatus: status,
          reason: `${status === "confirmed" ? "booked" : "joined the waitlist (slot full)"}${onBehalf ? ` on behalf of the family by ${user.role}` : ""}`,
        });
        if (status === "confirmed") {
          const ctx = { tx, outbox, now, actorId: user.id };
          await notifyFamily(
            ctx,
            row.familyId,
            "booking_confirmed",
            bookingPayload(row, slot, station, { childId: child.id }),
            user.id,
          );
        }
        outbox.booking(row.id);
        outbox.slot(slot.id);
        return row;
      });
      await publish(outbox);
      return { booking: await presentOne(result.id) };
    },

    async cancel(user: AuthUser, id: string, reason?: string): Promise<{ booking: Booking }> {
      await loadVisible(user, id);
      const familySide = user.role === "caregiver" || user.role === "social_worker";
      const { outbox } = await bookingTx(db, notifications, async (tx, outbox) => {
        const ctx = { tx, outbox, now: new Date(), actorId: user.id };
        await cancelBooking(ctx, id, { familySide, reason, exceptUserId: user.id });
      });
      await publish(outbox);
      return { booking: await presentOne(id) };
    },

    /** Close the waitlists of slots that have started (hourly job); families see it live. */
    async closeStartedWaitlists(now = new Date()): Promise<number> {
      const ids = await waitlistRepo.closeStartedWaitlists(db, now, "the slot started; its waitlist closed");
      const outbox = new Outbox();
      for (const id of ids) outbox.booking(id);
      await publish(outbox);
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
