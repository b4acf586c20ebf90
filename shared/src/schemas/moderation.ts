import { z } from "zod";
import { LIMITS } from "../limits.js";
import { text } from "./common.js";

/** Every kind of audit log entry. */
export const AUDIT_ACTIONS = [
  "group_created",
  "group_updated",
  "moderator_added",
  "message_deleted",
  "message_hidden",
  "message_restored",
  "message_pinned",
  "message_unpinned",
  "member_muted",
  "member_unmuted",
  "member_removed",
  "member_banned",
  "member_unbanned",
  "report_dismissed",
  "report_actioned",
  "alert_acknowledged",
  "watched_word_added",
  "watched_word_changed",
  "watched_word_removed",
  "crisis_help_changed",
  "account_disabled",
  "account_enabled",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A moderator's reason for an action (shown in the audit log, and to a muted member). */
export const Reason = text(1, LIMITS.reasonMax);

export const ReasonSchema = z.strictObject({ reason: Reason });
export type ReasonInput = z.infer<typeof ReasonSchema>;
