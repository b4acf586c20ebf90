import type { Booking, BookingCreateInput } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { AppError, conflict, notFound } from "../../errors.js";
import { createBatchLanes, type LaneItem, takeFirst } from "../../lib/batch-lanes.js";
import type { AuthUser } from "../auth/access-token.js";
import { type ChildRow, childrenRepo } from "../children/children.repo.js";
import type { FamiliesService } from "../families/families.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { slotsRepo } from "../slots/slots.repo.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { bookSeatRepo, type SeatWrite } from "./book-seat.repo.js";
import { bookability, type FamilyBookingFact } from "./booking-rules.js";
import { bookingTx, emitBooking, emitSlot, type Outbox, presentViews } from "./booking-tx.js";
import { type BookingRow, bookingsRepo } from "./bookings.repo.js";
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

/** Most bookings of one slot decided by one transaction. */
export const BOOKING_MAX_BATCH = 64;

/** One booking request waiting in its slot's lane. */
interface Request extends LaneItem {
  user: AuthUser;
  input: BookingCreateInput;
  resolve: (answer: { booking: Booking }) => void;
}

/** What the transaction decided for one request: a refusal, or a booking to write (then written). */
type Decision = { error: AppError } | { write: SeatWrite; child: ChildRow; row?: BookingRow };

const unique = (ids: Iterable<string>) => [...new Set(ids)];

/**
 * Book a slot for a child (decisions 042 and 043). Requests for one slot share a lane
 * (`lib/batch-lanes.ts`): while a transaction for the slot is in flight, later requests wait and
 * the next transaction decides all of them, in arrival order, in three statements:
 * 1. lock the children's families in id order (their quota decisions queue here), reading the
 *    slot, its station, the children and each family's caregivers;
 * 2. lock the slot (its seat changes queue here until commit), reading the families' bookings
 *    around it, fresh under the family locks; then decide every rule in `bookability`, request by
 *    request, each decision counting the seats and bookings decided before it;
 * 3. take the seats and waitlist places and record their history events, in one statement.
 * A quiet slot decides one request at once; a storm on one slot shares one lock wait and one
 * commit per batch. Lock order is families, then slot; a promotion locks slot, then candidate
 * families. The two can only wait on each other when a family books a slot while being promoted
 * on it; PostgreSQL detects that deadlock and `bookingTx` retries. If a batch fails as a whole for
 * another reason, each of its requests is decided again on its own, so one cannot fail the rest.
 * Answers and live updates are built from what the transaction returned; only waitlisted bookings
 * read their queue positions after commit.
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
   * decided inside it, from the child row the family lock read.
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

  /** The transaction's work for one batch of requests of `slotId` (re-run whole on a retry). */
  async function decide(tx: Tx, outbox: Outbox, slotId: string, batch: readonly Request[]) {
    const now = new Date();
    const read = await bookSeatRepo.lockFamiliesAndRead(
      tx,
      slotId,
      unique(batch.map((r) => r.input.childId)),
    );
    if (!read && !(await slotsRepo.byId(tx, slotId))) throw notFound("slot");
    const mine = (r: Request) => {
      const known = read?.children.get(r.input.childId);
      return known && (r.user.role !== "caregiver" || known.child.familyId === r.user.familyId)
        ? known
        : undefined;
    };
    const decisions = new Map<Request, Decision>();
    for (const r of batch) if (!mine(r)) decisions.set(r, { error: notFound("child") });
    const familyIds = unique(batch.flatMap((r) => mine(r)?.child.familyId ?? []));
    if (!read || familyIds.length === 0) return { decisions, written: undefined };

    const locked = await bookSeatRepo.lockSlotWithFacts(tx, slotId, familyIds, factsWindow(read.slot));
    if (!locked) throw notFound("slot");
    const { slot } = locked;
    const { station } = read;
    let confirmedCount = slot.confirmedCount;
    const writes: SeatWrite[] = [];
    for (const [ord, r] of batch.entries()) {
      const known = mine(r);
      if (!known) continue;
      const { child } = known;
      const familyBookings = locked.facts.get(child.familyId) as FamilyBookingFact[];
      const verdict = bookability({
        now,
        station,
        slot: { ...slot, confirmedCount, cancelled: slot.cancelledAt !== null },
        child,
        familyBookings,
      });
      const blocker = verdict.reasons.find((x) => x !== "full");
      const full = verdict.reasons.includes("full");
      if (blocker || (full && r.input.waitlist !== true)) {
        decisions.set(r, { error: blocker ? refusal(blocker, verdict.quota) : slotFull() });
        continue;
      }
      const status = full ? "waitlisted" : "confirmed";
      if (status === "confirmed") confirmedCount++;
      const by = r.user.role !== "caregiver" ? ` on behalf of the family by ${r.user.role}` : "";
      const write: SeatWrite = {
        ord,
        childId: child.id,
        familyId: child.familyId,
        status,
        bookedBy: r.user.id,
        onBehalf: r.user.role !== "caregiver",
        awaitingFamily: r.user.role === "station_staff",
        reason: status === "confirmed" ? `booked${by}` : `joined the waitlist (slot full)${by}`,
      };
      writes.push(write);
      decisions.set(r, { write, child });
      // Later requests of this batch see this one (same child twice, the family's quota).
      familyBookings.push({
        slotId: slot.id,
        stationId: slot.stationId,
        childId: child.id,
        status,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
      });
    }
    if (writes.length === 0) return { decisions, written: undefined };

    const written = await bookSeatRepo.seatMany(tx, slot, now, writes);
    // Cannot happen under the slot lock; decided alone, it answers as a full slot always did.
    if (!written) throw batch.length === 1 ? slotFull() : new Error("the seat statement refused a batch");
    for (const [i, row] of written.rows.entries()) {
      const child = read.children.get(row.childId)!;
      // Staff booked for the family: every caregiver is asked to confirm, whatever the status.
      const kind = row.awaitingFamily ? "booking_on_behalf" : "booking_confirmed";
      if (kind === "booking_confirmed" && row.status !== "confirmed") continue;
      const payload = bookingPayload(row, slot, station, { childId: row.childId, status: row.status });
      for (const id of child.caregiverIds)
        if (id !== writes[i]!.bookedBy) outbox.notify({ userId: id, kind, payload });
    }
    for (const [i, write] of writes.entries()) {
      const d = decisions.get(batch[write.ord]!);
      if (d && "write" in d) d.row = written.rows[i];
    }
    return { decisions, written: { ...written, slot, station, children: read.children } };
  }

  /** Decide one batch and answer every request in it; only after commit. */
  async function runBatch(slotId: string, batch: Request[]): Promise<void> {
    let outcome: Awaited<ReturnType<typeof decide>>;
    let outbox: Outbox;
    try {
      ({ result: outcome, outbox } = await bookingTx(db, notifications, (tx, ob) =>
        decide(tx, ob, slotId, batch),
      ));
    } catch (err) {
      if (batch.length === 1 || err instanceof AppError) {
        for (const r of batch) r.reject(err);
        return;
      }
      logger.warn(
        { err, slotId, size: batch.length },
        "a booking batch failed; deciding its requests one by one",
      );
      for (const r of batch) await runBatch(slotId, [r]);
      return;
    }
    const { decisions, written } = outcome;
    if (!written) {
      for (const r of batch) r.reject((decisions.get(r) as { error: AppError }).error);
      return;
    }
    // Committed: the stored notifications go out whatever happens next.
    notifications.push(outbox.notificationRows);
    const { slot, station } = written;
    const rows = batch.flatMap((r) => {
      const d = decisions.get(r);
      return d && "row" in d && d.row ? [{ r, row: d.row, child: d.child }] : [];
    });
    let presented: Booking[];
    try {
      presented = await presentViews(
        db,
        rows.map(({ row, child }) => ({
          booking: row,
          slot: { startsAt: slot.startsAt, endsAt: slot.endsAt, serviceType: slot.serviceType },
          station,
          child: { id: child.id, nickname: child.nickname },
        })),
      );
    } catch (err) {
      // Committed; without the presentation the requests cannot be answered as decided.
      for (const r of batch) r.reject(err);
      return;
    }
    try {
      for (const [i, { row }] of rows.entries())
        emitBooking(realtime, presented[i]!, written.children.get(row.childId)!.caregiverIds);
      emitSlot(realtime, {
        slot: { ...slot, confirmedCount: written.confirmedCount },
        waitlistCount: written.waitlistCount,
      });
    } catch (err) {
      logger.warn({ err }, "could not publish booking updates");
    }
    const answers = new Map(rows.map(({ r }, i) => [r, presented[i]!]));
    for (const r of batch) {
      const booking = answers.get(r);
      if (booking) r.resolve({ booking });
      else r.reject((decisions.get(r) as { error: AppError }).error);
    }
  }

  const lanes = createBatchLanes<Request>({ take: takeFirst(BOOKING_MAX_BATCH), run: runBatch });

  return async function create(user: AuthUser, input: BookingCreateInput): Promise<{ booking: Booking }> {
    await checkStaffAccess(user, input);
    return new Promise((resolve, reject) => lanes.submit(input.slotId, { user, input, resolve, reject }));
  };
}
