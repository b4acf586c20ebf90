/**
 * Who is on shift for a slot and whether they can take one more child (decisions 137 and 138).
 * Pure: the booking transaction, search, promotion and the coverage check all decide with these.
 */
import { addCalendarDays, localParts } from "../slots/local-time.js";

/** A weekly shift as the rules see it (station-local `HH:mm`, calendar dates). */
export interface RosterShift {
  userId: string;
  weekday: number;
  startTime: string;
  endTime: string;
  validFrom: string;
  validUntil: string | null;
}

/** One date's exception: off all day, or extra hours. */
export interface RosterException {
  userId: string;
  date: string;
  kind: "off" | "extra";
  startTime: string | null;
  endTime: string | null;
}

/** A station's shifts and exceptions around some dates, with the staff's names and qualifications. */
export interface StationRoster {
  shifts: readonly RosterShift[];
  exceptions: readonly RosterException[];
  /** Need codes each staff member holds, with the last date each is valid on. */
  qualifications: readonly { userId: string; needCode: string; expiresOn: string }[];
  names: ReadonlyMap<string, string>;
}

/** A staff member on shift for a whole slot, with the needs they are qualified for on its date. */
export interface OnShiftStaff {
  userId: string;
  displayName: string;
  needs: string[];
}

/** What the staffing rule needs to know about one slot. */
export interface SlotStaffing {
  onShift: readonly OnShiftStaff[];
  /** Children per staff member for the slot's service; null = not limited. */
  childrenPerStaff: number | null;
  /** Seat-holding children on the slot: those needing a whole staff member, and the rest. */
  seated: { oneToOne: number; shared: number };
}

/** A child's care needs as the rules see them. */
export interface ChildNeeds {
  codes: readonly string[];
  /** One of the needs takes a whole staff member. */
  oneToOne: boolean;
}

export const NO_NEEDS: ChildNeeds = { codes: [], oneToOne: false };

type Interval = [string, string];

/** Station-local date and `HH:mm` bounds of a slot; `null` end when it runs past the next midnight. */
function localWindow(startsAt: Date, endsAt: Date, timeZone: string) {
  const start = localParts(startsAt, timeZone);
  const end = localParts(endsAt, timeZone);
  let endTime: string | null = end.date === start.date ? end.time : null;
  if (end.date === addCalendarDays(start.date, 1) && end.time === "00:00") endTime = "24:00";
  return { date: start.date, weekday: start.weekday, startTime: start.time, endTime };
}

/** Whether merged `intervals` contain `[from, to]` whole (touching shifts join up). */
function covers(intervals: Interval[], from: string, to: string): boolean {
  const sorted = [...intervals].sort((a, b) => a[0].localeCompare(b[0]));
  let cur: Interval | undefined;
  for (const [s, e] of sorted) {
    // HH:mm strings compare in time order
    if (cur && s <= cur[1]) cur = [cur[0], [e, cur[1]].sort()[1]!];
    else cur = [s, e];
    if (cur[0] <= from && cur[1] >= to) return true;
  }
  return false;
}

/**
 * The staff on shift for the WHOLE slot: weekly shifts of its station-local weekday valid on its
 * date, minus staff off that day, plus extra hours that day. A slot past local midnight is covered
 * by nobody (shifts do not cross midnight).
 */
export function staffOnShift(
  roster: StationRoster,
  slot: { startsAt: Date; endsAt: Date },
  timeZone: string,
): OnShiftStaff[] {
  const w = localWindow(slot.startsAt, slot.endsAt, timeZone);
  if (w.endTime === null) return [];
  const off = new Set(
    roster.exceptions.filter((x) => x.date === w.date && x.kind === "off").map((x) => x.userId),
  );
  const byUser = new Map<string, Interval[]>();
  const add = (userId: string, iv: Interval) => byUser.set(userId, [...(byUser.get(userId) ?? []), iv]);
  for (const s of roster.shifts)
    if (
      s.weekday === w.weekday &&
      s.validFrom <= w.date &&
      (s.validUntil === null || s.validUntil >= w.date) &&
      !off.has(s.userId)
    )
      add(s.userId, [s.startTime, s.endTime]);
  for (const x of roster.exceptions)
    if (x.date === w.date && x.kind === "extra" && x.startTime && x.endTime)
      add(x.userId, [x.startTime, x.endTime]);
  const out: OnShiftStaff[] = [];
  for (const [userId, intervals] of byUser) {
    if (!covers(intervals, w.startTime, w.endTime)) continue;
    const needs = roster.qualifications
      .filter((q) => q.userId === userId && q.expiresOn >= w.date)
      .map((q) => q.needCode)
      .sort();
    out.push({ userId, displayName: roster.names.get(userId) ?? "", needs });
  }
  return out.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId));
}

/**
 * Whether the staff on shift can take `child` on top of the seated children: every need must be
 * held (valid on the slot's date) by someone on shift, and the staff must suffice for the ratio,
 * each one-to-one child taking a whole staff member and the others sharing at the service ratio.
 */
export function staffingVerdict(
  staffing: SlotStaffing,
  child: ChildNeeds,
): { unmetNeeds: string[]; ratioFull: boolean } {
  const unmetNeeds = child.codes.filter((c) => !staffing.onShift.some((s) => s.needs.includes(c)));
  const { oneToOne, shared } = staffing.seated;
  const ratio = staffing.childrenPerStaff;
  const whole = oneToOne + (child.oneToOne ? 1 : 0);
  const sharing = ratio ? Math.ceil((shared + (child.oneToOne ? 0 : 1)) / ratio) : 0;
  return { unmetNeeds, ratioFull: whole + sharing > staffing.onShift.length };
}

/** The staffing with `child` seated too (later decisions of one batch count it). */
export function withSeated(staffing: SlotStaffing, child: ChildNeeds): SlotStaffing {
  const { oneToOne, shared } = staffing.seated;
  return {
    ...staffing,
    seated: child.oneToOne ? { oneToOne: oneToOne + 1, shared } : { oneToOne, shared: shared + 1 },
  };
}
