import type { Booking, BookingCreateInput } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { AppError, conflict, notFound } from "../../errors.js";
import type { AuthUser } from "../../middlewares/auth.js";
import { childrenRepo } from "../children/children.repo.js";
import type { FamiliesService } from "../families/families.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { slotsRepo } from "../slots/slots.repo.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { bookSeatRepo } from "./book-seat.repo.js";
import { bookability } from "./booking-rules.js";
import { bookingTx, emitBooking, emitSlot, presentViews } from "./booking-tx.js";
import { bookingsRepo } from "./bookings.repo.js";
import { bookingPayload, factsWindow } from "./seat-changes.js";

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
 * Book a slot for a child (decision 042). One transaction: lock the slot (reading its station and
 * the child in the same statement), check who may book, lock the family (reading its caregivers),
 * read the family's bookings around the slot, decide every rule in `bookability`, then take the
 * seat or join the waitlist and record the history event in one statement. The answer and the
 * live updates are built from what the transaction returned, not read again; only a waitlisted
 * booking reads its queue position after commit.
 */
export function createBookingCreator(
  deps: Deps,
  families: FamiliesService,
  notifications: NotificationsService,
) {
  const { db, realtime, logger } = deps;

  /**
   * Social workers and station staff: who may book is decided before the transaction (their
   * checks read other tables; PGlite runs one transaction at a time). Caregivers and admins are
   * decided inside it, from the child row the slot lock read.
   */
  async function checkStaffAccess(user: AuthUser, input: BookingCreateInput): Promise<void> {
    if (user.role === "caregiver" || user.role === "admin") return;
    const [child, slot] = [
      await childrenRepo.byId(db, input.childId),
      await slotsRepo.byId(db, input.slotId),
    ];
    if (!slot) throw notFound("slot");
    const allowed =
      !!child &&
      ((await families.canAccess(user, child.familyId)) ||
        (user.role === "station_staff" &&
          (await stationsRepo.isStaff(db, slot.stationId, user.id)) &&
          (await bookingsRepo.familyKnownAt(db, child.familyId, slot.stationId))));
    if (!allowed) throw notFound("child");
  }

  return async function create(user: AuthUser, input: BookingCreateInput): Promise<{ booking: Booking }> {
    const onBehalf = user.role !== "caregiver";
    await checkStaffAccess(user, input);
    const { result, outbox } = await bookingTx(db, notifications, async (tx, outbox) => {
      const now = new Date();
      const locked = await bookSeatRepo.lockSlot(tx, input.slotId, input.childId);
      if (!locked) throw notFound("slot");
      const { slot, station, child } = locked;
      if (!child || (user.role === "caregiver" && child.familyId !== user.familyId)) throw notFound("child");
      const family = await bookSeatRepo.lockFamily(tx, child.familyId);
      if (!family) throw notFound("child");
      const window = factsWindow(slot);
      const verdict = bookability({
        now,
        station,
        slot: { ...slot, cancelled: slot.cancelledAt !== null },
        child,
        familyBookings: await bookingsRepo.familyFacts(tx, child.familyId, window.from, window.to),
      });
      const blocker = verdict.reasons.find((r) => r !== "full");
      if (blocker) throw refusal(blocker, verdict.quota);

      const by = onBehalf ? ` on behalf of the family by ${user.role}` : "";
      const taken = await bookSeatRepo.seatOrWaitlist(tx, {
        slot,
        childId: child.id,
        familyId: child.familyId,
        bookedBy: user.id,
        onBehalf,
        waitlist: input.waitlist === true,
        now,
        reasons: { confirmed: `booked${by}`, waitlisted: `joined the waitlist (slot full)${by}` },
      });
      if (!taken)
        throw new AppError("SLOT_FULL", "This slot is full; you can join its waitlist", {
          waitlistAvailable: true,
        });
      if (taken.row.status === "confirmed") {
        const payload = bookingPayload(taken.row, slot, station, { childId: child.id });
        for (const id of family.caregiverIds)
          if (id !== user.id) outbox.notify({ userId: id, kind: "booking_confirmed", payload });
      }
      return { ...taken, slot, station, child, caregiverIds: family.caregiverIds };
    });

    // Committed: present from what the transaction returned (a waitlisted booking needs its position).
    const { row, slot, station, child } = result;
    const [booking] = await presentViews(db, [
      {
        booking: row,
        slot: { startsAt: slot.startsAt, endsAt: slot.endsAt, serviceType: slot.serviceType },
        station,
        child: { id: child.id, nickname: child.nickname },
      },
    ]);
    notifications.push(outbox.notificationRows);
    try {
      emitBooking(realtime, booking!, result.caregiverIds);
      emitSlot(realtime, {
        slot: { ...slot, confirmedCount: result.confirmedCount },
        waitlistCount: result.waitlistCount,
      });
    } catch (err) {
      logger.warn({ err }, "could not publish booking updates");
    }
    return { booking: booking! };
  };
}
