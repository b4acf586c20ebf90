import type { Booking } from "@carecircle/shared";
import { BOOKING_LIMITS } from "@carecircle/shared";
import type { Db, Tx } from "../../db/client.js";
import { isPgError, PG } from "../../db/errors.js";
import type { Deps } from "../../deps.js";
import { rooms } from "../../realtime/rooms.js";
import type { NotificationRow } from "../notifications/notifications.repo.js";
import type { NotificationDraft, NotificationsService } from "../notifications/notifications.service.js";
import { slotsRepo } from "../slots/slots.repo.js";
import { presentBooking } from "./bookings.presenter.js";
import { type BookingView, bookingsRepo } from "./bookings.repo.js";
import { waitlistRepo } from "./waitlist.repo.js";
import { orderWaitlist } from "./waitlist-order.js";

/**
 * What a booking transaction changed, published only after it committed: stored notifications
 * to push, bookings and slots whose live state changed.
 */
export class Outbox {
  readonly notificationRows: NotificationRow[] = [];
  readonly bookingIds = new Set<string>();
  readonly slotIds = new Set<string>();
  private readonly drafts: NotificationDraft[] = [];

  /** Queue a notification; stored in the transaction by `flush`. */
  notify(draft: NotificationDraft): void {
    this.drafts.push(draft);
  }
  booking(id: string): void {
    this.bookingIds.add(id);
  }
  slot(id: string): void {
    this.slotIds.add(id);
  }
  /** Store queued notifications inside the transaction (so they exist only if it commits). */
  async flush(tx: Tx, notifications: NotificationsService): Promise<void> {
    const drafts = this.drafts.splice(0);
    this.notificationRows.push(...(await notifications.store(tx, drafts)));
  }
}

const RETRYABLE = [PG.serializationFailure, PG.deadlockDetected];
const MAX_ATTEMPTS = 6;

/**
 * Run `work` in a transaction with a fresh Outbox. On a real PostgreSQL server concurrent
 * transactions can deadlock (two seats freed while two families book); those attempts are
 * retried with jitter instead of failing the request. Notifications are stored before commit.
 */
export async function bookingTx<T>(
  db: Db,
  notifications: NotificationsService,
  work: (tx: Tx, outbox: Outbox) => Promise<T>,
): Promise<{ result: T; outbox: Outbox }> {
  for (let attempt = 1; ; attempt++) {
    const outbox = new Outbox();
    try {
      const result = await db.transaction(async (tx) => {
        const r = await work(tx, outbox);
        await outbox.flush(tx, notifications);
        return r;
      });
      return { result, outbox };
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE.some((code) => isPgError(err, code))) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

/** 1-based waitlist positions of the waitlisted bookings among `views`, in the documented order. */
export async function waitlistPositions(
  db: Db | Tx,
  views: BookingView[],
  now: Date,
): Promise<Map<string, number>> {
  const slotIds = [
    ...new Set(views.filter((v) => v.booking.status === "waitlisted").map((v) => v.booking.slotId)),
  ];
  const rows = await waitlistRepo.waitlist(db, slotIds, now, BOOKING_LIMITS.priorityLookbackDays);
  const positions = new Map<string, number>();
  for (const slotId of slotIds) {
    const ordered = orderWaitlist(rows.filter((r) => r.slotId === slotId));
    for (const [i, r] of ordered.entries()) positions.set(r.bookingId, i + 1);
  }
  return positions;
}

/** Present booking views with their waitlist positions. */
export async function presentViews(db: Db | Tx, views: BookingView[], now = new Date()): Promise<Booking[]> {
  const positions = await waitlistPositions(db, views, now);
  return views.map((v) => presentBooking(v, positions.get(v.booking.id) ?? null));
}

/** A slot's live seat state, as `slot:updated` carries it. */
export interface SlotState {
  slot: { id: string; stationId: string; capacity: number; confirmedCount: number; cancelledAt: Date | null };
  waitlistCount: number;
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

/** After commit: push notifications, then `booking:updated` to the families and station staff, `slot:updated` to staff. */
export function createPublisher({ db, realtime, logger }: Deps, notifications: NotificationsService) {
  return async function publish(outbox: Outbox): Promise<void> {
    notifications.push(outbox.notificationRows);
    try {
      const views = await bookingsRepo.viewsByIds(db, [...outbox.bookingIds]);
      const presented = await presentViews(db, views);
      const caregivers = await bookingsRepo.caregiversOf(db, [
        ...new Set(views.map((v) => v.booking.familyId)),
      ]);
      for (const booking of presented) {
        const ids = caregivers.filter((c) => c.familyId === booking.familyId).map((c) => c.id);
        emitBooking(realtime, booking, ids);
      }
      for (const l of await slotsRepo.listings(db, [...outbox.slotIds]))
        emitSlot(realtime, { slot: l.slot, waitlistCount: Number(l.waitlistCount) });
    } catch (err) {
      // The change is committed and the notifications are stored; a failed live push only delays clients.
      logger.warn({ err }, "could not publish booking updates");
    }
  };
}
export type Publisher = ReturnType<typeof createPublisher>;
