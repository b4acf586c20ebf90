import type { Booking, BookingSeriesCreateInput, BookingSeriesResult } from "@carecircle/shared";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { AppError, assertFound, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import type { BookingsService } from "../bookings/bookings.service.js";
import { cancelBooking } from "../bookings/cancel-booking.js";
import { childrenRepo } from "../children/children.repo.js";
import type { FamiliesService } from "../families/families.service.js";
import { localParts, toOffsetIso } from "../slots/local-time.js";
import { slotsRepo } from "../slots/slots.repo.js";
import { type StationRow, stationsRepo } from "../stations/stations.repo.js";
import { presentSeries } from "./series.presenter.js";
import { type SeriesRow, type StoredRefusal, seriesRepo } from "./series.repo.js";
import { type WeeklySession, weeklySessions } from "./series-sessions.js";

/** The stable code and reason of a refused week (the same codes a single booking answers). */
function refusalOf(err: AppError, s: WeeklySession): StoredRefusal {
  const reason = err.details?.reason;
  return {
    week: s.week,
    date: s.date,
    code: err.code,
    reason: typeof reason === "string" ? reason : err.code === "SLOT_FULL" ? "full" : null,
  };
}

/** Book each week through the ordinary path; answers the bookings made and the weeks refused. */
async function bookWeeks(
  bookings: BookingsService,
  user: AuthUser,
  input: BookingSeriesCreateInput & { seriesId: string },
  sessions: readonly WeeklySession[],
) {
  const refusals: StoredRefusal[] = [];
  const booked: Booking[] = [];
  // One week after the other: later weeks see the seats and quota the earlier ones took.
  for (const s of sessions) {
    if (!s.slot) {
      refusals.push({ week: s.week, date: s.date, code: "NOT_FOUND", reason: "no_session" });
      continue;
    }
    // each week's booking carries the series' note to the staff on that day's roster
    const one = {
      slotId: s.slot.id,
      childId: input.childId,
      waitlist: true,
      ...(input.note?.trim() ? { note: input.note } : {}),
    };
    await bookings
      .createInSeries(user, one, input.seriesId)
      .then((r) => booked.push(r.booking))
      .catch((err: unknown) => {
        if (!(err instanceof AppError)) throw err;
        refusals.push(refusalOf(err, s));
      });
  }
  return { booked, refusals };
}

/** The one `series_booked` payload of a series (decision 152): counts and ids, no personal text. */
function seriesNotice(
  series: SeriesRow,
  station: StationRow,
  firstStart: Date,
  booked: readonly Booking[],
  refused: number,
) {
  return {
    seriesId: series.id,
    childId: series.childId,
    stationId: station.id,
    stationName: station.name,
    startsAt: toOffsetIso(firstStart, station.timeZone),
    weeks: series.weeks,
    confirmed: booked.filter((b) => b.status === "confirmed").length,
    waitlisted: booked.filter((b) => b.status === "waitlisted").length,
    refused,
  };
}

/**
 * Recurring respite (issue 19 §2, decision 140): one request books the same weekly session for
 * 2-12 weeks. Each week goes through the ordinary booking path (`createInSeries`), one after the
 * other, so every rule (capacity, overlap, quota, care needs) decides it exactly as it would a
 * single booking, and each week holds its own seat. Only the booking window is lifted.
 */
export function createSeriesService(deps: Deps, families: FamiliesService, bookings: BookingsService) {
  const { db } = deps;

  async function loadVisible(user: AuthUser, id: string): Promise<SeriesRow> {
    const row = await seriesRepo.byId(db, id);
    if (!row || !(await families.canAccess(user, row.familyId))) throw notFound("booking series");
    return row;
  }

  async function present(row: SeriesRow): Promise<BookingSeriesResult["series"]> {
    const station = assertFound(await stationsRepo.byId(db, row.stationId), "station");
    return presentSeries(db, row, station.timeZone);
  }

  return {
    async create(user: AuthUser, input: BookingSeriesCreateInput): Promise<BookingSeriesResult> {
      const child = await childrenRepo.byId(db, input.childId);
      if (!child || !(await families.canAccess(user, child.familyId))) throw notFound("child");
      const first = assertFound(await slotsRepo.byId(db, input.slotId), "slot");
      const station = assertFound(await stationsRepo.byId(db, first.stationId), "station");
      const sessions = await unitOfWork(deps, (tx) => weeklySessions(tx, first, station, input.weeks), {
        retry: true,
      });
      const local = localParts(first.startsAt, station.timeZone);
      const series = await seriesRepo.insert(db, {
        childId: child.id,
        familyId: child.familyId,
        stationId: station.id,
        bookedBy: user.id,
        serviceType: first.serviceType,
        weekday: local.weekday,
        startTime: local.time,
        firstDate: local.date,
        weeks: input.weeks,
        note: input.note ?? "",
      });
      const { booked, refusals } = await bookWeeks(
        bookings,
        user,
        { ...input, seriesId: series.id },
        sessions,
      );
      await unitOfWork(deps, async (tx, uow) => {
        await seriesRepo.setRefusals(tx, series.id, refusals);
        const notice = seriesNotice(series, station, first.startsAt, booked, refusals.length);
        for (const c of await bookingsRepo.caregiversOf(tx, [child.familyId]))
          if (c.id !== user.id) uow.notify({ userId: c.id, kind: "series_booked", payload: notice });
      });
      return { series: await present({ ...series, refusals }) };
    },

    async get(user: AuthUser, id: string): Promise<BookingSeriesResult> {
      return { series: await present(await loadVisible(user, id)) };
    },

    /**
     * Cancel every week on or after `from` (station-local) that has not started, each through the
     * one cancel path: each frees its own seat and promotes that slot's waitlist, all in one
     * transaction.
     */
    async cancel(user: AuthUser, id: string, from: string): Promise<BookingSeriesResult> {
      const row = await loadVisible(user, id);
      const station = assertFound(await stationsRepo.byId(db, row.stationId), "station");
      const familySide = user.role === "caregiver" || user.role === "social_worker";
      const cancelled = await unitOfWork(
        deps,
        async (tx, uow) => {
          const now = new Date();
          assertFound(await seriesRepo.lock(tx, id), "booking series");
          const due = (await seriesRepo.occurrences(tx, id)).filter(
            (o) =>
              (o.status === "confirmed" || o.status === "waitlisted") &&
              o.startsAt > now &&
              localParts(o.startsAt, station.timeZone).date >= from,
          );
          const ctx = { tx, uow, now, actorId: user.id };
          const reason = `the weekly series was cancelled from ${from}`;
          for (const o of due) await cancelBooking(ctx, o.id, { familySide, reason, exceptUserId: user.id });
          await seriesRepo.setCancelledFrom(tx, id, from);
          return due.length;
        },
        { retry: true },
      );
      const fresh = assertFound(await seriesRepo.byId(db, id), "booking series");
      return { series: await present(fresh), cancelled };
    },
  };
}
export type SeriesService = ReturnType<typeof createSeriesService>;
