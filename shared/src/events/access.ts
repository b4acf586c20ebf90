import type { Role } from "../enums.js";
import type { Relation } from "../routes/define.js";
import type { ClientEventName } from "./schemas.js";

/**
 * Who may send one client event: the same vocabulary as a route's `access`, `relations` and
 * `unscoped` (see `RouteSpec`). Sockets are always authenticated (refused at connect otherwise),
 * so there is no `public`.
 */
export interface EventAccessSpec {
  summary: string;
  /** The roles that may send it; any other role gets the error ack `FORBIDDEN`. */
  access: readonly Role[];
  /** Relationships to the target, any of which grants access; checked by the service. */
  relations?: readonly Relation[];
  /** Roles that pass without a relation; defaults to `["admin"]` (see `unscopedRoles`). */
  unscoped?: readonly Role[];
  /**
   * Per-user rate limit, counted across all of the user's sockets (and nodes, with Redis): at most
   * `count` per `windowSeconds`; beyond it the ack is `RATE_LIMITED` with `retryAfterSeconds`.
   */
  limit: EventLimit;
}

/** At most `count` events per `windowSeconds` per user. */
export interface EventLimit {
  count: number;
  windowSeconds: number;
}

const CHAT_ROLES = ["caregiver", "social_worker", "admin"] as const;
const ALL_ROLES = ["caregiver", "social_worker", "station_staff", "admin"] as const;
/** A burst a person could cause (a quick succession of taps), sustained over 10 s. */
const per10s = (count: number): EventLimit => ({ count, windowSeconds: 10 });

/**
 * The access table of socket events. The server checks the role part in one place (`onEvent`),
 * before validating the payload; services check the relationships (`FORBIDDEN` where the group is
 * public, `NOT_FOUND` for a message the caller cannot read). Every client event must be listed:
 * `satisfies Record<ClientEventName, ...>` fails to compile otherwise.
 */
export const EVENT_ACCESS = {
  "auth:refresh": {
    summary: "Hand this socket a fresh access token of the same user (keeps it served past expiry)",
    access: ALL_ROLES,
    relations: ["self"],
    limit: { count: 10, windowSeconds: 60 },
  },
  "message:send": {
    summary: "Send a message to a group",
    access: CHAT_ROLES,
    relations: ["group_member"],
    unscoped: [],
    limit: per10s(30),
  },
  "message:edit": {
    summary: "Edit your own message",
    access: CHAT_ROLES,
    relations: ["self"],
    unscoped: [],
    limit: per10s(10),
  },
  "message:delete": {
    summary: "Delete your own message",
    access: CHAT_ROLES,
    relations: ["self"],
    unscoped: [],
    limit: per10s(10),
  },
  "message:react": {
    summary: "Toggle your reaction on a message of a group you belong to",
    access: CHAT_ROLES,
    relations: ["group_member"],
    unscoped: [],
    limit: per10s(20),
  },
  "group:sync": {
    summary: "Catch up on a group you can read",
    access: CHAT_ROLES,
    relations: ["group_member", "group_moderator"],
    limit: per10s(60),
  },
  "group:subscribe": {
    summary: "Re-check membership and rejoin the group's room",
    access: CHAT_ROLES,
    relations: ["group_member"],
    unscoped: [],
    limit: per10s(60),
  },
  "group:presence": {
    summary: "Who is online in a group you can read",
    access: CHAT_ROLES,
    relations: ["group_member", "group_moderator"],
    limit: per10s(60),
  },
  "group:read": {
    summary: "Store your last read seq in a group you belong to",
    access: CHAT_ROLES,
    relations: ["group_member"],
    unscoped: [],
    limit: per10s(60),
  },
  typing: {
    summary: "Tell a group you belong to that you are typing",
    access: CHAT_ROLES,
    relations: ["group_member"],
    unscoped: [],
    limit: per10s(60),
  },
} as const satisfies Record<ClientEventName, EventAccessSpec>;

/** Every client event name, from the access table (for walking all events at run time). */
export const CLIENT_EVENT_NAMES = Object.keys(EVENT_ACCESS) as ClientEventName[];
