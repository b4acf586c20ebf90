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

const slotFull = () =>
  new AppError("SLOT_FULL", "This slot is full; you can join its waitlist", { waitlistAvailable: true });

/**
 * Book a slot for a child (decision 042). One transaction of three statements:
 * 1. lock the child's family (its quota decisions queue here), reading the slot, its station, the
 *    child and the family's caregivers;
 * 2. lock the slot (its seat changes queue here until commit), reading the family's bookings
 *    around it, fresh under the family lock; then decide every rule in `bookability`;
 * 3. take the seat or join the waitlist and record the history event, in one statement.
 * Lock order is family, then slot; a promotion locks slot, then candidate families. The two can
 * only wait on each other when one family books a slot while being promoted on it; PostgreSQL
 * detects that deadlock and `bookingTx` retries. The answer and the live updates are built from
 * what the transaction returned; only a waitlisted booking reads its queue position after commit.
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
    const child = await childrenRepo.byId(db, input.childId);
    const slot = await slotsRepo.byId(db, input.slotId);
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
      const read = await bookSeatRepo.lockFamilyAndRead(tx, input.slotId, input.childId);
      if (!read) throw (await slotsRepo.byId(tx, input.slotId)) ? notFound("child") : notFound("slot");
      const { station, child, caregiverIds } = read;
      if (user.role === "caregiver" && child.familyId !== user.familyId) throw notFound("child");
      const locked = await bookSeatRepo.lockSlotWithFacts(
        tx,
        read.slot.id,
        child.familyId,
        factsWindow(read.slot),
      );
      if (!locked) throw notFound("slot");
      const { slot } = locked;
      const verdict = bookability({
        now,
        station,
        slot: { ...slot, cancelled: slot.cancelledAt !== null },
        child,
        familyBookings: locked.facts,
      });
      const blocker = verdict.reasons.find((r) => r !== "full");
      if (blocker) throw refusal(blocker, verdict.quota);
      if (verdict.reasons.includes("full") && input.waitlist !== true) throw slotFull();

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
      if (!taken) throw slotFull();
      if (taken.row.status === "confirmed") {
        const payload = bookingPayload(taken.row, slot, station, { childId: child.id });
        for (const id of caregiverIds)
          if (id !== user.id) outbox.notify({ userId: id, kind: "booking_confirmed", payload });
      }
      return { ...taken, slot, station, child, caregiverIds };
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
