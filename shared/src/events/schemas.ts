import { z } from "zod";
import type { Ack } from "../errors.js";
import { IsoDateTime } from "../schemas/common.js";
import { PresenceSchema } from "../schemas/groups.js";
import {
  GroupReadSchema,
  GroupRefSchema,
  MessageEditSchema,
  MessageRefSchema,
  MessageSchema,
  MessageSendSchema,
  ReactSchema,
  SendResultSchema,
  SyncResultSchema,
  SyncSchema,
  TypingSchema,
} from "../schemas/messages.js";
import { AuthRefreshSchema } from "./core.js";

/**
 * The wire shape of one client event, as a route has `body` and `response`: the payload the
 * server parses before anything reads it, and what a successful ack carries besides `ok: true`
 * (a refused call always answers `{ ok: false, error }`).
 */
export interface EventSchemaSpec {
  payload: z.ZodType;
  ack: z.ZodObject;
}

const OneMessage = z.object({ message: MessageSchema });
/** An ack that only says `ok: true`. */
const NoAnswer = z.object({});

/**
 * The payload and ack schemas of every client event, keyed by event name: the single source of
 * `ClientToServerEvents` (the typed Socket.IO map) and of the server's validation (`onEvent`).
 * Who may send each event, and how often, is `EVENT_ACCESS` beside it (decision 097). Bookings
 * and moderation have no client events: they change over HTTP (audited); their sockets only listen.
 */
export const EVENT_SCHEMAS = {
  /** Give this socket a fresh access token of the same user (after each token refresh). */
  "auth:refresh": { payload: AuthRefreshSchema, ack: z.object({ expiresAt: IsoDateTime }) },
  /** Send a message; resending the same `clientId` returns the original message. */
  "message:send": { payload: MessageSendSchema, ack: SendResultSchema },
  /** Edit your own message within the edit window. */
  "message:edit": { payload: MessageEditSchema, ack: OneMessage },
  /** Delete your own message (soft delete). */
  "message:delete": { payload: MessageRefSchema, ack: OneMessage },
  /** Toggle your reaction with an emoji. */
  "message:react": { payload: ReactSchema, ack: OneMessage },
  /** Catch up: everything changed since `sinceChangeSeq` (new, edited, deleted, hidden...). */
  "group:sync": { payload: SyncSchema, ack: SyncResultSchema },
  /** Re-check membership and (re)join the group's room; answers presence and the change cursor. */
  "group:subscribe": {
    payload: GroupRefSchema,
    ack: z.object({ presence: PresenceSchema, changeSeq: z.number().int(), lastSeq: z.number().int() }),
  },
  /** Who is online in a group now. */
  "group:presence": { payload: GroupRefSchema, ack: z.object({ presence: PresenceSchema }) },
  /** Store the last seq read in a group; answers the new unread count. */
  "group:read": { payload: GroupReadSchema, ack: z.object({ unreadCount: z.number().int() }) },
  /** Tell the group you are typing (relayed at most every `typingThrottleMs`). */
  typing: { payload: TypingSchema, ack: NoAnswer },
} as const satisfies Record<string, EventSchemaSpec>;

type Schemas = typeof EVENT_SCHEMAS;
// Mapped types indexed by the event name (not `z.output<Schemas[E][...]>` directly): a handler
// generic in its event then keeps payload, schema and answer correlated (TypeScript #47109).
type Payloads = { [E in ClientEventName]: z.input<Schemas[E]["payload"]> };
type ParsedPayloads = { [E in ClientEventName]: z.output<Schemas[E]["payload"]> };
type Answers = { [E in ClientEventName]: z.output<Schemas[E]["ack"]> };

/** Every event name a client may send. */
export type ClientEventName = keyof Schemas;

/** What a client sends with event `E` (fields with a default may be left out). */
export type EventPayload<E extends ClientEventName> = Payloads[E];

/** What the server's handler of event `E` receives: the payload after parsing (defaults filled in). */
export type ParsedEventPayload<E extends ClientEventName> = ParsedPayloads[E];

/** What a successful ack of event `E` carries besides `ok: true`. */
export type EventAnswer<E extends ClientEventName> = Answers[E];

/**
 * `EVENT_SCHEMAS` seen one event at a time: `const schemas: EventSchemaMap = EVENT_SCHEMAS`
 * lets code generic in the event name read `schemas[event].payload` as that event's schema.
 */
export type EventSchemaMap = {
  [E in ClientEventName]: {
    payload: z.ZodType<ParsedEventPayload<E>, EventPayload<E>>;
    ack: z.ZodType<EventAnswer<E>>;
  };
};

/**
 * Every event the client sends (Socket.IO function-signature style), derived from
 * `EVENT_SCHEMAS`: a payload or ack type cannot disagree with its schema. Every payload is
 * validated; failures answer `{ ok: false, error }` (or an `error` event without an ack).
 */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: EventPayload<E>, ack?: (res: Ack<EventAnswer<E>>) => void) => void;
};
