import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { createPoller, drainInBatches } from "../../lib/poller.js";
import { policiesRepo } from "./policies.repo.js";
import { libraryDay } from "./policies.service.js";

const BATCH = 50;

type Overdue = Awaited<ReturnType<typeof policiesRepo.lockOverdue>>[number];

/**
 * Review reminders for policy cards (decision 129), built like booking reminders (107): the due
 * day lives in the database (`policy_cards.review_by`); every node polls for overdue cards whose
 * reminder is not sent with `FOR UPDATE SKIP LOCKED` and, in the same transaction, marks the card
 * notified and stores `policy_review_due` for its author (every social worker when the author is
 * gone). A restart loses nothing and each overdue card is reported once; a new review-by day
 * re-arms it.
 */
export function createPolicyReview(deps: Deps) {
  const { config, logger } = deps;

  async function handle(tx: Tx, uow: UnitOfWork, card: Overdue, now: Date): Promise<void> {
    await policiesRepo.markNotified(tx, card.id, now);
    let to = card.authorId ? await policiesRepo.activeLibrarians(tx, [card.authorId]) : [];
    if (to.length === 0) to = await policiesRepo.activeLibrarians(tx, []);
    const payload = { cardId: card.id, reviewBy: card.reviewBy };
    uow.notify(...to.map((userId) => ({ userId, kind: "policy_review_due" as const, payload })));
  }

  /** Report every overdue card once, in batches; answers how many were reported. */
  async function runDue(now = new Date()): Promise<number> {
    const today = libraryDay(config.timeZone, now);
    return drainInBatches(BATCH, async () => {
      const taken = await unitOfWork(deps, async (tx, uow) => {
        const due = await policiesRepo.lockOverdue(tx, today, BATCH);
        for (const card of due) await handle(tx, uow, card, now);
        return due.length;
      });
      if (taken > 0) logger.info({ cards: taken }, "policy cards due for review");
      return taken;
    });
  }

  return {
    runDue,
    ...createPoller({
      everyMs: config.reminderPollMs,
      poll: () => runDue(),
      logger,
      what: "policy review",
    }),
  };
}
export type PolicyReview = ReturnType<typeof createPolicyReview>;
