import type { Ack } from "../errors.js";
import type { MemberBrief, Presence } from "../schemas/groups.js";
import type {
  GroupReadInput,
  GroupRefInput,
  Message,
  MessageEditInput,
  MessageRefInput,
  MessageSendInput,
  ReactInput,
  SendResult,
  Support,
  SyncInput,
  SyncResult,
  TypingInput,
} from "../schemas/messages.js";

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

/** Chat events the client sends. Every payload is validated; failures answer `{ ok: false, error }`. */
export interface ChatClientEvents {
  /** Send a message; resending the same `clientId` returns the original message. */
  "message:send": (payload: MessageSendInput, ack?: (res: Ack<SendResult>) => void) => void;
  /** Edit your own message within the edit window. */
  "message:edit": (payload: MessageEditInput, ack?: (res: Ack<{ message: Message }>) => void) => void;
  /** Delete your own message (soft delete). */
  "message:delete": (payload: MessageRefInput, ack?: (res: Ack<{ message: Message }>) => void) => void;
  /** Toggle your reaction with an emoji. */
  "message:react": (payload: ReactInput, ack?: (res: Ack<{ message: Message }>) => void) => void;
  /** Catch up: everything changed since `sinceChangeSeq` (new, edited, deleted, hidden...). */
  "group:sync": (payload: SyncInput, ack?: (res: Ack<SyncResult>) => void) => void;
  /** Re-check membership and (re)join the group's room; answers presence and the change cursor. */
  "group:subscribe": (
    payload: GroupRefInput,
    ack?: (res: Ack<{ presence: Presence; changeSeq: number; lastSeq: number }>) => void,
  ) => void;
  /** Who is online in a group now. */
  "group:presence": (payload: GroupRefInput, ack?: (res: Ack<{ presence: Presence }>) => void) => void;
  /** Store the last seq read in a group; answers the new unread count. */
  "group:read": (payload: GroupReadInput, ack?: (res: Ack<{ unreadCount: number }>) => void) => void;
  /** Tell the group you are typing (throttled by the server). */
  typing: (payload: TypingInput, ack?: (res: Ack) => void) => void;
}
