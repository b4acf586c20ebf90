import type { Db } from "../../db/client.js";
import { createBatchLanes } from "../../lib/batch-lanes.js";
import type { MessageView } from "./messages.repo.js";
import { type SendValues, sendRepo } from "./send.repo.js";

interface Pending {
  values: SendValues;
  resolve: (view: MessageView | undefined) => void;
  reject: (err: unknown) => void;
}

/** Most messages stored by one statement. */
export const GROUP_COMMIT_MAX_BATCH = 64;

/**
 * Group commit for sends (decision 041). Each group has one lane (`lib/batch-lanes.ts`): while a
 * statement for the group is in flight, later sends to that group wait, and the next statement
 * stores all of them at once (one row lock on the group, one commit and WAL flush instead of one
 * per message). A quiet group therefore stores a message at once; a busy group stores bursts together.
 *
 * A batch holds at most one message per sender (a member row can be updated once per statement,
 * and a sender's own messages keep their order); the sender's next message waits for the next
 * batch. Answers per message exactly as the single-row insert does: the stored view, or
 * undefined when a check refused it. If a multi-row statement fails (say a concurrent resend won
 * the clientId unique index), its messages are retried one by one so each gets its own answer.
 */
export function createGroupCommit(db: Db, maxBatch = GROUP_COMMIT_MAX_BATCH) {
  /** At most `maxBatch` messages, one per sender; a sender's later message waits for the next batch. */
  function takeBatch(queue: Pending[]): Pending[] {
    const batch: Pending[] = [];
    const senders = new Set<string>();
    let i = 0;
    while (i < queue.length && batch.length < maxBatch) {
      const p = queue[i]!;
      if (senders.has(p.values.senderId)) {
        i++;
        continue;
      }
      senders.add(p.values.senderId);
      batch.push(p);
      queue.splice(i, 1);
    }
    return batch;
  }

  async function storeOne(p: Pending): Promise<void> {
    try {
      p.resolve(await sendRepo.insert(db, p.values));
    } catch (err) {
      p.reject(err);
    }
  }

  async function store(groupId: string, batch: Pending[]): Promise<void> {
    if (batch.length === 1) return storeOne(batch[0]!);
    let views: Map<string, MessageView>;
    try {
      views = await sendRepo.insertMany(
        db,
        groupId,
        batch.map((p) => p.values),
      );
    } catch {
      for (const p of batch) await storeOne(p);
      return;
    }
    for (const p of batch) p.resolve(views.get(p.values.senderId));
  }

  const lanes = createBatchLanes<Pending>({ take: takeBatch, run: store });

  return {
    /** Store one message (no safety follow-up needed); resolves once it is committed. */
    insert(values: SendValues): Promise<MessageView | undefined> {
      return new Promise((resolve, reject) => lanes.submit(values.groupId, { values, resolve, reject }));
    },
  };
}
export type GroupCommit = ReturnType<typeof createGroupCommit>;
