import { type Message, MessageCardSchema } from "@carecircle/shared";
import { presentMedia } from "../media/media.presenter.js";
import type { MessageView } from "./messages.repo.js";

/** Who is looking: moderators see the body of a message hidden by reports, members do not. */
export type Audience = "member" | "moderator";

/** The stored snapshot, or null if it is not one (never fails a whole page). */
function cardOf(raw: unknown) {
  const parsed = MessageCardSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * row -> DTO, the only way a message leaves the server. Deleted (and purged) messages are
 * tombstones without body or reactions; hidden ones lose their body for members. The sender is
 * shown by pseudonym and badge only. Media come with signed URLs only for who may read them: not
 * for deleted messages, and for hidden ones only to moderators.
 */
export function presentMessage(v: MessageView, audience: Audience): Message {
  const m = v.row;
  const deleted = m.deletedAt !== null || m.purgedAt !== null;
  const hidden = !deleted && m.hiddenAt !== null;
  return {
    id: m.id,
    groupId: m.groupId,
    seq: m.seq,
    changeSeq: m.changeSeq,
    clientId: m.clientId,
    body: deleted || (hidden && audience !== "moderator") ? null : m.body,
    sender:
      m.senderId === null
        ? null
        : { id: m.senderId, displayName: v.senderName ?? "", role: v.senderRole ?? "member" },
    replyToSeq: m.replyToSeq,
    mentions: deleted ? [] : m.mentions,
    reactions: deleted ? [] : v.reactions,
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt?.toISOString() ?? null,
    deletedAt: (m.deletedAt ?? m.purgedAt)?.toISOString() ?? null,
    hidden,
    pinnedAt: deleted ? null : (m.pinnedAt?.toISOString() ?? null),
    followedUp: !deleted && m.followedUpAt !== null,
    media:
      deleted || !v.media || (hidden && audience !== "moderator")
        ? null
        : presentMedia(v.media, audience === "moderator" ? "m" : "r", { played: v.played }),
    card: deleted || !m.card || (hidden && audience !== "moderator") ? null : cardOf(m.card),
  };
}
