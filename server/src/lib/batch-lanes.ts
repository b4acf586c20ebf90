/**
 * Lanes for group commit (decisions 041 and 043). Work items are queued by key (a chat group, a
 * booking slot); each key has one lane. While a batch of a key is in flight, later items of that
 * key wait, and the next batch takes all of them at once (up to `take`'s limit). A quiet key
 * therefore runs an item at once, as before; a busy key runs bursts together: one transaction,
 * one lock wait and one commit for many items.
 *
 * `run` answers every item of its batch itself (items carry their own resolve/reject) and must
 * not throw; a throw is a bug, and rejects the batch's items with it rather than losing them.
 */
export interface LaneItem {
  reject: (err: unknown) => void;
}

export function createBatchLanes<T extends LaneItem>(opts: {
  /** Removes and answers the next batch from a non-empty queue (keeps its order). */
  take: (queue: T[]) => T[];
  run: (key: string, batch: T[]) => Promise<void>;
}) {
  const lanes = new Map<string, T[]>();

  async function drain(key: string, queue: T[]): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = opts.take(queue);
        try {
          await opts.run(key, batch);
        } catch (err) {
          for (const item of batch) item.reject(err);
        }
      }
    } finally {
      lanes.delete(key);
    }
  }

  return {
    /** Queue `item` on `key`'s lane; it is answered when its batch has run. */
    submit(key: string, item: T): void {
      const queue = lanes.get(key);
      if (queue) {
        queue.push(item);
        return;
      }
      const fresh = [item];
      lanes.set(key, fresh);
      // Start on the next turn of the event loop: items already read from the sockets join in.
      setImmediate(() => void drain(key, fresh));
    },
  };
}

/** The first `max` items of the queue, in order. */
export function takeFirst<T>(max: number): (queue: T[]) => T[] {
  return (queue) => queue.splice(0, max);
}
