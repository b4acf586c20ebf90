import type { MessageSendInput, SendResult } from "@carecircle/shared";
import { isPgError, PG } from "../../db/errors.js";
import type { Deps } from "../../deps.js";
import { type AppError, conflict, rateLimited } from "../../errors.js";
import type { RateLimiter } from "../../lib/rate-limit.js";
import { rooms } from "../../realtime/rooms.js";
import type { AuthUser } from "../auth/access-token.js";
import { groupsRepo } from "../groups/groups.repo.js";
import type { NotificationDraft, NotificationsService } from "../notifications/notifications.service.js";
import type { AfterCommit, ContentSafety, Screening } from "./content-safety.js";
import { createGroupCommit } from "./group-commit.js";
import { pickMentions } from "./mentions.js";
import { presentMessage } from "./messages.presenter.js";
import { type MessageView, messagesRepo } from "./messages.repo.js";
import type { MessageEvent } from "./messages.service.js";
import { explainRefusal } from "./refusals.js";
import { sendRepo } from "./send.repo.js";

/**
 * The send path of the messages service: rate limit, watched-word screening, mentions, storing
 * (group commit for plain messages, decision 041; a transaction with its follow-up for flagged
 * and crisis messages), then acknowledgement, broadcast and notifications.
 */
export function createSender(
  deps: Deps,
  notifications: NotificationsService,
  o: {
    limiter: RateLimiter;
    /** The current watched-words and crisis handling (plugged in by the moderation module). */
    safety: () => ContentSafety;
    broadcast: (event: MessageEvent, v: MessageView) => void;
    blocked: (screening: Screening, user: AuthUser) => Promise<AppError>;
  },
) {
  const { db, realtime, logger } = deps;
  const { limiter, safety, broadcast, blocked } = o;
  const groupCommit = createGroupCommit(db);

  async function resolveMentions(groupId: string, body: string, senderId: string): Promise<string[]> {
    if (!body.includes("@")) return [];
    const candidates = await groupsRepo.mentionCandidates(db, groupId, body);
    return pickMentions(body, candidates).filter((id) => id !== senderId);
  }

  async function notifyAbout(view: MessageView, sender: AuthUser): Promise<void> {
    const m = view.row;
    const drafts: NotificationDraft[] = [];
    const base = { groupId: m.groupId, messageId: m.id, seq: m.seq, by: sender.displayName };
    for (const userId of m.mentions) drafts.push({ userId, kind: "mention", payload: base });
    if (m.replyToSeq !== null) {
      const target = await messagesRepo.bySeq(db, m.groupId, m.replyToSeq);
      if (target?.senderId && target.senderId !== sender.id && !m.mentions.includes(target.senderId))
        drafts.push({
          userId: target.senderId,
          kind: "reply",
          payload: { ...base, replyToSeq: m.replyToSeq },
        });
    }
    if (drafts.length > 0) await notifications.notify(drafts);
  }

  function answerDuplicate(existing: MessageView, groupId: string): SendResult {
    if (existing.row.groupId !== groupId)
      throw conflict("This clientId was already used for a message in another group");
    return { message: presentMessage(existing, "member") };
  }

  /**
   * Send a message. Idempotent by (sender, clientId): a resend answers the stored message and
   * broadcasts nothing. The seq is assigned in the same statement as the insert.
   */
  return async function send(user: AuthUser, input: MessageSendInput): Promise<SendResult> {
    const taken = await limiter.take(user.id);
    if (!taken.ok)
      throw rateLimited(
        taken.retryAfterMs / 1000,
        "You are sending messages very fast; please wait a moment",
      );
    let counted = false;
    try {
      const screening = await safety().screen(input.body);
      if (screening.action === "block") throw await blocked(screening, user);
      const mentions = await resolveMentions(input.groupId, input.body, user.id);
      const values = {
        groupId: input.groupId,
        senderId: user.id,
        clientId: input.clientId,
        body: input.body,
        replyToSeq: input.replyToSeq ?? null,
        mentions,
      };
      let view: MessageView | undefined;
      let after: AfterCommit | undefined;
      try {
        if (screening.action) {
          view = await db.transaction(async (tx) => {
            const v = await sendRepo.insert(tx, values);
            if (v) after = await safety().onDelivered(tx, v, screening, user);
            return v;
          });
        } else {
          view = await groupCommit.insert(values);
        }
      } catch (err) {
        // A concurrent resend of the same clientId won the unique index: answer the stored one.
        if (!isPgError(err, PG.uniqueViolation)) throw err;
      }
      if (!view) {
        const dup = await messagesRepo.byClientId(db, user.id, input.clientId);
        if (dup) return answerDuplicate(dup, input.groupId);
        throw explainRefusal(await sendRepo.diagnose(db, input.groupId, user.id, values.replyToSeq));
      }
      counted = true;
      broadcast("message:new", view);
      after?.();
      if (view.row.mentions.length > 0 || view.row.replyToSeq !== null)
        notifyAbout(view, user).catch((err) => logger.warn({ err }, "mention/reply notification failed"));
      const result: SendResult = { message: presentMessage(view, "member") };
      if (screening.action === "crisis") {
        result.support = {
          groupId: view.row.groupId,
          messageId: view.row.id,
          text: await safety().supportText(user.locale),
        };
        realtime.emitTo(rooms.user(user.id), "support:resources", result.support);
      }
      return result;
    } finally {
      if (!counted) Promise.resolve(limiter.refund(user.id)).catch(() => {});
    }
  };
}
