import type { ReportReason } from "../enums.js";
import type { CrisisAlert } from "../schemas/alerts.js";

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
  /**
   * A new alert for you: crisis talk in a group you moderate, an alert escalated to you, or a
   * family's stress alert. Also stored as a notification (`moderation_alert`, `alert_escalated`, `stress_alert`).
   */
  "moderation:alert": (alert: CrisisAlert) => void;
  /** An alert you can see changed: claimed, escalated or acknowledged (the full alert as you see it). */
  "alert:updated": (alert: CrisisAlert) => void;
  /** Something new in a group's review queue. */
  "moderation:report": (payload: ReportQueuedPayload) => void;
}
