import { and, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import { messageEdits, messages } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { postgresMediaStore } from "../media/media-store.js";

const FIRST_RUN_MS = 15_000;
const EVERY_MS = 60 * 60 * 1000;
/** Uploads that no message took are kept this long (an outbox may retry a send for a while). */
const UNSENT_MS = 24 * 60 * 60 * 1000;

/**
 * Retention: bodies (and earlier versions) of messages deleted more than `retentionDays` ago are
 * erased for good; the tombstone row and the audit entry that a deletion happened stay.
 * Their photo or voice bytes go too (deleting already dropped them; this is the backstop), and
 * uploads no message took within a day are deleted. Idempotent (only rows not yet purged are
 * touched); runs on an unref'd timer in the server.
 */
export function createRetention({ db, config, logger }: Deps) {
  let first: NodeJS.Timeout | undefined;
  let every: NodeJS.Timeout | undefined;

  async function purgeDeletedBodies(
    now = new Date(),
  ): Promise<{ purged: number; mediaRemoved: number; unsentRemoved: number }> {
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
      const ids = rows.map((r) => r.id);
      const mediaRemoved = await postgresMediaStore.dropForMessages(tx, ids);
      const unsentRemoved = await postgresMediaStore.dropUnsent(tx, new Date(now.getTime() - UNSENT_MS));
      return { purged: rows.length, mediaRemoved, unsentRemoved };
    });
  }

  async function run() {
    try {
      const r = await purgeDeletedBodies();
      if (r.purged + r.unsentRemoved > 0)
        logger.info({ ...r, retentionDays: config.retentionDays }, "purged deleted message bodies and media");
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
