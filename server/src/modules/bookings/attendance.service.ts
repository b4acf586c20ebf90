import {
  ATTENDANCE_UNDO_MINUTES,
  type AttendanceMark,
  type Booking,
  type BookingStatus,
  type HandoverPerson,
} from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { AppError, conflict, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { slotsRepo } from "../slots/slots.repo.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { bookingChanged } from "./bookings.events.js";
import { type BookingRow, bookingsRepo } from "./bookings.repo.js";

/** Staff may check a child in from this long before the slot starts. */
const EARLY_CHECK_IN_MS = 2 * 3_600_000;
const UNDO_MS = ATTENDANCE_UNDO_MINUTES * 60_000;

const TRANSITIONS: Record<AttendanceMark, { from: BookingStatus; to: BookingStatus; reason: string }> = {
  check_in: { from: "confirmed", to: "checked_in", reason: "checked in by staff" },
  check_out: { from: "checked_in", to: "completed", reason: "checked out by staff" },
  no_show: { from: "confirmed", to: "no_show", reason: "marked no-show by staff" },
};

/** When each mark was made (the start of its undo window) and what its undo clears. */
const MARKED_AT: Record<AttendanceMark, (b: BookingRow) => Date | null> = {
  check_in: (b) => b.checkedInAt,
  check_out: (b) => b.checkedOutAt,
  no_show: (b) => b.noShowAt,
};
const CLEARED: Record<AttendanceMark, Partial<BookingRow>> = {
  check_in: { checkedInAt: null, broughtBy: null },
  check_out: { checkedOutAt: null, collectedBy: null },
  no_show: { noShowAt: null },
};

/** What a mark records: its time, and who brought or collected the child. */
function markPatch(kind: AttendanceMark, now: Date, person?: HandoverPerson): Partial<BookingRow> {
  if (kind === "check_in") return { checkedInAt: now, broughtBy: person };
  if (kind === "check_out") return { checkedOutAt: now, collectedBy: person };
  return { noShowAt: now };
}

const statusWord = (s: string) => s.replace("_", " ");

/** Refuse a mark whose time rule does not hold (check-in window, no-show after the start). */
function checkTiming(kind: AttendanceMark, now: Date, slot: { startsAt: Date; endsAt: Date }): void {
  if (
    kind === "check_in" &&
    (now.getTime() < slot.startsAt.getTime() - EARLY_CHECK_IN_MS || now >= slot.endsAt)
  )
    throw conflict("Check-in is possible from two hours before the start until the end", {
      reason: "outside_attendance_window",
    });
  if (kind === "no_show" && now < slot.startsAt)
    throw conflict("A no-show can be recorded once the slot has started", { reason: "not_started" });
}

/** The family's caregivers hear of a check-in or pick-up: ids only, so the push carries no names. */
async function tellFamily(tx: Tx, uow: UnitOfWork, b: BookingRow, kind: AttendanceMark): Promise<void> {
  if (kind === "no_show") return;
  const payload = { bookingId: b.id, slotId: b.slotId, stationId: b.stationId, childId: b.childId };
  const notifKind = kind === "check_in" ? ("child_checked_in" as const) : ("child_picked_up" as const);
  const caregivers = await bookingsRepo.caregiversOf(tx, [b.familyId]);
  uow.notify(...caregivers.map((c) => ({ userId: c.id, kind: notifKind, payload })));
}

/**
 * Attendance, marked by the staff of the booking's station (or an admin): check-in (who brought
 * the child) from two hours before the start until the end, pick-up (who collected the child)
 * after check-in, no-show once the slot has started. The family is notified at check-in and
 * pick-up. Each mark can be undone for 10 minutes (decision 142), then 409 UNDO_WINDOW_PASSED.
 * Anyone else gets 404 (the booking is not theirs to see).
 */
export function createAttendanceService(deps: Deps, presentOne: (id: string) => Promise<Booking>) {
  const { db } = deps;
  async function loadForStaff(user: AuthUser, id: string): Promise<BookingRow> {
    const b = await bookingsRepo.byId(db, id);
    const ok = b && (user.role === "admin" || (await stationsRepo.isStaff(db, b.stationId, user.id)));
    if (!b || !ok) throw notFound("booking");
    return b;
  }

  async function mark(
    user: AuthUser,
    id: string,
    kind: AttendanceMark,
    person?: HandoverPerson,
  ): Promise<{ booking: Booking }> {
    await loadForStaff(user, id);
    const t = TRANSITIONS[kind];
    await unitOfWork(
      deps,
      async (tx, uow) => {
        const now = new Date();
        const b = await bookingsRepo.lock(tx, id);
        const slot = b && (await slotsRepo.byId(tx, b.slotId));
        if (!b || !slot) throw notFound("booking");
        if (b.status !== t.from)
          throw conflict(`This booking is ${statusWord(b.status)}, not ${statusWord(t.from)}`, {
            status: b.status,
          });
        checkTiming(kind, now, slot);
        await bookingsRepo.transition(tx, id, [t.from], { status: t.to, ...markPatch(kind, now, person) });
        await bookingsRepo.insertEvent(tx, {
          bookingId: id,
          actorId: user.id,
          fromStatus: t.from,
          toStatus: t.to,
          reason: t.reason,
        });
        await tellFamily(tx, uow, b, kind);
        uow.publish(bookingChanged(id));
      },
      { retry: true },
    );
    return { booking: await presentOne(id) };
  }

  /** Put the booking back where it was before `kind`, if that mark is under 10 minutes old. */
  async function undo(user: AuthUser, id: string, kind: AttendanceMark): Promise<{ booking: Booking }> {
    await loadForStaff(user, id);
    const t = TRANSITIONS[kind];
    await unitOfWork(
      deps,
      async (tx, uow) => {
        const b = await bookingsRepo.lock(tx, id);
        if (!b) throw notFound("booking");
        if (b.status !== t.to)
          throw conflict(`This booking is ${statusWord(b.status)}, not ${statusWord(t.to)}`, {
            status: b.status,
          });
        const at = MARKED_AT[kind](b);
        if (!at || Date.now() - at.getTime() > UNDO_MS)
          throw new AppError(
            "UNDO_WINDOW_PASSED",
            `A mark can be undone within ${ATTENDANCE_UNDO_MINUTES} minutes`,
            {
              mark: kind,
              markedAt: at?.toISOString() ?? null,
            },
          );
        await bookingsRepo.transition(tx, id, [t.to], { status: t.from, ...CLEARED[kind] });
        await bookingsRepo.insertEvent(tx, {
          bookingId: id,
          actorId: user.id,
          fromStatus: t.to,
          toStatus: t.from,
          reason: `${kind.replace("_", "-")} undone by staff`,
        });
        uow.publish(bookingChanged(id));
      },
      { retry: true },
    );
    return { booking: await presentOne(id) };
  }

  return {
    checkIn: (user: AuthUser, id: string, broughtBy: HandoverPerson) => mark(user, id, "check_in", broughtBy),
    checkOut: (user: AuthUser, id: string, collectedBy: HandoverPerson) =>
      mark(user, id, "check_out", collectedBy),
    noShow: (user: AuthUser, id: string) => mark(user, id, "no_show"),
    undo,
  };
}
export type AttendanceService = ReturnType<typeof createAttendanceService>;
