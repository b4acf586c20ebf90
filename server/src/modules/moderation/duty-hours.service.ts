import type { DutyHours, DutyHoursPutInput, DutyShift } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { invalid, notFound } from "../../errors.js";
import { localParts } from "../slots/local-time.js";
import { type DutyShiftRow, dutyRepo } from "./duty-hours.repo.js";

const toMinute = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
};
const toHhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

const present = (rows: DutyShiftRow[]): DutyShift[] =>
  rows.map((r) => ({ weekday: r.weekday, start: toHhmm(r.startMinute), end: toHhmm(r.endMinute) }));

/**
 * Weekly on-duty hours of social workers, in the deployment's time zone (`TIME_ZONE`), and who is
 * on duty at an instant: the escalation of an alert nobody acknowledges goes to them.
 */
export function createDutyHoursService({ db, config }: Deps) {
  async function read(userId: string): Promise<DutyHours> {
    return { timeZone: config.timeZone, shifts: present(await dutyRepo.shifts(db, userId)) };
  }

  async function replace(userId: string, input: DutyHoursPutInput): Promise<DutyHours> {
    const shifts = input.shifts.map((s) => ({
      weekday: s.weekday,
      startMinute: toMinute(s.start),
      endMinute: toMinute(s.end),
    }));
    const sorted = [...shifts].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      if (a.weekday === b.weekday && b.startMinute < a.endMinute)
        throw invalid("shifts", "shifts of one day must not overlap");
    }
    await db.transaction((tx) => dutyRepo.replace(tx, userId, sorted));
    return read(userId);
  }

  return {
    read,
    replace,

    /** An admin reads or sets a social worker's hours (404 for anyone else). */
    async forSocialWorker(userId: string, input?: DutyHoursPutInput): Promise<DutyHours> {
      const [row] = await dutyRepo.roleOf(db, [userId]);
      if (row?.role !== "social_worker") throw notFound("social worker");
      return input ? replace(userId, input) : read(userId);
    },

    /** Social workers on duty at `at`; when nobody is, every active social worker. */
    async onDutyOrAll(tx: DbOrTx, at: Date): Promise<string[]> {
      const local = localParts(at, config.timeZone);
      const ids = await dutyRepo.onDutyIds(tx, local.weekday, toMinute(local.time));
      return ids.length > 0 ? ids : dutyRepo.activeIds(tx, "social_worker");
    },
  };
}
export type DutyHoursService = ReturnType<typeof createDutyHoursService>;
