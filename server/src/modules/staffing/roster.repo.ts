import { and, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../db/client.js";
import {
  careNeedTypes,
  childCareNeeds,
  shiftExceptions,
  staffQualifications,
  staffShifts,
  stationRatios,
  users,
} from "../../db/schema/index.js";
import { SEAT_HOLDING } from "../bookings/booking-rules.js";
import {
  type ChildNeeds,
  type SlotStaffing,
  type StationRoster,
  staffOnShift,
} from "../bookings/staffing-rules.js";
import { localParts } from "../slots/local-time.js";

/** A slot as the staffing reads need it. */
interface StaffedSlot {
  id: string;
  stationId: string;
  serviceType: string;
  startsAt: Date;
  endsAt: Date;
}

const EMPTY: StationRoster = { shifts: [], exceptions: [], qualifications: [], names: new Map() };

/** The reads the staffing rules decide on (decisions 137 and 138): rosters, ratios, seats, needs. */
export const rosterRepo = {
  /** Each station's shifts valid in `[from, to]`, exceptions on those dates, and the staff's qualifications. */
  async rosters(
    db: DbOrTx,
    stationIds: readonly string[],
    from: string,
    to: string,
  ): Promise<Map<string, StationRoster>> {
    const out = new Map<string, StationRoster>();
    if (stationIds.length === 0) return out;
    const ids = [...stationIds];
    const shifts = await db
      .select({ s: staffShifts, name: users.displayName })
      .from(staffShifts)
      .innerJoin(users, eq(users.id, staffShifts.userId))
      .where(
        and(
          inArray(staffShifts.stationId, ids),
          lte(staffShifts.validFrom, to),
          or(isNull(staffShifts.validUntil), gte(staffShifts.validUntil, from)),
        ),
      );
    const exceptions = await db
      .select({ x: shiftExceptions, name: users.displayName })
      .from(shiftExceptions)
      .innerJoin(users, eq(users.id, shiftExceptions.userId))
      .where(
        and(
          inArray(shiftExceptions.stationId, ids),
          gte(shiftExceptions.date, from),
          lte(shiftExceptions.date, to),
        ),
      );
    const staffIds = [...new Set([...shifts.map((r) => r.s.userId), ...exceptions.map((r) => r.x.userId)])];
    const quals =
      staffIds.length === 0
        ? []
        : await db
            .select({
              userId: staffQualifications.userId,
              needCode: staffQualifications.needCode,
              expiresOn: staffQualifications.expiresOn,
            })
            .from(staffQualifications)
            .where(
              and(inArray(staffQualifications.userId, staffIds), gte(staffQualifications.expiresOn, from)),
            );
    for (const id of ids) {
      const names = new Map<string, string>();
      const own = shifts.filter((r) => r.s.stationId === id);
      const ex = exceptions.filter((r) => r.x.stationId === id);
      for (const r of own) names.set(r.s.userId, r.name);
      for (const r of ex) names.set(r.x.userId, r.name);
      out.set(id, {
        shifts: own.map((r) => r.s),
        exceptions: ex.map((r) => r.x),
        qualifications: quals.filter((q) => names.has(q.userId)),
        names,
      });
    }
    return out;
  },

  /** Children per staff member by `stationId:serviceType`. */
  async ratios(db: DbOrTx, stationIds: readonly string[]): Promise<Map<string, number>> {
    if (stationIds.length === 0) return new Map();
    const rows = await db
      .select()
      .from(stationRatios)
      .where(inArray(stationRatios.stationId, [...stationIds]));
    return new Map(rows.map((r) => [`${r.stationId}:${r.serviceType}`, r.childrenPerStaff]));
  },

  /** Seat-holding children per slot: how many need a whole staff member, how many share. */
  async seated(db: DbOrTx, slotIds: readonly string[]): Promise<Map<string, SlotStaffing["seated"]>> {
    const out = new Map(slotIds.map((id) => [id, { oneToOne: 0, shared: 0 }]));
    if (slotIds.length === 0) return out;
    const rows = await queryRows<{ slot_id: string; one_to_one: number; total: number }>(
      db,
      sql`select b.slot_id, count(*)::int as total,
            (count(*) filter (where exists (
              select 1 from child_care_needs n join care_need_types t on t.code = n.need_code
              where n.child_id = b.child_id and t.one_to_one)))::int as one_to_one
          from bookings b
          where b.slot_id = any(${`{${slotIds.join(",")}}`}::uuid[])
            and b.status = any(${`{${SEAT_HOLDING.join(",")}}`}::text[])
          group by b.slot_id`,
    );
    for (const r of rows)
      out.set(r.slot_id, { oneToOne: Number(r.one_to_one), shared: Number(r.total) - Number(r.one_to_one) });
    return out;
  },

  /** Each child's need codes and whether one of them takes a whole staff member. */
  async childNeeds(db: DbOrTx, childIds: readonly string[]): Promise<Map<string, ChildNeeds>> {
    const out = new Map<string, ChildNeeds>(childIds.map((id) => [id, { codes: [], oneToOne: false }]));
    if (childIds.length === 0) return out;
    const rows = await db
      .select({
        childId: childCareNeeds.childId,
        code: childCareNeeds.needCode,
        oneToOne: careNeedTypes.oneToOne,
      })
      .from(childCareNeeds)
      .innerJoin(careNeedTypes, eq(careNeedTypes.code, childCareNeeds.needCode))
      .where(inArray(childCareNeeds.childId, [...childIds]))
      .orderBy(childCareNeeds.needCode);
    for (const r of rows) {
      const cur = out.get(r.childId)!;
      out.set(r.childId, { codes: [...cur.codes, r.code], oneToOne: cur.oneToOne || r.oneToOne });
    }
    return out;
  },

  /** The staffing of each slot: who is on shift for all of it (its station-local date), ratio, seated children. */
  async slotStaffing(
    db: DbOrTx,
    slotList: readonly StaffedSlot[],
    timeZoneOf: (stationId: string) => string,
  ): Promise<Map<string, SlotStaffing>> {
    const out = new Map<string, SlotStaffing>();
    if (slotList.length === 0) return out;
    const dates = slotList.map((s) => localParts(s.startsAt, timeZoneOf(s.stationId)).date).sort();
    const stationIds = [...new Set(slotList.map((s) => s.stationId))];
    const rosters = await rosterRepo.rosters(db, stationIds, dates[0]!, dates[dates.length - 1]!);
    const ratios = await rosterRepo.ratios(db, stationIds);
    const seated = await rosterRepo.seated(
      db,
      slotList.map((s) => s.id),
    );
    for (const s of slotList)
      out.set(s.id, {
        onShift: staffOnShift(rosters.get(s.stationId) ?? EMPTY, s, timeZoneOf(s.stationId)),
        childrenPerStaff: ratios.get(`${s.stationId}:${s.serviceType}`) ?? null,
        seated: seated.get(s.id)!,
      });
    return out;
  },
};
