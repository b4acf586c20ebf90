import type { Role } from "../enums.js";
import type { ClientToServerEvents } from "../events.js";
import type { Relation } from "../routes/define.js";

/** Every event name a client may send. */
export type ClientEventName = keyof ClientToServerEvents;

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
}

const CHAT_ROLES = ["caregiver", "social_worker", "admin"] as const;

/**
 * The access table of socket events. The server checks the role part in one place (`onEvent`),
 * before validating the payload; services check the relationships (`FORBIDDEN` where the group is
 * public, `NOT_FOUND` for a message the caller cannot read). Every client event must be listed:
 * `satisfies Record<ClientEventName, ...>` fails to compile otherwise.
 */
export const EVENT_ACCESS = {
  "message:send": {
    summary: "Send a message to a group",
    access: CHAT_ROLES,
    relations: ["group_member"],
    unscoped: [],
  },
  "message:edit": {
    summary: "Edit your own message",
    access: CHAT_ROLES,
    relations: ["self"],
    unscoped: [],
  },
  "message:delete": {
    summary: "Delete your own message",
    access: CHAT_ROLES,
    relations: ["self"],
    unscoped: [],
  },
  "message:react": {
    summary: "Toggle your reaction on a message of a group you belong to",
    access: CHAT_ROLES,
    relations: ["group_member"],
    unscoped: [],
  },
  "group:sync": {
    summary: "Catch up on a group you can read",
    access: CHAT_ROLES,
    relations: ["group_member", "group_moderator"],
  },
  "group:subscribe": {
    summary: "Re-check membership and rejoin the group's room",
    access: CHAT_ROLES,
    relations: ["group_member"],
    unscoped: [],
  },
  "group:presence": {
    summary: "Who is online in a group you can read",
    access: CHAT_ROLES,
    relations: ["group_member", "group_moderator"],
  },
  "group:read": {
    summary: "Store your last read seq in a group you belong to",
    access: CHAT_ROLES,
    relations: ["group_member"],
    unscoped: [],
  },
  typing: {
    summary: "Tell a group you belong to that you are typing",
    access: CHAT_ROLES,
    relations: ["group_member"],
    unscoped: [],
  },
} as const satisfies Record<ClientEventName, EventAccessSpec>;

/** Every client event name, from the access table (for walking all events at run time). */
export const CLIENT_EVENT_NAMES = Object.keys(EVENT_ACCESS) as ClientEventName[];
