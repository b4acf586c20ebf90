import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
import { SEAT_HOLDING } from "../bookings/booking-rules.js";
import {
  type ChildNeeds,
  type RosterException,
  type RosterShift,
  type SlotStaffing,
  staffOnShift,
} from "../bookings/staffing-rules.js";
import { localParts } from "../slots/local-time.js";

/** The slot a booking decides on, as the staffing read needs it. */
interface BookedSlot {
  id: string;
  stationId: string;
  serviceType: string;
  startsAt: Date;
  endsAt: Date;
}

interface Raw {
  shifts: (RosterShift & { name: string })[];
  exceptions: (RosterException & { name: string })[];
  quals: { userId: string; needCode: string; expiresOn: string }[];
  ratio: number | null;
  seated: { total: number; oneToOne: number };
  needs: { childId: string; code: string; oneToOne: boolean }[];
}

/** Drivers answer a json column parsed or as text. */
const json = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

/**
 * The staffing of one slot and the needs of the children asking for it, in ONE statement: the
 * booking transaction reads it under the slot lock (decision 138), where every round trip keeps the
 * next batch of that slot waiting. The same facts as `rosterRepo.slotStaffing` + `childNeeds`
 * (which read many slots, for search and coverage); `tests/integration/care-needs.test.ts` compares them.
 */
export async function slotStaffingForBooking(
  db: DbOrTx,
  slot: BookedSlot,
  timeZone: string,
  childIds: readonly string[],
): Promise<{ staffing: SlotStaffing; needs: Map<string, ChildNeeds> }> {
  const day = localParts(slot.startsAt, timeZone).date;
  const [raw] = await queryRows<Raw>(
    db,
    sql`with shifts as (
          select s.user_id, s.weekday, s.start_time, s.end_time, s.valid_from::text as valid_from,
                 s.valid_until::text as valid_until, u.display_name
          from staff_shifts s join users u on u.id = s.user_id
          where s.station_id = ${slot.stationId} and s.valid_from <= ${day}::date
            and (s.valid_until is null or s.valid_until >= ${day}::date)),
        exceptions as (
          select x.user_id, x.date::text as date, x.kind, x.start_time, x.end_time, u.display_name
          from shift_exceptions x join users u on u.id = x.user_id
          where x.station_id = ${slot.stationId} and x.date = ${day}::date)
        select
          (select coalesce(json_agg(json_build_object('userId', user_id, 'weekday', weekday,
             'startTime', start_time, 'endTime', end_time, 'validFrom', valid_from,
             'validUntil', valid_until, 'name', display_name)), '[]') from shifts) as shifts,
          (select coalesce(json_agg(json_build_object('userId', user_id, 'date', date, 'kind', kind,
             'startTime', start_time, 'endTime', end_time, 'name', display_name)), '[]')
             from exceptions) as exceptions,
          (select coalesce(json_agg(json_build_object('userId', q.user_id, 'needCode', q.need_code,
             'expiresOn', q.expires_on::text)), '[]')
             from staff_qualifications q
             where q.expires_on >= ${day}::date
               and q.user_id in (select user_id from shifts union select user_id from exceptions)) as quals,
          (select r.children_per_staff from station_ratios r
             where r.station_id = ${slot.stationId} and r.service_type = ${slot.serviceType}) as ratio,
          (select json_build_object('total', count(*), 'oneToOne', count(*) filter (where exists (
             select 1 from child_care_needs n join care_need_types t on t.code = n.need_code
             where n.child_id = b.child_id and t.one_to_one)))
             from bookings b
             where b.slot_id = ${slot.id}
               and b.status = any(${`{${SEAT_HOLDING.join(",")}}`}::text[])) as seated,
          (select coalesce(json_agg(json_build_object('childId', n.child_id, 'code', n.need_code,
             'oneToOne', t.one_to_one) order by n.need_code), '[]')
             from child_care_needs n join care_need_types t on t.code = n.need_code
             where n.child_id = any(${`{${childIds.join(",")}}`}::uuid[])) as needs`,
  );
  return { staffing: toStaffing(raw!, slot, timeZone), needs: toNeeds(json(raw!.needs), childIds) };
}

function toStaffing(raw: Raw, slot: BookedSlot, timeZone: string): SlotStaffing {
  const shifts = json<Raw["shifts"]>(raw.shifts);
  const exceptions = json<Raw["exceptions"]>(raw.exceptions);
  const names = new Map<string, string>();
  for (const r of [...shifts, ...exceptions]) names.set(r.userId, r.name);
  const seated = json<Raw["seated"]>(raw.seated);
  const roster = { shifts, exceptions, qualifications: json<Raw["quals"]>(raw.quals), names };
  return {
    onShift: staffOnShift(roster, slot, timeZone),
    childrenPerStaff: raw.ratio == null ? null : Number(raw.ratio),
    seated: { oneToOne: Number(seated.oneToOne), shared: Number(seated.total) - Number(seated.oneToOne) },
  };
}

function toNeeds(rows: Raw["needs"], childIds: readonly string[]): Map<string, ChildNeeds> {
  const out = new Map<string, ChildNeeds>(childIds.map((id) => [id, { codes: [], oneToOne: false }]));
  for (const r of rows) {
    const cur = out.get(r.childId);
    if (cur) out.set(r.childId, { codes: [...cur.codes, r.code], oneToOne: cur.oneToOne || r.oneToOne });
  }
  return out;
}
