/**
 * The unit of work (decision 095): the one way a service changes data and then tells people.
 * `work` runs in a transaction and records domain events on `uow` (a message changed, a booking
 * changed, notifications to store...). Nothing is told before the transaction commits, so nobody
 * hears of a change that rolled back; once it has committed, every event is published, in the
 * order recorded, by the publisher registered for its type in `domain-events.ts`.
 *
 * - Notifications queued with `uow.notify` are stored inside the transaction (they exist only if
 *   it commits) and pushed after it, at their place in the order.
 * - Event types with a `merge` (booking and slot changes) are told once per unit, at the place of
 *   their last change: their publishers read the live state after commit anyway.
 * - `retry`: on a real PostgreSQL server concurrent transactions can deadlock (two seats freed
 *   while two families book); such attempts run again from scratch, with a fresh unit, instead of
 *   failing the request. Only for work that is safe to re-run.
 * - A publisher that fails is logged and the rest still go out: the change is committed, and
 *   clients catch up (change sequences, the next read).
 * - `background` types (a new alert: its presentation takes several reads) are published, with
 *   everything recorded after them, without holding up the caller's answer.
 *
 * Costs: publishing is mostly awaited before the caller answers (a slow publisher slows it),
 * and an event is only as fresh as the publisher makes it (some read after commit, some carry
 * what the transaction read).
 */
import type { Deps } from "../deps.js";
import { type DomainEvent, handlingOf, prepareEvents } from "../domain-events.js";
import type { NotificationDraft } from "../modules/notifications/notifications.service.js";
import type { Tx } from "./client.js";
import { isPgError, PG } from "./errors.js";

/** What the work of a unit records: events to publish after commit. */
export interface UnitOfWork {
  /** Record `event`; published after commit, in the order recorded. */
  publish(event: DomainEvent): void;
  /** Queue notifications: stored in this transaction, pushed after commit at this place in the order. */
  notify(...drafts: NotificationDraft[]): void;
}

export interface UnitOptions {
  /** Run again (up to 6 attempts, with jitter) when the transaction deadlocks or cannot serialise. */
  retry?: boolean;
}

const RETRYABLE = [PG.serializationFailure, PG.deadlockDetected];
const MAX_ATTEMPTS = 6;

function recorder(events: DomainEvent[]): UnitOfWork {
  function publish(event: DomainEvent): void {
    const merge = handlingOf(event).merge;
    const i = merge ? events.findIndex((e) => e.type === event.type) : -1;
    if (merge && i >= 0) events.push(merge(events.splice(i, 1)[0]!, event));
    else events.push(event);
  }
  return {
    publish,
    notify(...drafts) {
      if (drafts.length > 0) publish({ type: "notifications.queued", drafts, rows: [] });
    },
  };
}

/** Run `work` in a transaction, then publish what it recorded (see above). Answers what `work` answered. */
export async function unitOfWork<T>(
  deps: Deps,
  work: (tx: Tx, uow: UnitOfWork) => Promise<T>,
  opts: UnitOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const events: DomainEvent[] = [];
    let result: T;
    try {
      result = await deps.db.transaction(async (tx) => {
        const r = await work(tx, recorder(events));
        await prepareEvents(tx, events);
        return r;
      });
    } catch (err) {
      if (!opts.retry || attempt >= MAX_ATTEMPTS || !RETRYABLE.some((code) => isPgError(err, code)))
        throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
      continue;
    }
    await publishCommitted(deps, events);
    return result;
  }
}

/**
 * Publish events of work that committed by other means (a batch lane's own transaction), through
 * the same publishers, in order. From the first `background` event on, the rest goes on in order
 * without holding up the caller. Never throws.
 */
export async function publishCommitted(deps: Deps, events: readonly DomainEvent[]): Promise<void> {
  for (const [i, event] of events.entries()) {
    if (handlingOf(event).background) {
      const rest = events.slice(i);
      // publishOne never throws; the handler is there for the contract.
      deps.background.run(
        () => publishInOrder(deps, rest),
        (err) => deps.logger.warn({ err }, "background publishing failed"),
      );
      return;
    }
    await publishOne(deps, event);
  }
}

async function publishInOrder(deps: Deps, events: readonly DomainEvent[]): Promise<void> {
  for (const event of events) await publishOne(deps, event);
}

async function publishOne(deps: Deps, event: DomainEvent): Promise<void> {
  try {
    await handlingOf(event).publish(deps, event);
  } catch (err) {
    deps.logger.warn({ err, event: event.type }, "committed, but an event could not be published");
  }
}
