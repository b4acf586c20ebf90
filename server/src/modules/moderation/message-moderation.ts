import type { Message } from "@carecircle/shared";
import { isNull } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { messages as messagesTable } from "../../db/schema/index.js";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { GroupsService } from "../groups/groups.service.js";
import { changeMessage } from "../messages/message-changes.js";
import { presentMessage } from "../messages/messages.presenter.js";
import { type MessageRow, messagesRepo } from "../messages/messages.repo.js";

/** The message a moderator acts on: it exists (404) and the caller moderates its group (403). */
export async function moderatedMessage(db: DbOrTx, groups: GroupsService, user: AuthUser, messageId: string) {
  const row = await messagesRepo.rowById(db, messageId);
  if (!row) throw notFound("message");
  const a = await groups.requireModerator(user, row.groupId);
  return { row, group: a.group };
}

/** A moderator deletes, hides or restores a message directly, outside any report (audited). */
export function createMessageModeration(deps: Deps, groups: GroupsService) {
  const { db } = deps;

  /** One audited change of a message's visibility by a moderator. */
  async function moderate(
    user: AuthUser,
    messageId: string,
    reason: string,
    kind: "delete" | "hide" | "restore",
  ): Promise<{ message: Message }> {
    const { row } = await moderatedMessage(db, groups, user, messageId);
    const current = async () => {
      const [v] = await messagesRepo.views(db, [row]);
      return { message: presentMessage(v!, "moderator") };
    };
    if (kind === "delete" && row.deletedAt) return current();
    if (kind !== "delete" && row.deletedAt) throw conflict("This message was deleted");
    if (kind === "hide" && row.hiddenAt) return current();
    if (kind === "restore" && !row.hiddenAt) return current();
    const patch: Partial<MessageRow> =
      kind === "delete"
        ? { deletedAt: new Date(), pinnedAt: null, pinnedBy: null }
        : { hiddenAt: kind === "hide" ? new Date() : null };
    const event = kind === "delete" ? "message:deleted" : "message:updated";
    const view = await unitOfWork(deps, async (tx, uow) => {
      const v = await changeMessage(tx, uow, row, patch, event, isNull(messagesTable.deletedAt));
      await auditRepo.append(tx, {
        actorId: user.id,
        action:
          kind === "delete" ? "message_deleted" : kind === "hide" ? "message_hidden" : "message_restored",
        groupId: row.groupId,
        messageId: row.id,
        targetUserId: row.senderId,
        reason,
        before: { hidden: row.hiddenAt !== null, pinned: row.pinnedAt !== null },
      });
      return v;
    });
    return { message: presentMessage(view, "moderator") };
  }

  return {
    moderatorDelete: (user: AuthUser, id: string, reason: string) => moderate(user, id, reason, "delete"),
    hide: (user: AuthUser, id: string, reason: string) => moderate(user, id, reason, "hide"),
    restore: (user: AuthUser, id: string, reason: string) => moderate(user, id, reason, "restore"),
  };
}
