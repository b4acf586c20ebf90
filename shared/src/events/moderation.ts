import type { ReportReason } from "../enums.js";
import type { CrisisAlert } from "../schemas/moderation.js";

/** A new report in a group's review queue (to that group's online moderators). */
export interface ReportQueuedPayload {
  groupId: string;
  messageId: string;
  reason: ReportReason;
  /** Distinct members with an open report on this message. */
  reporterCount: number;
  /** Filed by a `flag` watched word rather than a member. */
  automatic: boolean;
  /** The message is now hidden from members (report threshold reached). */
  hidden: boolean;
}

/** Moderation events the server sends. */
export interface ModerationServerEvents {
  /** Crisis talk in a group you moderate: act now. Also stored as a `moderation_alert` notification. */
  "moderation:alert": (alert: CrisisAlert) => void;
  /** Something new in a group's review queue. */
  "moderation:report": (payload: ReportQueuedPayload) => void;
}

/** Moderation events the client sends. */
// biome-ignore lint/suspicious/noEmptyInterface: moderation actions are HTTP routes (audited); sockets only listen
export interface ModerationClientEvents {}
