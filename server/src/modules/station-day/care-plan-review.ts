import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { createPoller, drainInBatches } from "../../lib/poller.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { type CarePlanRow, carePlansRepo } from "./care-plans.repo.js";

const BATCH = 50;

/**
 * Care plan review reminders (decision 144), built like policy reviews (129) and booking
 * reminders (107): the due time lives in the database (`care_plans.review_due_at`, six months after
 * the family's confirmation); every node polls for due plans not yet reminded with `FOR UPDATE SKIP
 * LOCKED` and, in the same transaction, marks the plan reminded and stores `care_plan_review_due`
 * for the station's staff and the family's caregivers. A restart loses nothing, each due plan is
 * reminded once, and the next confirmation re-arms it.
 */
export function createCarePlanReview(deps: Deps) {
  const { config, logger } = deps;

  async function handle(tx: Tx, uow: UnitOfWork, plan: CarePlanRow, now: Date): Promise<void> {
    await carePlansRepo.markNotified(tx, plan.id, now);
    const staff = await stationsRepo.staffOf(tx, [plan.stationId]);
    const caregivers = await bookingsRepo.caregiversOf(tx, [plan.familyId]);
    const payload = { carePlanId: plan.id, childId: plan.childId, stationId: plan.stationId };
    const to = [...staff, ...caregivers].map((u) => u.id);
    uow.notify(...to.map((userId) => ({ userId, kind: "care_plan_review_due" as const, payload })));
  }

  /** Remind every due plan once, in batches; answers how many were reminded. */
  async function runDue(now = new Date()): Promise<number> {
    return drainInBatches(BATCH, async () => {
      const taken = await unitOfWork(deps, async (tx, uow) => {
        const due = await carePlansRepo.lockDue(tx, now, BATCH);
        for (const plan of due) await handle(tx, uow, plan, now);
        return due.length;
      });
      if (taken > 0) logger.info({ plans: taken }, "care plans due for review");
      return taken;
    });
  }

  return {
    runDue,
    ...createPoller({
      everyMs: config.reminderPollMs,
      poll: () => runDue(),
      logger,
      what: "care plan review",
    }),
  };
}
export type CarePlanReview = ReturnType<typeof createCarePlanReview>;
