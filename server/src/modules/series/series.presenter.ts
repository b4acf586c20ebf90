import type { BookingSeries, SeriesOccurrence, ServiceType } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { presentViews } from "../bookings/bookings.presenter.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import { localParts } from "../slots/local-time.js";
import { type SeriesRow, type StoredRefusal, seriesRepo } from "./series.repo.js";

const DAY_MS = 86_400_000;

/** 1-based week of `date` in a series that starts on `firstDate` (both `YYYY-MM-DD`). */
const weekOf = (firstDate: string, date: string) =>
  Math.round((Date.parse(date) - Date.parse(firstDate)) / (7 * DAY_MS)) + 1;

/** A family's series without their weeks (the weeks are among its exported bookings). */
export async function exportedSeries(db: DbOrTx, familyId: string) {
  return (await seriesRepo.ofFamily(db, familyId)).map((row) => {
    const { occurrences: _, ...rest } = describe(row, []);
    return rest;
  });
}

/** A series with each week: its booking as it stands now, or the stored refusal. */
export async function presentSeries(db: DbOrTx, row: SeriesRow, timeZone: string): Promise<BookingSeries> {
  const ids = (await seriesRepo.occurrences(db, row.id)).map((o) => o.id);
  const booked = await presentViews(db, await bookingsRepo.viewsByIds(db, ids));
  const occurrences: SeriesOccurrence[] = booked.map((booking) => {
    const date = localParts(new Date(booking.startsAt), timeZone).date;
    return {
      week: weekOf(row.firstDate, date),
      date,
      status: booking.status,
      booking,
      code: null,
      reason: null,
    };
  });
  for (const r of row.refusals as StoredRefusal[])
    occurrences.push({
      week: r.week,
      date: r.date,
      status: "refused",
      booking: null,
      code: r.code,
      reason: r.reason,
    });
  occurrences.sort((a, b) => a.week - b.week || a.date.localeCompare(b.date));
  return describe(row, occurrences);
}

function describe(row: SeriesRow, occurrences: SeriesOccurrence[]): BookingSeries {
  return {
    id: row.id,
    childId: row.childId,
    familyId: row.familyId,
    stationId: row.stationId,
    serviceType: row.serviceType as ServiceType,
    weekday: row.weekday,
    startTime: row.startTime,
    weeks: row.weeks,
    note: row.note,
    bookedBy: row.bookedBy,
    cancelledFrom: row.cancelledFrom,
    createdAt: row.createdAt.toISOString(),
    occurrences,
  };
}
