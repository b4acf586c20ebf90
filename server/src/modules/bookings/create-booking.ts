import type { Booking, BookingCreateInput } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { publishCommitted, type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { AppError, notFound } from "../../errors.js";
import { createBatchLanes, takeFirst } from "../../lib/batch-lanes.js";
import type { AuthUser } from "../auth/access-token.js";
import { childrenRepo } from "../children/children.repo.js";
import type { FamiliesService } from "../families/families.service.js";
import { planReminders } from "../reminders/reminder-plan.js";
import { seriesRepo } from "../series/series.repo.js";
import { slotsRepo } from "../slots/slots.repo.js";
import { slotStaffingForBooking } from "../staffing/slot-staffing.repo.js";
import { stationsRepo } from "../stations/stations.repo.js";
import {
  childOf,
  type Decision,
  decideRules,
  type FamiliesRead,
  type Request,
  refusalOf,
  type SlotLocked,
  seatedRows,
  slotFull,
  unique,
} from "./batch-decisions.js";
import { bookSeatRepo, type SeatWrite } from "./book-seat.repo.js";
import type { BookingPresented } from "./bookings.events.js";
import { presentViews } from "./bookings.presenter.js";
import { type BookingRow, bookingsRepo } from "./bookings.repo.js";
import { bookingPayload, factsWindow } from "./seat-changes.js";

/** Most bookings of one slot decided by one transaction. */
export const BOOKING_MAX_BATCH = 64;

/** What one batch's transaction wrote, for the answers and live updates after commit. */
interface Written {
  rows: BookingRow[];
  confirmedCount: number;
  waitlistCount: number;
  slot: SlotLocked["slot"];
  station: FamiliesRead["station"];
  children: FamiliesRead["children"];
}

/** Queue the notifications of the written bookings for their families (never the booker). */
function notifyWritten(uow: UnitOfWork, w: Written, writes: readonly SeatWrite[]): void {
  for (const [i, row] of w.rows.entries()) {
    // Staff booked for the family: every caregiver is asked to confirm, whatever the status.
    const kind = row.awaitingFamily ? "booking_on_behalf" : "booking_confirmed";
    if (kind === "booking_confirmed" && row.status !== "confirmed") continue;
    const payload = bookingPayload(row, w.slot, w.station, { childId: row.childId, status: row.status });
    for (const id of w.children.get(row.childId)!.caregiverIds)
      if (id !== writes[i]!.bookedBy) uow.notify({ userId: id, kind, payload });
  }
}

/**
 * Social workers and station staff: who may book is decided before the transaction (their
 * checks read other tables; PGlite runs one transaction at a time). Caregivers and admins are
 * decided inside it, from the child row the family lock read.
 */
async function checkStaffAccess(
  { db }: Deps,
  families: FamiliesService,
  user: AuthUser,
  input: BookingCreateInput,
): Promise<void> {
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

/** The notes the bookers left for the staff, beside the seats just written (same transaction). */
async function storeNotes(
  tx: Tx,
  batch: readonly Request[],
  writes: readonly SeatWrite[],
  rows: BookingRow[],
): Promise<void> {
  for (const [i, write] of writes.entries()) {
    const note = batch[write.ord]!.input.note;
    if (!note?.trim()) continue;
    await bookingsRepo.setNote(tx, rows[i]!.id, note);
    rows[i]!.note = note;
  }
}

/** One week of a recurring booking (decision 140): booked into its series, whatever the window. */
interface SeriesRequest extends Request {
  seriesId: string;
}

/** The rules' view of a series batch: the booking window does not apply (decision 140). */
const withoutWindow = (read: FamiliesRead): FamiliesRead => ({
  ...read,
  station: { ...read.station, bookingWindowDays: Number.POSITIVE_INFINITY },
});

/**
 * The transaction's work for one batch of requests of `slotId` (re-run whole on a retry).
 * A series batch (`series`) holds only SeriesRequests.
 */
async function decide(tx: Tx, uow: UnitOfWork, slotId: string, batch: readonly Request[], series: boolean) {
  const now = new Date();
  const read = await bookSeatRepo.lockFamiliesAndRead(tx, slotId, unique(batch.map((r) => r.input.childId)));
  if (!read && !(await slotsRepo.byId(tx, slotId))) throw notFound("slot");
  const decisions = new Map<Request, Decision>();
  for (const r of batch)
    if (!childOf(read, r)) decisions.set(r, { kind: "refused", error: notFound("child") });
  const familyIds = unique(batch.flatMap((r) => childOf(read, r)?.child.familyId ?? []));
  if (!read || familyIds.length === 0) return { decisions, written: undefined };

  const locked = await bookSeatRepo.lockSlotWithFacts(tx, slotId, familyIds, factsWindow(read.slot));
  if (!locked) throw notFound("slot");
  // Read under the slot lock, so the seated children and their needs are fresh (decision 138).
  const { staffing, needs } = await slotStaffingForBooking(tx, locked.slot, read.station.timeZone, [
    ...read.children.keys(),
  ]);
  const writes = decideRules(
    now,
    series ? withoutWindow(read) : read,
    locked,
    { staffing, needs },
    batch,
    decisions,
  );
  if (writes.length === 0) return { decisions, written: undefined };

  const seated = await bookSeatRepo.seatMany(tx, locked.slot, now, writes);
  // Cannot happen under the slot lock; decided alone, it answers as a full slot always did.
  if (!seated) throw batch.length === 1 ? slotFull() : new Error("the seat statement refused a batch");
  await storeNotes(tx, batch, writes, seated.rows);
  const written: Written = { ...seated, slot: locked.slot, station: read.station, children: read.children };
  const confirmed = seated.rows.filter((row) => row.status === "confirmed");
  await planReminders(
    tx,
    read.station,
    confirmed.map((row) => ({ bookingId: row.id, startsAt: locked.slot.startsAt })),
    now,
  );
  // A series tells the family once for all its weeks (decision 152), not once per week.
  if (!series) notifyWritten(uow, written, writes);
  if (series)
    for (const [i, w] of writes.entries())
      await seriesRepo.attach(tx, (batch[w.ord] as SeriesRequest).seriesId, [seated.rows[i]!.id]);
  for (const [i, write] of writes.entries()) {
    const d = decisions.get(batch[write.ord]!);
    if (d?.kind === "seated") d.row = seated.rows[i];
  }
  return { decisions, written };
}

/**
 * Book a slot for a child (decisions 042 and 043). Requests for one slot share a lane
 * (`lib/batch-lanes.ts`): while a transaction for the slot is in flight, later requests wait and
 * the next transaction decides all of them, in arrival order, in three statements:
 * 1. lock the children's families in id order (their quota decisions queue here), reading the
 *    slot, its station, the children and each family's caregivers;
 * 2. lock the slot (its seat changes queue here until commit), reading the families' bookings
 *    around it, fresh under the family locks; then decide every rule in `bookability`, request by
 *    request, each decision counting the seats and bookings decided before it;
 * 3. take the seats and waitlist places and record their history events, in one statement
 *    (and a fourth plans the confirmed bookings' reminders, decision 107).
 * A quiet slot decides one request at once; a storm on one slot shares one lock wait and one
 * commit per batch. Lock order is families, then slot; a promotion locks slot, then candidate
 * families. The two can only wait on each other when a family books a slot while being promoted
 * on it; PostgreSQL detects that deadlock and the unit of work retries. If a batch fails as a
 * whole for another reason, each of its requests is decided again on its own, so one cannot fail
 * the rest. Answers and live updates are built from what the transaction returned; only
 * waitlisted bookings read their queue positions after commit.
 */
export function createBookingCreator(deps: Deps, families: FamiliesService) {
  const { db, logger } = deps;

  /** Present the written bookings (waitlist positions are read after commit). */
  function present(rows: ReturnType<typeof seatedRows>, { slot, station }: Written): Promise<Booking[]> {
    return presentViews(
      db,
      rows.map(({ row, child }) => ({
        booking: row,
        slot: { startsAt: slot.startsAt, endsAt: slot.endsAt, serviceType: slot.serviceType },
        station,
        child: { id: child.id, nickname: child.nickname },
      })),
    );
  }

  /** Decide one batch and answer every request in it; only after commit. */
  async function runBatch(slotId: string, batch: Request[], series: boolean): Promise<void> {
    let outcome: Awaited<ReturnType<typeof decide>>;
    try {
      // Committed: the stored notifications went out, whatever happens next.
      outcome = await unitOfWork(deps, (tx, uow) => decide(tx, uow, slotId, batch, series), {
        retry: true,
      });
    } catch (err) {
      if (batch.length === 1 || err instanceof AppError) {
        for (const r of batch) r.reject(err);
        return;
      }
      logger.warn(
        { err, slotId, size: batch.length },
        "a booking batch failed; deciding its requests one by one",
      );
      for (const r of batch) await runBatch(slotId, [r], series);
      return;
    }
    const { decisions, written } = outcome;
    if (!written) {
      for (const r of batch) r.reject(refusalOf(decisions, r));
      return;
    }
    const rows = seatedRows(batch, decisions);
    let presented: Booking[];
    try {
      presented = await present(rows, written);
    } catch (err) {
      // Committed; without the presentation the requests cannot be answered as decided.
      for (const r of batch) r.reject(err);
      return;
    }
    // The presentation is also the answer, so it is published here rather than read again.
    await publishCommitted(deps, [
      ...rows.map(
        ({ row }, i): BookingPresented => ({
          type: "booking.presented",
          booking: presented[i]!,
          caregiverIds: written.children.get(row.childId)!.caregiverIds,
        }),
      ),
      {
        type: "slot.seats",
        state: {
          slot: { ...written.slot, confirmedCount: written.confirmedCount },
          waitlistCount: written.waitlistCount,
        },
      },
    ]);
    const answers = new Map(rows.map(({ r }, i) => [r, presented[i]!]));
    for (const r of batch) {
      const booking = answers.get(r);
      if (booking) r.resolve({ booking });
      else r.reject(refusalOf(decisions, r));
    }
  }

  const take = takeFirst<Request>(BOOKING_MAX_BATCH);
  const lanes = createBatchLanes<Request>({ take, run: (id, batch) => runBatch(id, batch, false) });
  // Series weeks share their own lanes: a batch decides one way about the booking window.
  const seriesLanes = createBatchLanes<Request>({ take, run: (id, batch) => runBatch(id, batch, true) });

  return {
    async create(user: AuthUser, input: BookingCreateInput): Promise<{ booking: Booking }> {
      await checkStaffAccess(deps, families, user, input);
      return new Promise((resolve, reject) => lanes.submit(input.slotId, { user, input, resolve, reject }));
    },

    /** Book one week of `seriesId` by the same rules, except the booking window (decision 140). */
    async createInSeries(user: AuthUser, input: BookingCreateInput, seriesId: string) {
      await checkStaffAccess(deps, families, user, input);
      return new Promise<{ booking: Booking }>((resolve, reject) => {
        const r: SeriesRequest = { user, input, resolve, reject, seriesId };
        seriesLanes.submit(input.slotId, r);
      });
    },
  };
}
