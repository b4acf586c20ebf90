import { and, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import { messageEdits, messages } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";

const FIRST_RUN_MS = 15_000;
const EVERY_MS = 60 * 60 * 1000;

/**
 * Retention: bodies (and earlier versions) of messages deleted more than `retentionDays` ago are
 * erased for good; the tombstone row and the audit entry that a deletion happened stay.
 * Idempotent (only rows not yet purged are touched); runs on an unref'd timer in the server.
 */
export function createRetention({ db, config, logger }: Deps) {
  let first: NodeJS.Timeout | undefined;
  let every: NodeJS.Timeout | undefined;

  async function purgeDeletedBodies(now = new Date()): Promise<{ purged: number }> {
    const cutoff = new Date(now.getTime() - config.retentionDays * 24 * 60 * 60 * 1000);
    return db.transaction(async (tx) => {
      const rows = await tx
        .update(messages)
        .set({ body: null, purgedAt: now })
        .where(and(isNotNull(messages.deletedAt), lt(messages.deletedAt, cutoff), isNull(messages.purgedAt)))
        .returning({ id: messages.id });
      if (rows.length > 0)
        await tx
          .update(messageEdits)
          .set({ previousBody: null })
          .where(
            inArray(
              messageEdits.messageId,
              rows.map((r) => r.id),
            ),
          );
      return { purged: rows.length };
    });
  }

  async function run() {
    try {
      const { purged } = await purgeDeletedBodies();
      if (purged > 0)
        logger.info({ purged, retentionDays: config.retentionDays }, "purged deleted message bodies");
    } catch (err) {
      logger.warn({ err }, "retention purge failed; will retry");
    }
  }

  return {
    purgeDeletedBodies,
    start(): void {
      if (first || every) return;
      first = setTimeout(run, FIRST_RUN_MS);
      first.unref();
      every = setInterval(run, EVERY_MS);
      every.unref();
    },
    stop(): void {
      clearTimeout(first);
      clearInterval(every);
      first = undefined;
      every = undefined;
    },
  };
}
export type Retention = ReturnType<typeof createRetention>;
