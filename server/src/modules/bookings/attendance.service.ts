import type { Booking, BookingStatus } from "@carecircle/shared";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { slotsRepo } from "../slots/slots.repo.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { bookingChanged } from "./bookings.events.js";
import { type BookingRow, bookingsRepo } from "./bookings.repo.js";

/** Staff may check a child in from this long before the slot starts. */
const EARLY_CHECK_IN_MS = 2 * 3_600_000;

type Mark = "check_in" | "check_out" | "no_show";
const TRANSITIONS: Record<Mark, { from: BookingStatus; to: BookingStatus; reason: string }> = {
  check_in: { from: "confirmed", to: "checked_in", reason: "checked in by staff" },
  check_out: { from: "checked_in", to: "completed", reason: "checked out by staff" },
  no_show: { from: "confirmed", to: "no_show", reason: "marked no-show by staff" },
};

/**
 * Attendance, marked by the staff of the booking's station (or an admin): check-in from two hours
 * before the start until the end, check-out after check-in, no-show once the slot has started.
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

  async function mark(user: AuthUser, id: string, kind: Mark): Promise<{ booking: Booking }> {
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
          throw conflict(`This booking is ${b.status.replace("_", " ")}, not ${t.from.replace("_", " ")}`, {
            status: b.status,
          });
        if (
          kind === "check_in" &&
          (now.getTime() < slot.startsAt.getTime() - EARLY_CHECK_IN_MS || now >= slot.endsAt)
        )
          throw conflict("Check-in is possible from two hours before the start until the end", {
            reason: "outside_attendance_window",
          });
        if (kind === "no_show" && now < slot.startsAt)
          throw conflict("A no-show can be recorded once the slot has started", { reason: "not_started" });
        await bookingsRepo.transition(tx, id, [t.from], {
          status: t.to,
          ...(kind === "check_in" ? { checkedInAt: now } : kind === "check_out" ? { checkedOutAt: now } : {}),
        });
        await bookingsRepo.insertEvent(tx, {
          bookingId: id,
          actorId: user.id,
          fromStatus: t.from,
          toStatus: t.to,
          reason: t.reason,
        });
        uow.publish(bookingChanged(id));
      },
      { retry: true },
    );
    return { booking: await presentOne(id) };
  }

  return {
    checkIn: (user: AuthUser, id: string) => mark(user, id, "check_in"),
    checkOut: (user: AuthUser, id: string) => mark(user, id, "check_out"),
    noShow: (user: AuthUser, id: string) => mark(user, id, "no_show"),
  };
}
export type AttendanceService = ReturnType<typeof createAttendanceService>;
