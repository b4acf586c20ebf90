/**
 * The pure half of booking a slot (`create-booking.ts`): what one batch of requests decides, rule
 * by rule, from what its transaction read under the family and slot locks. No I/O here.
 */
import type { Booking, BookingCreateInput } from "@carecircle/shared";
import { AppError, conflict } from "../../errors.js";
import type { LaneItem } from "../../lib/batch-lanes.js";
import type { AuthUser } from "../auth/access-token.js";
import type { ChildRow } from "../children/children.repo.js";
import type { bookSeatRepo, LockedChild, SeatWrite } from "./book-seat.repo.js";
import { bookability, WAITLISTABLE } from "./booking-rules.js";
import type { BookingRow } from "./bookings.repo.js";
import { type ChildNeeds, NO_NEEDS, type SlotStaffing, withSeated } from "./staffing-rules.js";

/** Map a refusing rule to its API error (full is handled by the seat statement itself). */
export function refusal(reason: string, quota?: "week" | "month", unmetNeeds?: string[]): AppError {
  switch (reason) {
    case "needs_unmet":
      return new AppError(
        "NOT_BOOKABLE",
        "No staff member qualified for this child's care needs is on shift",
        {
          reason,
          needs: unmetNeeds ?? [],
        },
      );
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

export const slotFull = () =>
  new AppError("SLOT_FULL", "This slot is full; you can join its waitlist", { waitlistAvailable: true });

/** The staff on shift cannot take another child at the ratio (decision 138); the waitlist is open. */
export const ratioFull = () =>
  new AppError("SLOT_FULL", "The staff on shift cannot take another child; you can join the waitlist", {
    waitlistAvailable: true,
    reason: "ratio_full",
  });

/** One booking request waiting in its slot's lane. */
export interface Request extends LaneItem {
  user: AuthUser;
  input: BookingCreateInput;
  resolve: (answer: { booking: Booking }) => void;
}

/** What the transaction decided for one request: a refusal, or a seat or waitlist place (then written). */
export type Decision =
  | { kind: "refused"; error: AppError }
  | { kind: "seated"; write: SeatWrite; child: ChildRow; row?: BookingRow };

export type FamiliesRead = NonNullable<Awaited<ReturnType<typeof bookSeatRepo.lockFamiliesAndRead>>>;
export type SlotLocked = NonNullable<Awaited<ReturnType<typeof bookSeatRepo.lockSlotWithFacts>>>;

export const unique = (ids: Iterable<string>) => [...new Set(ids)];

/** The request's child as the family lock read it, if the requester may book for it. */
export function childOf(read: FamiliesRead | undefined, r: Request): LockedChild | undefined {
  const known = read?.children.get(r.input.childId);
  return known && (r.user.role !== "caregiver" || known.child.familyId === r.user.familyId)
    ? known
    : undefined;
}

/** The seat write for a request the rules allow, as `status`. */
function seatWrite(
  ord: number,
  r: Request,
  child: ChildRow,
  status: SeatWrite["status"],
  why?: string,
): SeatWrite {
  const by = r.user.role !== "caregiver" ? ` on behalf of the family by ${r.user.role}` : "";
  return {
    ord,
    childId: child.id,
    familyId: child.familyId,
    status,
    bookedBy: r.user.id,
    onBehalf: r.user.role !== "caregiver",
    awaitingFamily: r.user.role === "station_staff",
    reason:
      status === "confirmed"
        ? `booked${by}`
        : `joined the waitlist (${why === "ratio_full" ? "no staff free" : "slot full"})${by}`,
  };
}

/**
 * Decide every rule in `bookability`, request by request, each decision counting the seats and
 * bookings decided before it. Answers the writes, in batch order.
 */
export function decideRules(
  now: Date,
  read: FamiliesRead,
  { slot, facts }: SlotLocked,
  staff: { staffing: SlotStaffing; needs: ReadonlyMap<string, ChildNeeds> },
  batch: readonly Request[],
  decisions: Map<Request, Decision>,
): SeatWrite[] {
  let confirmedCount = slot.confirmedCount;
  let staffing = staff.staffing;
  const writes: SeatWrite[] = [];
  for (const [ord, r] of batch.entries()) {
    const child = childOf(read, r)?.child;
    const familyBookings = child && facts.get(child.familyId);
    if (!child || !familyBookings) continue;
    const needs = staff.needs.get(child.id) ?? NO_NEEDS;
    const verdict = bookability({
      now,
      station: read.station,
      slot: { ...slot, confirmedCount, cancelled: slot.cancelledAt !== null },
      child: { ...child, needs },
      familyBookings,
      staffing,
    });
    const blocker = verdict.reasons.find((x) => !WAITLISTABLE.includes(x));
    const wait = verdict.reasons.find((x) => WAITLISTABLE.includes(x));
    if (blocker || (wait && r.input.waitlist !== true)) {
      const error = blocker
        ? refusal(blocker, verdict.quota, verdict.unmetNeeds)
        : wait === "full"
          ? slotFull()
          : ratioFull();
      decisions.set(r, { kind: "refused", error });
      continue;
    }
    const write = seatWrite(ord, r, child, wait ? "waitlisted" : "confirmed", wait);
    if (write.status === "confirmed") {
      confirmedCount++;
      staffing = withSeated(staffing, needs);
    }
    writes.push(write);
    decisions.set(r, { kind: "seated", write, child });
    // Later requests of this batch see this one (same child twice, the family's quota).
    familyBookings.push({
      slotId: slot.id,
      stationId: slot.stationId,
      childId: child.id,
      status: write.status,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
    });
  }
  return writes;
}

/** The seated requests of a batch with their written rows, in batch order. */
export function seatedRows(batch: readonly Request[], decisions: Map<Request, Decision>) {
  return batch.flatMap((r) => {
    const d = decisions.get(r);
    return d?.kind === "seated" && d.row ? [{ r, row: d.row, child: d.child }] : [];
  });
}

/** The error a request without a written row is answered with. */
export function refusalOf(decisions: Map<Request, Decision>, r: Request): AppError {
  const d = decisions.get(r);
  if (d?.kind !== "refused") throw new Error("a booking request was left undecided");
  return d.error;
}
