import type { DbOrTx } from "../../db/client.js";
import { AppError, conflict, forbidden, invalid, notFound } from "../../errors.js";
import { type SendDiagnosis, sendRepo } from "./send.repo.js";

/**
 * What stops the person posting in the group at all (no group, banned, not a member, archived,
 * announcements, muted), or undefined: also checked before an upload is accepted.
 */
export function postingBlocker(d: SendDiagnosis): AppError | undefined {
  if (!d.group) return notFound("group");
  if (d.banned) return new AppError("BANNED", "You have been banned from this group");
  if (!d.member) return forbidden("Join this group to post in it");
  if (d.group.archivedAt) return archivedRefusal();
  if (d.group.kind === "announcement" && d.member.role !== "moderator")
    return forbidden("Only moderators post in announcement groups");
  if (d.mute) {
    const seconds = Math.max(1, Math.ceil((d.mute.until.getTime() - Date.now()) / 1000));
    return new AppError("MUTED", "You are muted in this group for now", {
      until: d.mute.until.toISOString(),
      reason: d.mute.reason,
      retryAfterSeconds: seconds,
    });
  }
  return undefined;
}

/** Why a send was refused, as the error the sender sees (checked in this order). */
export function explainRefusal(d: SendDiagnosis): AppError {
  const blocker = postingBlocker(d);
  if (blocker) return blocker;
  if (!d.member) return forbidden("Join this group to post in it");
  if (!d.mediaUsable)
    return invalid("media", "no such upload of yours for this group, or it was already sent");
  if (!d.replyExists) return invalid("replyToSeq", "no such message in this group");
  if (d.group && d.group.slowModeSeconds > 0 && d.member.lastPostedAt) {
    const wait = d.member.lastPostedAt.getTime() + d.group.slowModeSeconds * 1000 - Date.now();
    if (wait > 0)
      return new AppError("RATE_LIMITED", "Slow mode is on in this group; please wait a moment", {
        retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)),
        slowModeSeconds: d.group.slowModeSeconds,
      });
  }
  return conflict("The message could not be sent; please try again");
}

/** Refusal for any member change (send, edit, delete, react) in an archived, read-only group. */
export function archivedRefusal(): AppError {
  return new AppError("FORBIDDEN", "This group is archived and read-only", { reason: "archived" });
}

/**
 * Members change nothing in an archived group; a muted member neither edits nor reacts
 * (`muteToo`). Deleting your own message stays possible while muted.
 */
export async function refuseChange(
  db: DbOrTx,
  userId: string,
  groupId: string,
  archivedAt: Date | null,
  muteToo: boolean,
): Promise<void> {
  if (archivedAt) throw archivedRefusal();
  if (!muteToo) return;
  const d = await sendRepo.diagnose(db, groupId, userId, null);
  if (d.mute) throw explainRefusal(d);
}
