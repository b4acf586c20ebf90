import type { Booking } from "../schemas/bookings.js";

/** Seats of one slot after a change (sent to the station's staff). */
export interface SlotSeatsPayload {
  slotId: string;
  stationId: string;
  capacity: number;
  confirmedCount: number;
  seatsLeft: number;
  waitlistCount: number;
  cancelled: boolean;
}

/** Booking events the server sends. */
export interface BookingServerEvents {
  /**
   * A booking changed state (booked, promoted, cancelled, checked in/out, no-show). Sent after
   * the change committed, to every caregiver of the family and to the station's staff.
   */
  "booking:updated": (booking: Booking) => void;
  /** A slot's seats changed (capacity, confirmed count, waitlist, cancelled); to the station's staff. */
  "slot:updated": (slot: SlotSeatsPayload) => void;
}
