/**
 * Watching a staffing change (decision 139): a shift, exception, qualification or ratio change
 * locks the station's future booked slots (the lock a booking decision takes, so no booking is
 * decided on the old staffing meanwhile), compares which confirmed bookings are covered before and
 * after, and tells the station's staff and the families' social workers at once about the newly
 * uncovered ones. Nothing is cancelled. Waitlists get the chance coverage may have opened.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "../../db/client.js";
import type { UnitOfWork } from "../../db/unit-of-work.js";
import { fillFreedSeats } from "../bookings/seat-changes.js";
import { NO_NEEDS, type OnShiftStaff, staffingVerdict, withSeated } from "../bookings/staffing-rules.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { rosterRepo } from "./roster.repo.js";
import { staffingRepo } from "./staffing.repo.js";

/** A confirmed booking the staff on shift no longer cover. */
export interface CoverageItem {
  bookingId: string;
  slotId: string;
  childId: string;
  familyId: string;
  stationId: string;
  startsAt: string;
  endsAt: string;
  reason: "needs_unmet" | "ratio_full";
  unmetNeeds: string[];
}

interface SeatedRow {
  slot_id: string;
  station_id: string;
  service_type: string;
  starts_at: Date | string;
  ends_at: Date | string;
  booking_id: string | null;
  child_id: string | null;
  family_id: string | null;
  status: string | null;
}

const uuids = (ids: readonly string[]) => `{${ids.join(",")}}`;

/** Lock the stations' future slots with active bookings (id order) and read their bookings. */
async function lockAndRead(tx: Tx, stationIds: readonly string[], now: Date): Promise<SeatedRow[]> {
  await queryRows(
    tx,
    sql`select s.id from slots s
        where s.station_id = any(${uuids(stationIds)}::uuid[]) and s.starts_at > ${now.toISOString()}::timestamptz
          and s.cancelled_at is null
          and exists (select 1 from bookings b where b.slot_id = s.id
                      and b.status in ('confirmed', 'waitlisted', 'checked_in'))
        order by s.id for no key update of s`,
  );
  return queryRows<SeatedRow>(
    tx,
    sql`select s.id as slot_id, s.station_id, s.service_type, s.starts_at, s.ends_at,
               b.id as booking_id, b.child_id, b.family_id, b.status
        from slots s join bookings b on b.slot_id = s.id
        where s.station_id = any(${uuids(stationIds)}::uuid[]) and s.starts_at > ${now.toISOString()}::timestamptz
          and s.cancelled_at is null and b.status in ('confirmed', 'waitlisted', 'checked_in')
        order by s.starts_at, s.id, coalesce(b.confirmed_at, b.created_at), b.id`,
  );
}

/** A qualification read as if it had not expired (the state before an expiry, decision 151). */
interface StillValid {
  userId: string;
  needCode: string;
}

/**
 * The confirmed bookings of `rows` that the current staffing does not cover, in confirmation
 * order; with `stillValid`, as if that qualification were valid on every date.
 */
async function uncovered(tx: Tx, rows: SeatedRow[], stillValid?: StillValid): Promise<CoverageItem[]> {
  const seated = rows.filter((r) => r.status !== "waitlisted");
  if (seated.length === 0) return [];
  const stations = new Map(
    (await stationsRepo.byIds(tx, [...new Set(seated.map((r) => r.station_id))])).map((s) => [s.id, s]),
  );
  const slotList = [...new Map(seated.map((r) => [r.slot_id, r])).values()].map((r) => ({
    id: r.slot_id,
    stationId: r.station_id,
    serviceType: r.service_type,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
  }));
  const staffings = await rosterRepo.slotStaffing(tx, slotList, (id) => stations.get(id)!.timeZone);
  const needs = await rosterRepo.childNeeds(tx, [...new Set(seated.map((r) => r.child_id!))]);
  const out: CoverageItem[] = [];
  for (const slot of slotList) {
    // Children count in the order they were confirmed: the last ones are past the ratio.
    let staffing = { ...staffings.get(slot.id)!, seated: { oneToOne: 0, shared: 0 } };
    if (stillValid) staffing = { ...staffing, onShift: staffing.onShift.map((s) => withNeed(s, stillValid)) };
    for (const r of seated.filter((x) => x.slot_id === slot.id)) {
      const childNeeds = needs.get(r.child_id!) ?? NO_NEEDS;
      const v = staffingVerdict(staffing, childNeeds);
      staffing = withSeated(staffing, childNeeds);
      if (v.unmetNeeds.length === 0 && !v.ratioFull) continue;
      out.push({
        bookingId: r.booking_id!,
        slotId: slot.id,
        childId: r.child_id!,
        familyId: r.family_id!,
        stationId: slot.stationId,
        startsAt: slot.startsAt.toISOString(),
        endsAt: slot.endsAt.toISOString(),
        reason: v.unmetNeeds.length > 0 ? "needs_unmet" : "ratio_full",
        unmetNeeds: v.unmetNeeds,
      });
    }
  }
  return out;
}

/** `s` also qualified for `v.needCode` when `v` is theirs. */
function withNeed(s: OnShiftStaff, v: StillValid): OnShiftStaff {
  if (s.userId !== v.userId || s.needs.includes(v.needCode)) return s;
  return { ...s, needs: [...s.needs, v.needCode] };
}

/** Store one alert per station for `items` and notify its staff and the families' social workers. */
async function alertStation(
  tx: Tx,
  uow: UnitOfWork,
  stationId: string,
  items: CoverageItem[],
  cause: string,
  actorId: string | null,
): Promise<void> {
  const alert = await staffingRepo.insertAlert(tx, {
    stationId,
    cause,
    items,
    createdBy: actorId,
  });
  const staff = (await stationsRepo.staffOf(tx, [stationId])).map((s) => s.id);
  const sws = await queryRows<{ social_worker_id: string }>(
    tx,
    sql`select distinct social_worker_id from family_social_workers
        where family_id = any(${uuids([...new Set(items.map((i) => i.familyId))])}::uuid[])`,
  );
  const payload = { coverageAlertId: alert.id, stationId, count: items.length };
  for (const userId of new Set([...staff, ...sws.map((s) => s.social_worker_id)]))
    uow.notify({ userId, kind: "coverage_lost", payload });
}

/**
 * Run `change` (a staffing write) watched: newly uncovered confirmed bookings at `stationIds` are
 * reported in one alert per station; waitlisted bookings are promoted where coverage now allows.
 */
export async function watchCoverage<T>(
  tx: Tx,
  uow: UnitOfWork,
  opts: { stationIds: readonly string[]; cause: string; actorId: string; now: Date },
  change: () => Promise<T>,
): Promise<T> {
  if (opts.stationIds.length === 0) return change();
  const rows = await lockAndRead(tx, opts.stationIds, opts.now);
  const before = new Set((await uncovered(tx, rows)).map((i) => i.bookingId));
  const result = await change();
  const fresh = (await uncovered(tx, rows)).filter((i) => !before.has(i.bookingId));
  for (const stationId of opts.stationIds) {
    const items = fresh.filter((i) => i.stationId === stationId);
    if (items.length > 0) await alertStation(tx, uow, stationId, items, opts.cause, opts.actorId);
  }
  const waiting = new Set(rows.filter((r) => r.status === "waitlisted").map((r) => r.slot_id));
  const ctx = { tx, uow, now: opts.now, actorId: opts.actorId };
  for (const slotId of waiting) {
    const row = rows.find((r) => r.slot_id === slotId)!;
    const station = (await stationsRepo.byIds(tx, [row.station_id]))[0]!;
    await fillFreedSeats(ctx, slotId, station, "staffing changed");
  }
  return result;
}

/**
 * A qualification ran out (decision 151): at `stationIds`, the confirmed future bookings the
 * holder covered until its expiry and no longer does are reported like a change's, in one alert
 * per station, unless an alert already named them. Nothing is cancelled.
 */
export async function reportExpiry(
  tx: Tx,
  uow: UnitOfWork,
  opts: { stationIds: readonly string[]; expired: StillValid; now: Date },
): Promise<number> {
  if (opts.stationIds.length === 0) return 0;
  const rows = await lockAndRead(tx, opts.stationIds, opts.now);
  const before = new Set((await uncovered(tx, rows, opts.expired)).map((i) => i.bookingId));
  const lost = (await uncovered(tx, rows)).filter((i) => !before.has(i.bookingId));
  const told = await staffingRepo.alertedBookings(
    tx,
    lost.map((i) => i.bookingId),
  );
  const fresh = lost.filter((i) => !told.has(i.bookingId));
  for (const stationId of opts.stationIds) {
    const items = fresh.filter((i) => i.stationId === stationId);
    if (items.length > 0) await alertStation(tx, uow, stationId, items, "qualification expired", null);
  }
  return fresh.length;
}
