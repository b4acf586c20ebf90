import type {
  BlackoutCreateInput,
  OpeningHours,
  SlotRuleCreateInput,
  SlotRuleResult,
  SlotRuleUpdateInput,
} from "@carecircle/shared";
import type { DbOrTx, Tx } from "../../db/client.js";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { assertFound, conflict, invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { cancelSlotWithBookings } from "../bookings/seat-changes.js";
import { type StationRow, stationsRepo } from "../stations/stations.repo.js";
import { loadManagedStation } from "../stations/stations.service.js";
import { localDayBounds, localToday } from "./local-time.js";
import { fitsOpeningHours, occurrences } from "./recurrence.js";
import { presentBlackout, presentRule } from "./slots.presenter.js";
import { type SlotRuleRow, slotsRepo } from "./slots.repo.js";

type RuleShape = Pick<
  SlotRuleRow,
  "serviceType" | "weekdays" | "startTime" | "endTime" | "validFrom" | "validTo"
>;

function assertRuleFits(station: StationRow, r: RuleShape): void {
  if (!station.serviceTypes.includes(r.serviceType))
    throw invalid("serviceType", "this station does not offer it");
  if (r.startTime >= r.endTime) throw invalid("endTime", "must be after startTime");
  if (r.validTo && r.validTo < r.validFrom) throw invalid("validTo", "must not be before validFrom");
  const hours = station.openingHours as OpeningHours;
  const closed = r.weekdays.filter((d) => !fitsOpeningHours(hours, d, r.startTime, r.endTime));
  if (closed.length > 0)
    throw invalid(
      "weekdays",
      `the station is not open ${r.startTime}-${r.endTime} on weekday(s) ${closed.join(", ")}`,
    );
}

/** Insert the rule's missing future slots (idempotent). Returns how many were created. */
export async function materialiseRule(
  tx: DbOrTx,
  rule: SlotRuleRow,
  station: StationRow,
  now: Date,
): Promise<number> {
  const blackouts = await slotsRepo.blackoutsOf(tx, station.id, localToday(now, station.timeZone));
  const occ = occurrences(rule, {
    timeZone: station.timeZone,
    now,
    blackouts: new Set(blackouts.map((b) => b.date)),
  });
  return slotsRepo.insertOccurrences(
    tx,
    occ.map((o) => ({
      stationId: station.id,
      ruleId: rule.id,
      serviceType: rule.serviceType,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      capacity: rule.capacity,
    })),
  );
}

/** Bring the rule's future slots in line with it, leaving booked slots alone. */
async function reconcileRule(tx: Tx, rule: SlotRuleRow, station: StationRow, now: Date) {
  const desired = rule.archivedAt
    ? []
    : occurrences(rule, {
        timeZone: station.timeZone,
        now,
        blackouts: new Set(
          (await slotsRepo.blackoutsOf(tx, station.id, localToday(now, station.timeZone))).map((b) => b.date),
        ),
      });
  const byStart = new Map(desired.map((o) => [o.startsAt.getTime(), o]));
  let keptBooked = 0;
  let removed = 0;
  const toDelete: string[] = [];
  for (const u of await slotsRepo.usage(tx, { ruleId: rule.id, after: now })) {
    if (u.active > 0) {
      keptBooked++;
      continue;
    }
    const occ = byStart.get(u.slot.startsAt.getTime());
    if (occ) {
      await slotsRepo.updateUnbooked(tx, u.slot.id, {
        capacity: rule.capacity,
        serviceType: rule.serviceType,
        endsAt: occ.endsAt,
      });
    } else if (u.total === 0) {
      toDelete.push(u.slot.id);
    } else {
      // Cancelled bookings keep their history: retire the slot instead of deleting it.
      const locked = await slotsRepo.lock(tx, u.slot.id);
      if (locked && locked.confirmedCount === 0) {
        await slotsRepo.markCancelled(tx, u.slot.id, "the weekly rule changed", true);
        removed++;
      } else keptBooked++;
    }
  }
  const deleted = await slotsRepo.deleteUnbooked(tx, toDelete);
  removed += deleted;
  keptBooked += toDelete.length - deleted; // booked concurrently: the guard kept them
  const created = rule.archivedAt ? 0 : await materialiseRule(tx, rule, station, now);
  return { created, removed, keptBooked };
}

/** Blackout dates: closing a date (its slots go or are cancelled) and reopening it. */
function createBlackouts(deps: Deps) {
  const { db } = deps;
  return {
    async listBlackouts(stationId: string) {
      const station = assertFound(await stationsRepo.byId(db, stationId), "station");
      const rows = await slotsRepo.blackoutsOf(db, stationId, localToday(new Date(), station.timeZone));
      return { blackouts: rows.map(presentBlackout) };
    },

    /** Close a date: unbooked slots go; booked ones are cancelled and their families told. */
    async addBlackout(user: AuthUser, stationId: string, input: BlackoutCreateInput) {
      const station = await loadManagedStation(db, user, stationId);
      if (input.date < localToday(new Date(), station.timeZone)) throw invalid("date", "is in the past");
      const existing = await slotsRepo.blackoutsOf(db, stationId, input.date);
      if (existing.some((b) => b.date === input.date))
        throw conflict("The station is already closed on that date", { date: input.date });
      const result = await unitOfWork(
        deps,
        async (tx, uow) => {
          const now = new Date();
          const blackout = await slotsRepo.insertBlackout(tx, stationId, input.date, input.reason);
          const { start, end } = localDayBounds(input.date, station.timeZone);
          const reason = input.reason.trim() || `the station is closed on ${input.date}`;
          let removedSlots = 0;
          let cancelledSlots = 0;
          for (const u of await slotsRepo.usage(tx, { stationId, from: start, to: end })) {
            if (u.total === 0 && (await slotsRepo.deleteUnbooked(tx, [u.slot.id])) === 1) {
              removedSlots++;
              continue;
            }
            const slot = await slotsRepo.lock(tx, u.slot.id);
            if (!slot || slot.cancelledAt || slot.startsAt <= now) continue;
            await cancelSlotWithBookings({ tx, uow, now, actorId: user.id }, slot, station, reason, true);
            cancelledSlots++;
          }
          return { blackout: presentBlackout(blackout), removedSlots, cancelledSlots };
        },
        { retry: true },
      );
      return result;
    },

    /** Reopen a date; the station's rules materialise its slots again. */
    async removeBlackout(user: AuthUser, stationId: string, date: string) {
      const station = await loadManagedStation(db, user, stationId);
      const createdSlots = await db.transaction(async (tx) => {
        if (!(await slotsRepo.deleteBlackout(tx, stationId, date))) throw notFound("blackout");
        let created = 0;
        for (const rule of await slotsRepo.rulesOf(tx, stationId))
          created += await materialiseRule(tx, rule, station, new Date());
        return created;
      });
      return { ok: true as const, createdSlots };
    },
  };
}

/**
 * Slot rules and blackout dates: the recurrence that materialises concrete slots, idempotently
 * (unique (rule_id, starts_at) + ON CONFLICT DO NOTHING). Slots that families booked are never
 * changed by a rule edit; unbooked future slots follow the rule.
 */
export function createSlotRulesService(deps: Deps) {
  const { db, logger } = deps;

  async function loadRule(user: AuthUser, id: string) {
    const rule = assertFound(await slotsRepo.ruleById(db, id), "slot rule");
    return { rule, station: await loadManagedStation(db, user, rule.stationId) };
  }

  return {
    async create(user: AuthUser, input: SlotRuleCreateInput): Promise<SlotRuleResult> {
      const station = await loadManagedStation(db, user, input.stationId);
      assertRuleFits(station, input);
      const result = await unitOfWork(
        deps,
        async (tx) => {
          const rule = await slotsRepo.insertRule(tx, input);
          return { rule, created: await materialiseRule(tx, rule, station, new Date()) };
        },
        { retry: true },
      );
      return { rule: presentRule(result.rule), created: result.created, removed: 0, keptBooked: 0 };
    },

    async list(stationId: string) {
      assertFound(await stationsRepo.byId(db, stationId), "station");
      return { rules: (await slotsRepo.rulesOf(db, stationId)).map(presentRule) };
    },

    async update(user: AuthUser, id: string, patch: SlotRuleUpdateInput): Promise<SlotRuleResult> {
      const { rule, station } = await loadRule(user, id);
      assertRuleFits(station, { ...rule, ...patch });
      const result = await unitOfWork(
        deps,
        async (tx) => {
          assertFound(await slotsRepo.lockRule(tx, id), "slot rule");
          const updated = assertFound(await slotsRepo.updateRule(tx, id, patch), "slot rule");
          return { rule: updated, ...(await reconcileRule(tx, updated, station, new Date())) };
        },
        { retry: true },
      );
      return { ...result, rule: presentRule(result.rule) };
    },

    /** Retire a rule: its unbooked future slots go, booked ones stay as they are. */
    async archive(user: AuthUser, id: string): Promise<SlotRuleResult> {
      const { station } = await loadRule(user, id);
      const result = await unitOfWork(
        deps,
        async (tx) => {
          assertFound(await slotsRepo.lockRule(tx, id), "slot rule");
          const updated = assertFound(
            await slotsRepo.updateRule(tx, id, { archivedAt: new Date() }),
            "slot rule",
          );
          return { rule: updated, ...(await reconcileRule(tx, updated, station, new Date())) };
        },
        { retry: true },
      );
      return { ...result, rule: presentRule(result.rule) };
    },

    /** Materialise every active rule (the hourly roll-forward). Returns how many slots were created. */
    async materialiseAll(now = new Date()): Promise<number> {
      let total = 0;
      const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
      for (const rule of await slotsRepo.activeRules(db, yesterday)) {
        const station = await stationsRepo.byId(db, rule.stationId);
        if (!station) continue;
        total += await db.transaction((tx) => materialiseRule(tx, rule, station, now));
      }
      if (total > 0) logger.info({ created: total }, "slot rules materialised");
      return total;
    },

    ...createBlackouts(deps),
  };
}
export type SlotRulesService = ReturnType<typeof createSlotRulesService>;
