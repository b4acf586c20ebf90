import type { ApiError, Message, Presence, Support } from "@carecircle/shared";

/*
 * The chat client's data and its pure parts, apart from the store that drives them
 * (`chat-store.ts`): what one group holds in memory, the outbox entry and its persistence, and
 * how server copies of messages merge.
 */

const OUTBOX_KEY = "cc.outbox";

/** A message the user wrote that the server has not acknowledged yet. */
export interface PendingMessage {
  clientId: string;
  groupId: string;
  /** The text, or a photo's caption ("" for none). */
  body: string;
  /** A photo or voice message: its file waits in IndexedDB; `id` once uploaded. */
  media?: PendingMedia | undefined;
  replyToSeq?: number | undefined;
  createdAt: string;
  /** queued: waits for a connection; sending: emitted, waiting for the ack; failed: refused. */
  status: "queued" | "sending" | "failed";
  error?: ApiError | undefined;
}

/** The attachment of an outbox entry. */
export interface PendingMedia {
  kind: "photo" | "voice";
  durationMs?: number | undefined;
  /** The stored file's id, set after the (idempotent) upload. */
  id?: string | undefined;
}

/** What one open group holds in memory. */
export interface GroupChat {
  /** Messages by seq, oldest first. */
  messages: Message[];
  /** Older pages exist before messages[0]. */
  hasOlder: boolean;
  /** The change sequence we have everything up to (catch-up resumes from here). */
  changeSeq: number;
  loaded: boolean;
  presence: Presence | null;
  /** displayName by user id of who is typing now. */
  typing: Record<string, { name: string; until: number }>;
  support: Support[];
}

/** A group nothing has been loaded for yet. */
export function emptyGroup(): GroupChat {
  return {
    messages: [],
    hasOlder: false,
    changeSeq: 0,
    loaded: false,
    presence: null,
    typing: {},
    support: [],
  };
}

/** The typing marks without `userId`'s. */
export function withoutTyping(typing: GroupChat["typing"], userId: string): GroupChat["typing"] {
  const { [userId]: _gone, ...rest } = typing;
  return rest;
}

/** The typing marks still running at `now` (the same object when none has run out). */
export function liveTyping(typing: GroupChat["typing"], now: number): GroupChat["typing"] {
  const gone = Object.keys(typing).filter((id) => (typing[id]?.until ?? 0) < now);
  return gone.length
    ? Object.fromEntries(Object.entries(typing).filter(([id]) => !gone.includes(id)))
    : typing;
}

/** Merge server copies into a seq-ordered list, keeping the copy with the higher changeSeq. */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  const bySeq = new Map(current.map((m) => [m.seq, m]));
  for (const m of incoming) {
    const have = bySeq.get(m.seq);
    if (have && m.changeSeq < have.changeSeq) continue;
    const next = keepPlayed(have, m);
    // an unchanged message keeps its object, so its memoised row is not drawn again
    if (!have || JSON.stringify(have) !== JSON.stringify(next)) bySeq.set(m.seq, next);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Room broadcasts carry no `played` mark: keep the one we had (it is the reader's own). A voice
 * message first seen in a broadcast was just sent, so this reader has not played it yet.
 */
function keepPlayed(have: Message | undefined, m: Message): Message {
  if (!m.media || m.media.played !== undefined) return m;
  const played = have ? have.media?.played : m.media.kind === "voice" ? false : undefined;
  if (played === undefined) return m;
  return { ...m, media: { ...m.media, played } };
}

export function readOutbox(): PendingMessage[] {
  try {
    const raw = localStorage.getItem(OUTBOX_KEY);
    const list = raw ? (JSON.parse(raw) as PendingMessage[]) : [];
    // after a reload nothing is in flight any more
    return list.map((p) => (p.status === "sending" ? { ...p, status: "queued" } : p));
  } catch {
    return [];
  }
}

export function saveOutbox(list: PendingMessage[]) {
  try {
    localStorage.setItem(OUTBOX_KEY, JSON.stringify(list));
  } catch {
    // storage full or disabled: the queue still lives in memory
  }
}
