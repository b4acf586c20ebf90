import { localInstant } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { addCalendarDays, isoWeekdayOf, localParts } from "../slots/local-time.js";
import { type SlotRow, slotsRepo } from "../slots/slots.repo.js";
import type { StationRow } from "../stations/stations.repo.js";
import { seriesRepo } from "./series.repo.js";

/** One week of a series: its date and, if the station holds it that week, the session's slot. */
export interface WeeklySession {
  week: number;
  date: string;
  slot: SlotRow | undefined;
}

/**
 * The slot of the first week's rule on `date`, inserted if the rule would hold it but has not
 * materialised that far yet (rules generate a few weeks ahead; a series may reach 12).
 * Idempotent: unique (rule_id, starts_at) keeps a concurrent roll-forward from doubling it.
 */
async function materialise(db: DbOrTx, first: SlotRow, date: string, startTime: string, tz: string) {
  if (!first.ruleId) return;
  const rule = await slotsRepo.ruleById(db, first.ruleId);
  if (!rule || rule.startTime !== startTime || rule.serviceType !== first.serviceType) return;
  if (!rule.weekdays.includes(isoWeekdayOf(date))) return;
  if (date < rule.validFrom || (rule.validTo !== null && date > rule.validTo)) return;
  if (await seriesRepo.isBlackout(db, first.stationId, date)) return;
  await slotsRepo.insertOccurrences(db, [
    {
      stationId: first.stationId,
      ruleId: rule.id,
      serviceType: rule.serviceType,
      startsAt: localInstant(date, rule.startTime, tz),
      endsAt: localInstant(date, rule.endTime, tz),
      capacity: rule.capacity,
    },
  ]);
}

/**
 * The same weekly session as `first` (same station, service, station-local weekday and start
 * time) in each of `weeks` weeks, the first week being `first` itself. A week without such a
 * session answers no slot (the series refuses it as `no_session`).
 */
export async function weeklySessions(
  db: DbOrTx,
  first: SlotRow,
  station: StationRow,
  weeks: number,
): Promise<WeeklySession[]> {
  const tz = station.timeZone;
  const { date: firstDate, time } = localParts(first.startsAt, tz);
  const out: WeeklySession[] = [{ week: 1, date: firstDate, slot: first }];
  for (let week = 2; week <= weeks; week++) {
    const date = addCalendarDays(firstDate, 7 * (week - 1));
    const at = { stationId: first.stationId, serviceType: first.serviceType, ruleId: first.ruleId };
    const startsAt = localInstant(date, time, tz);
    let slot = await seriesRepo.sessionAt(db, { ...at, startsAt });
    if (!slot) {
      await materialise(db, first, date, time, tz);
      slot = await seriesRepo.sessionAt(db, { ...at, startsAt });
    }
    out.push({ week, date, slot });
  }
  return out;
}
