import type { Tx } from "./db/client.js";
import type { Deps } from "./deps.js";
import {
  type BookingPresented,
  type BookingsChanged,
  emitBooking,
  emitSlot,
  mergeBookingChanges,
  publishBookingChanges,
  type SlotSeats,
} from "./modules/bookings/bookings.events.js";
import { broadcastMessage, type MessageChanged } from "./modules/messages/message-changes.js";
import {
  type AlertChanged,
  type AlertOpened,
  type MemberLeft,
  publishAlertChanged,
  publishAlertOpened,
  type ReportFiled,
} from "./modules/moderation/moderation.events.js";
import { notificationsRepo } from "./modules/notifications/notifications.repo.js";
import {
  type NotificationsQueued,
  pushNotifications,
} from "./modules/notifications/notifications.service.js";
import { pushJobsRepo } from "./modules/push/push.repo.js";
import { pushKindOf } from "./modules/push/push-content.js";
import { rooms } from "./realtime/rooms.js";

/** A user's sessions end everywhere (the account was deleted). */
export interface UserDisconnected {
  type: "user.disconnected";
  userId: string;
  reason: "deleted";
}

/**
 * Everything a unit of work (`db/unit-of-work.ts`) can record, by `type`. Each event's shape
 * lives beside the module that records it; this table says how each is stored and published.
 */
export type DomainEvent =
  | NotificationsQueued
  | BookingsChanged
  | BookingPresented
  | SlotSeats
  | MessageChanged
  | AlertOpened
  | AlertChanged
  | ReportFiled
  | MemberLeft
  | UserDisconnected;

/** How one type of event is handled. */
export interface Handling<E extends DomainEvent> {
  /** Inside the transaction, after the work: store what the events need stored (all of the type at once). */
  beforeCommit?(tx: Tx, events: E[]): Promise<void>;
  /** After commit: tell whoever needs to know. */
  publish(deps: Deps, event: E): Promise<void> | void;
  /** Fold a later event of the type into the pending one; told at the later one's place. */
  merge?(earlier: E, later: E): E;
  /** Published, with everything recorded after it, without holding up the caller's answer. */
  background?: true;
}

type HandlingTable = { [K in DomainEvent["type"]]: Handling<Extract<DomainEvent, { type: K }>> };

const HANDLING: HandlingTable = {
  "notifications.queued": {
    async beforeCommit(tx, events) {
      const rows = await notificationsRepo.insertMany(
        tx,
        events.flatMap((e) => e.drafts),
      );
      let at = 0;
      for (const e of events) {
        e.rows = rows.slice(at, at + e.drafts.length);
        at += e.drafts.length;
      }
      // Pushes exist only if the notifications do: same transaction (decision 105).
      await pushJobsRepo.enqueue(
        tx,
        rows.filter((r) => pushKindOf(r.kind)).map((r) => r.id),
      );
    },
    publish: ({ realtime }, e) => pushNotifications(realtime, e.rows),
  },
  "bookings.changed": { publish: publishBookingChanges, merge: mergeBookingChanges },
  "booking.presented": { publish: ({ realtime }, e) => emitBooking(realtime, e.booking, e.caregiverIds) },
  "slot.seats": { publish: ({ realtime }, e) => emitSlot(realtime, e.state) },
  "message.changed": { publish: ({ realtime }, e) => broadcastMessage(realtime, e.event, e.view) },
  // Presenting an alert takes several reads; a crisis send's ack does not wait for them.
  "alert.opened": { publish: publishAlertOpened, background: true },
  "alert.changed": { publish: publishAlertChanged },
  "report.filed": {
    publish: ({ realtime }, e) =>
      realtime.emitTo(rooms.moderators(e.report.groupId), "moderation:report", e.report),
  },
  "member.left": { publish: (_deps, e) => e.groups.leaveRooms(e.userId, e.groupId, e.change) },
  "user.disconnected": { publish: ({ realtime }, e) => realtime.disconnectUser(e.userId, e.reason) },
};

/** The handling of `event`'s type. */
export function handlingOf<E extends DomainEvent>(event: E): Handling<E> {
  return HANDLING[event.type] as unknown as Handling<E>;
}

/** Run every `beforeCommit` step, once per type, on the events recorded (inside the transaction). */
export async function prepareEvents(tx: Tx, events: DomainEvent[]): Promise<void> {
  for (const type of new Set(events.map((e) => e.type))) {
    const mine = events.filter((e) => e.type === type);
    await handlingOf(mine[0]!).beforeCommit?.(tx, mine);
  }
}
