import type { MessageSendInput, SendResult } from "@carecircle/shared";
import { isPgError, PG } from "../../db/errors.js";
import { publishCommitted, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, invalid, rateLimited } from "../../errors.js";
import type { RateLimiter } from "../../lib/rate-limit.js";
import { rooms } from "../../realtime/rooms.js";
import type { AuthUser } from "../auth/access-token.js";
import { groupsRepo } from "../groups/groups.repo.js";
import type { NotificationDraft } from "../notifications/notifications.service.js";
import { policiesRepo } from "../policies/policies.repo.js";
import { blockedRefusal, type ContentSafety, type Screening } from "./content-safety.js";
import { createGroupCommit } from "./group-commit.js";
import { pickMentions } from "./mentions.js";
import { presentMessage } from "./messages.presenter.js";
import { type MessageView, messagesRepo } from "./messages.repo.js";
import { explainRefusal } from "./refusals.js";
import { type SendValues, sendRepo } from "./send.repo.js";

/** Notify after answering the sender; shutdown and tests can wait for it (lib/background.ts). */
function notifyLater(deps: Deps, view: MessageView, sender: AuthUser): void {
  deps.background.run(
    () => notifyAbout(deps, view, sender),
    (err) => deps.logger.warn({ err }, "message notification failed"),
  );
}

/**
 * After the message committed: tell the people it mentions, the author it replies to and, in a
 * private conversation, its other side (`direct_message`, pushed to a closed tab).
 */
async function notifyAbout(deps: Deps, view: MessageView, sender: AuthUser): Promise<void> {
  const m = view.row;
  const drafts: NotificationDraft[] = [];
  const base = { groupId: m.groupId, messageId: m.id, seq: m.seq, by: sender.displayName };
  for (const userId of m.mentions) drafts.push({ userId, kind: "mention", payload: base });
  if (m.replyToSeq !== null) {
    const target = await messagesRepo.bySeq(deps.db, m.groupId, m.replyToSeq);
    if (target?.senderId && target.senderId !== sender.id && !m.mentions.includes(target.senderId))
      drafts.push({
        userId: target.senderId,
        kind: "reply",
        payload: { ...base, replyToSeq: m.replyToSeq },
      });
  }
  const group = await groupsRepo.byId(deps.db, m.groupId);
  if (group?.kind === "direct") {
    const told = new Set([sender.id, ...drafts.map((d) => d.userId)]);
    for (const member of await groupsRepo.members(deps.db, m.groupId))
      if (!told.has(member.id))
        drafts.push({
          userId: member.id,
          kind: "direct_message",
          payload: { groupId: m.groupId, messageId: m.id, seq: m.seq },
        });
  }
  if (drafts.length > 0) await unitOfWork(deps, async (_tx, uow) => uow.notify(...drafts));
}

/**
 * The send path of the messages service: rate limit, watched-word screening, mentions, storing
 * (group commit for plain messages, decision 041; a transaction with its follow-up for flagged
 * and crisis messages), then acknowledgement, broadcast and notifications.
 */
export function createSender(
  deps: Deps,
  { limiter, safety }: { limiter: RateLimiter; safety: ContentSafety },
) {
  const { db, realtime } = deps;
  const groupCommit = createGroupCommit(db);

  async function resolveMentions(groupId: string, body: string, senderId: string): Promise<string[]> {
    if (!body.includes("@")) return [];
    const candidates = await groupsRepo.mentionCandidates(db, groupId, body);
    return pickMentions(body, candidates).filter((id) => id !== senderId);
  }

  /**
   * Store the message and broadcast it: a plain one through the group commit (decision 041), a
   * flagged or crisis one in a unit of work with its alert or report. Undefined when refused.
   */
  async function store(values: SendValues, screening: Screening, user: AuthUser) {
    if (!screening.action) {
      const view = await groupCommit.insert(values);
      if (view) await publishCommitted(deps, [{ type: "message.changed", event: "message:new", view }]);
      return view;
    }
    return unitOfWork(deps, async (tx, uow) => {
      const view = await sendRepo.insert(tx, values);
      if (!view) return undefined;
      uow.publish({ type: "message.changed", event: "message:new", view });
      await safety.onDelivered(tx, uow, view, screening, user);
      return view;
    });
  }

  /** A published card's snapshot, taken now (decision 129); a draft or unknown id is refused. */
  async function cardOf(id: string | undefined) {
    if (id === undefined) return null;
    const card = await policiesRepo.snapshot(db, id);
    if (!card) throw invalid("card", "no published policy card has this id");
    return card;
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
      const body = input.body ?? null;
      const screening: Screening = body === null ? { action: null, matches: [] } : await safety.screen(body);
      if (screening.action === "block") throw await blockedRefusal(safety, screening, user);
      const mentions = body === null ? [] : await resolveMentions(input.groupId, body, user.id);
      const values: SendValues = {
        groupId: input.groupId,
        senderId: user.id,
        clientId: input.clientId,
        body,
        replyToSeq: input.replyToSeq ?? null,
        mentions,
        mediaId: input.media?.id ?? null,
        card: await cardOf(input.card?.id),
      };
      let view: MessageView | undefined;
      try {
        view = await store(values, screening, user);
      } catch (err) {
        // A concurrent resend of the same clientId won the unique index: answer the stored one.
        if (!isPgError(err, PG.uniqueViolation)) throw err;
      }
      if (!view) {
        const dup = await messagesRepo.byClientId(db, user.id, input.clientId);
        if (dup) return answerDuplicate(dup, input.groupId);
        throw explainRefusal(
          await sendRepo.diagnose(db, input.groupId, user.id, values.replyToSeq, values.mediaId),
        );
      }
      counted = true;
      notifyLater(deps, view, user);
      const result: SendResult = { message: presentMessage(view, "member") };
      if (screening.action === "crisis") {
        result.support = {
          groupId: view.row.groupId,
          messageId: view.row.id,
          text: await safety.supportText(user.locale),
        };
        realtime.emitTo(rooms.user(user.id), "support:resources", result.support);
      }
      return result;
    } finally {
      if (!counted) Promise.resolve(limiter.refund(user.id)).catch(() => {});
    }
  };
}
