import type { Booking } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { rooms } from "../../realtime/rooms.js";
import { slotsRepo } from "../slots/slots.repo.js";
import { presentViews } from "./bookings.presenter.js";
import { bookingsRepo } from "./bookings.repo.js";

/**
 * Bookings and slots whose live state changed in a unit of work. Merged per unit (one event,
 * told after the unit's notifications): each booking and slot is read once, after commit.
 */
export interface BookingsChanged {
  type: "bookings.changed";
  bookingIds: string[];
  slotIds: string[];
}

/** A booking presented in the unit (its rows may be gone after commit), for its family and station. */
export interface BookingPresented {
  type: "booking.presented";
  booking: Booking;
  /** Caregivers to tell besides the station's staff (none when the family is gone). */
  caregiverIds: readonly string[];
}

/** A slot's seat state known from the transaction that changed it. */
export interface SlotSeats {
  type: "slot.seats";
  state: SlotState;
}

/** A slot's live seat state, as `slot:updated` carries it. */
export interface SlotState {
  slot: { id: string; stationId: string; capacity: number; confirmedCount: number; cancelledAt: Date | null };
  waitlistCount: number;
}

/** The booking's live state changed. */
export const bookingChanged = (id: string): BookingsChanged => ({
  type: "bookings.changed",
  bookingIds: [id],
  slotIds: [],
});

/** The slot's seats changed. */
export const slotChanged = (id: string): BookingsChanged => ({
  type: "bookings.changed",
  bookingIds: [],
  slotIds: [id],
});

/** Both changes as one, each id once, in first-seen order. */
export function mergeBookingChanges(a: BookingsChanged, b: BookingsChanged): BookingsChanged {
  return {
    type: "bookings.changed",
    bookingIds: [...new Set([...a.bookingIds, ...b.bookingIds])],
    slotIds: [...new Set([...a.slotIds, ...b.slotIds])],
  };
}

/** Tell a booking's family (its caregivers) and its station's staff its new state. */
export function emitBooking(
  realtime: Deps["realtime"],
  booking: Booking,
  caregiverIds: readonly string[],
): void {
  realtime.emitTo(
    [...caregiverIds.map((id) => rooms.user(id)), rooms.station(booking.stationId)],
    "booking:updated",
    booking,
  );
}

/** Tell a station's staff a slot's seats changed. */
export function emitSlot(realtime: Deps["realtime"], { slot, waitlistCount }: SlotState): void {
  const cancelled = slot.cancelledAt !== null;
  realtime.emitTo(rooms.station(slot.stationId), "slot:updated", {
    slotId: slot.id,
    stationId: slot.stationId,
    capacity: slot.capacity,
    confirmedCount: slot.confirmedCount,
    seatsLeft: cancelled ? 0 : Math.max(0, slot.capacity - slot.confirmedCount),
    waitlistCount,
    cancelled,
  });
}

/** After commit: `booking:updated` to the families and station staff, then `slot:updated` to staff. */
export async function publishBookingChanges({ db, realtime }: Deps, e: BookingsChanged): Promise<void> {
  const views = await bookingsRepo.viewsByIds(db, e.bookingIds);
  const presented = await presentViews(db, views);
  const caregivers = await bookingsRepo.caregiversOf(db, [...new Set(views.map((v) => v.booking.familyId))]);
  for (const booking of presented) {
    const ids = caregivers.filter((c) => c.familyId === booking.familyId).map((c) => c.id);
    emitBooking(realtime, booking, ids);
  }
  for (const l of await slotsRepo.listings(db, e.slotIds))
    emitSlot(realtime, { slot: l.slot, waitlistCount: Number(l.waitlistCount) });
}
