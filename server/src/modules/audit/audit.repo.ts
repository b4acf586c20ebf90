import type { AuditAction } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { auditLog } from "../../db/schema/index.js";

export type AuditRow = typeof auditLog.$inferSelect;

/** One audit entry. `before`/`after` carry facts (ids, durations, settings), never message text. */
export interface AuditEntry {
  /** Null for the system (automatic hide after reports). */
  actorId: string | null;
  action: AuditAction;
  targetUserId?: string | null;
  groupId?: string | null;
  messageId?: string | null;
  reason?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Append-only audit log (a database trigger refuses updates of its facts and deletes). */
export const auditRepo = {
  /** Append inside the caller's transaction, so an action and its entry commit together. */
  async append(tx: DbOrTx, e: AuditEntry): Promise<void> {
    await tx.insert(auditLog).values({
      actorId: e.actorId,
      action: e.action,
      targetUserId: e.targetUserId ?? null,
      groupId: e.groupId ?? null,
      messageId: e.messageId ?? null,
      reason: e.reason ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
    });
  },
};
