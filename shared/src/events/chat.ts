import type { MemberBrief, Presence } from "../schemas/groups.js";
import type { Message, Support } from "../schemas/messages.js";

/** Why the caller's membership of a group changed (sent to the user's own sockets). */
export interface MembershipChange {
  groupId: string;
  status: "joined" | "left" | "removed" | "banned";
  reason?: string;
}

/** Chat events the server sends. */
export interface ChatServerEvents {
  /** A new message in a group the user belongs to (sent once to the group's room). */
  "message:new": (message: Message) => void;
  /** A message was edited, reacted to, pinned/unpinned, hidden or restored. */
  "message:updated": (message: Message) => void;
  /** A message was deleted: the tombstone (`body: null`, `deletedAt` set). */
  "message:deleted": (message: Message) => void;
  /** Someone else is (or stopped) typing in a group. Throttled, never stored. */
  typing: (payload: { groupId: string; user: MemberBrief; isTyping: boolean }) => void;
  /** Online members of a group changed. */
  presence: (presence: Presence) => void;
  /** The user joined, left, was removed from or banned from a group (on all their sockets). */
  "group:membership": (change: MembershipChange) => void;
  /** Private help text for the author of a message that matched a crisis rule. */
  "support:resources": (support: Support) => void;
}
