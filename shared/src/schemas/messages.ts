import { z } from "zod";
import { MESSAGE_LIMITS } from "../limits.js";
import { Id, IsoDateTime, queryInt, text } from "./common.js";
import { MemberBriefSchema } from "./groups.js";
import { MediaSchema, MessageMediaRefSchema } from "./media.js";
import { MessageCardRefSchema, MessageCardSchema } from "./policies.js";

/** A message body: 1-2000 characters after trimming, plain text (never rendered as HTML). */
export const MessageBody = text(1, MESSAGE_LIMITS.bodyMax);

/** A positive per-group message sequence number. */
export const Seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

// One emoji (with modifiers, ZWJ sequences, flags, keycaps): at least one pictographic or
// regional-indicator code point, and nothing that is not part of an emoji.
const EMOJI =
  /^(?=.*(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3))(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\p{Emoji_Modifier}|\u200d|\ufe0f|\u20e3)+$/u;
export const Emoji = z
  .string()
  .min(1)
  .max(MESSAGE_LIMITS.emojiMaxLength)
  .regex(EMOJI, "must be a single emoji")
  .refine((s) => [...new Intl.Segmenter().segment(s)].length === 1, { message: "must be a single emoji" });

const MessageSendFields = {
  groupId: Id,
  /** Chosen by the client per message (uuid); resending it returns the original message. */
  clientId: z.uuid(),
  /** The text, or a photo's caption; required unless `media` is given. */
  body: MessageBody.optional(),
  /** A photo or voice message uploaded with `POST /api/media` by the sender, for this group. */
  media: MessageMediaRefSchema.optional(),
  /** A published policy card, shown as a rich card (decision 129); snapshotted when sent. */
  card: MessageCardRefSchema.optional(),
  /** Quote another message of the same group. */
  replyToSeq: Seq.optional(),
};

const bodyOrMedia = (
  m: { body?: string | undefined; media?: unknown; card?: unknown },
  ctx: z.RefinementCtx,
) => {
  if (m.body === undefined && m.media === undefined && m.card === undefined)
    ctx.addIssue({ code: "custom", path: ["body"], message: "a message needs a body, media or a card" });
  if (m.media !== undefined && m.card !== undefined)
    ctx.addIssue({ code: "custom", path: ["card"], message: "a message carries media or a card, not both" });
};

/** `message:send` payload (and `POST /api/groups/:id/messages` body without `groupId`). */
export const MessageSendSchema = z.strictObject(MessageSendFields).superRefine(bodyOrMedia);
export type MessageSendInput = z.infer<typeof MessageSendSchema>;

const { groupId: _groupId, ...postFields } = MessageSendFields;
export const MessagePostSchema = z.strictObject(postFields).superRefine(bodyOrMedia);
export type MessagePostInput = z.infer<typeof MessagePostSchema>;

export const MessageEditSchema = z.strictObject({ messageId: Id, body: MessageBody });
export type MessageEditInput = z.infer<typeof MessageEditSchema>;
export const MessageEditBodySchema = MessageEditSchema.omit({ messageId: true });

export const MessageRefSchema = z.strictObject({ messageId: Id });
export type MessageRefInput = z.infer<typeof MessageRefSchema>;

export const ReactSchema = z.strictObject({ messageId: Id, emoji: Emoji });
export type ReactInput = z.infer<typeof ReactSchema>;
export const ReactBodySchema = ReactSchema.omit({ messageId: true });

/** `group:sync`: everything that changed in a group after the change sequence the client has. */
export const SyncSchema = z.strictObject({
  groupId: Id,
  sinceChangeSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(MESSAGE_LIMITS.syncPageMax).default(MESSAGE_LIMITS.syncPageDefault),
});
export type SyncInput = z.infer<typeof SyncSchema>;

export const ChangesQuery = z.strictObject({
  since: queryInt(0, Number.MAX_SAFE_INTEGER),
  limit: queryInt(1, MESSAGE_LIMITS.syncPageMax).default(MESSAGE_LIMITS.syncPageDefault),
});

export const GroupRefSchema = z.strictObject({ groupId: Id });
export type GroupRefInput = z.infer<typeof GroupRefSchema>;

export const GroupReadSchema = z.strictObject({ groupId: Id, seq: z.number().int().min(0) });
export type GroupReadInput = z.infer<typeof GroupReadSchema>;

export const TypingSchema = z.strictObject({ groupId: Id, isTyping: z.boolean().default(true) });
export type TypingInput = z.infer<typeof TypingSchema>;

/** Reactions of one emoji on a message. */
export const ReactionSchema = z.object({
  emoji: z.string(),
  count: z.number().int(),
  userIds: z.array(Id),
});
export type Reaction = z.infer<typeof ReactionSchema>;

/**
 * A message as a member sees it. Deleted messages are tombstones (`body: null`, `deletedAt`);
 * messages hidden by reports have `hidden: true` and, for members, `body: null` (moderators see
 * the body). `changeSeq` orders every change in the group: apply an incoming copy only if its
 * `changeSeq` is higher than the one you have.
 */
export const MessageSchema = z.object({
  id: Id,
  groupId: Id,
  seq: z.number().int(),
  changeSeq: z.number().int(),
  clientId: Id,
  body: z.string().nullable(),
  /** Null only when the sender's account no longer exists. */
  sender: MemberBriefSchema.nullable(),
  replyToSeq: z.number().int().nullable(),
  /** Ids of the members mentioned with `@displayName`. */
  mentions: z.array(Id),
  reactions: z.array(ReactionSchema),
  createdAt: IsoDateTime,
  editedAt: IsoDateTime.nullable(),
  deletedAt: IsoDateTime.nullable(),
  hidden: z.boolean(),
  pinnedAt: IsoDateTime.nullable(),
  /** A moderator acknowledged a crisis alert on it: members see a quiet "being followed up" mark, nothing more. */
  followedUp: z.boolean(),
  /** A photo or voice message; null for text, and when deleted or hidden from you. */
  media: MediaSchema.nullable(),
  /** A policy card as it was when sent; null when none, and when deleted or hidden from you. */
  card: MessageCardSchema.nullable(),
});
export type Message = z.infer<typeof MessageSchema>;

/** Private, supportive help shown only to the author of a message that matched a crisis rule. */
export const SupportSchema = z.object({ groupId: Id, messageId: Id, text: z.string() });
export type Support = z.infer<typeof SupportSchema>;

/** Answer of a send: the stored message, and help text for the author when crisis talk matched. */
export const SendResultSchema = z.object({ message: MessageSchema, support: SupportSchema.optional() });
export type SendResult = z.infer<typeof SendResultSchema>;

/** A history page, oldest first inside the page. */
export const HistoryPageSchema = z.object({
  messages: z.array(MessageSchema),
  /** More messages exist beyond this page in the direction read. */
  hasMore: z.boolean(),
  /** The group's change sequence when read: a safe `sinceChangeSeq` for the next catch-up. */
  changeSeq: z.number().int(),
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

/** A catch-up answer: changed messages in change order and the cursor to continue from. */
export const SyncResultSchema = z.object({
  groupId: Id,
  messages: z.array(MessageSchema),
  changeSeq: z.number().int(),
  hasMore: z.boolean(),
});
export type SyncResult = z.infer<typeof SyncResultSchema>;

export const MessageEditHistorySchema = z.object({
  edits: z.array(z.object({ body: z.string().nullable(), editedAt: IsoDateTime })),
});
