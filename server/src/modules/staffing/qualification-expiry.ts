import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { createPoller, drainInBatches } from "../../lib/poller.js";
import { addCalendarDays, localToday } from "../slots/local-time.js";
import { reportExpiry } from "./coverage.js";
import { type QualificationRow, staffingRepo } from "./staffing.repo.js";

const BATCH = 50;
/** How long before its expiry a qualification's holder and its recorder are told. */
export const EXPIRY_NOTICE_DAYS = 30;

/**
 * Qualification expiry (decision 151), built like the care plan review (144): the due date lives
 * in the database (`staff_qualifications.expires_on`); every node polls with `FOR UPDATE SKIP
 * LOCKED` and, in the same transaction, marks the qualification done for its current expiry date
 * (`notice_sent_for`, `swept_for`) and stores what it tells. A renewal moves the date and re-arms
 * both; a restart loses nothing; each is done once per expiry date, whichever node takes it.
 * 1. 30 days before: `qualification_expiring` to the holder and whoever recorded it (admins when
 *    that person is gone).
 * 2. The day after: the coverage check of a change (decision 139) for the bookings it covered.
 */
export function createQualificationExpiry(deps: Deps) {
  const { config, logger } = deps;

  async function notice(tx: Tx, uow: UnitOfWork, q: QualificationRow): Promise<void> {
    await staffingRepo.markExpiryDone(tx, q, "notice");
    const managers = await staffingRepo.expiryManagers(tx, q.enteredBy);
    const payload = { qualificationId: q.id, userId: q.userId, needCode: q.needCode, expiresOn: q.expiresOn };
    for (const userId of new Set([q.userId, ...managers]))
      uow.notify({ userId, kind: "qualification_expiring", payload });
  }

  async function sweep(tx: Tx, uow: UnitOfWork, q: QualificationRow, now: Date): Promise<void> {
    await staffingRepo.markExpiryDone(tx, q, "sweep");
    await reportExpiry(tx, uow, {
      stationIds: await staffingRepo.stationsOfStaff(tx, q.userId),
      expired: { userId: q.userId, needCode: q.needCode },
      now,
    });
  }

  /** Send every due notice and run every due sweep once, in batches; answers how many were handled. */
  async function runDue(now = new Date()): Promise<number> {
    const today = localToday(now, config.timeZone);
    const until = addCalendarDays(today, EXPIRY_NOTICE_DAYS);
    return drainInBatches(BATCH, async () => {
      const taken = await unitOfWork(
        deps,
        async (tx, uow) => {
          const expiring = await staffingRepo.lockExpiring(tx, today, until, BATCH);
          for (const q of expiring) await notice(tx, uow, q);
          const expired = await staffingRepo.lockExpired(tx, today, BATCH);
          for (const q of expired) await sweep(tx, uow, q, now);
          return expiring.length + expired.length;
        },
        // A sweep locks slots after its qualification, a change the other way round: a deadlock
        // between the two is retried from scratch.
        { retry: true },
      );
      if (taken > 0) logger.info({ qualifications: taken }, "qualification expiry handled");
      return taken;
    });
  }

  return {
    runDue,
    ...createPoller({
      everyMs: config.reminderPollMs,
      poll: () => runDue(),
      logger,
      what: "qualification expiry",
    }),
  };
}
export type QualificationExpiry = ReturnType<typeof createQualificationExpiry>;
