import type { Ack, Message, Presence, SendResult, SyncResult } from "@carecircle/shared";
import { call } from "../api/call";
import { ROUTES } from "../api/routes.gen";
import type { PendingMessage } from "./chat-model";
import { type AppSocket, currentSocket } from "./socket";

/*
 * How the chat store talks to the server, and nothing else: history pages over HTTP, catch-up
 * over the socket (HTTP when offline or refused), room subscription and sending one message. The
 * store (`chat-store.ts`) decides what to do with each answer.
 */

const ACK_TIMEOUT_MS = 10_000;
/** About two phone screens: the chat opens fast on a cheap phone; "earlier messages" pages on. */
const PAGE_SIZE = 20;
const CHANGES_PAGE_SIZE = 500;

/** The newest page of a group's history, or the page before message `before`. */
export function historyPage(groupId: string, before?: number) {
  return call(ROUTES.listMessages, {
    params: { id: groupId },
    query: before === undefined ? { limit: PAGE_SIZE } : { before, limit: PAGE_SIZE },
  });
}

/** Newest pages fetched before their chat opened (see warm-start.ts), taken by `newestPage`. */
const early = new Map<string, ReturnType<typeof historyPage>>();

/** Start fetching a group's newest page now, while the chat's code is still on its way. */
export function prefetchNewestPage(groupId: string): void {
  if (early.has(groupId)) return;
  const page = historyPage(groupId);
  page.catch(() => undefined); // whoever takes it reports a failure; an unused one must not
  early.set(groupId, page);
}

/** A group's newest page: the one fetched early if there is one (once), else asked for now. */
export function newestPage(groupId: string): ReturnType<typeof historyPage> {
  const page = early.get(groupId);
  early.delete(groupId);
  return page ?? historyPage(groupId);
}

/** The HTTP catch-up of one group after `since`, one page of up to 500 changes. */
const fetchChanges = (groupId: string, since: number) =>
  call(ROUTES.listChanges, { params: { id: groupId }, query: { since, limit: CHANGES_PAGE_SIZE } });

/**
 * One page of a group's changes after `since`: over the socket while connected, else over HTTP.
 * `null` when the socket did not answer or refused (the next reconnect tries again).
 */
export async function changesPage(groupId: string, since: number): Promise<SyncResult | null> {
  const s = currentSocket();
  if (!s?.connected) return fetchChanges(groupId, since);
  const ack = await s
    .timeout(ACK_TIMEOUT_MS)
    .emitWithAck("group:sync", { groupId, sinceChangeSeq: since, limit: CHANGES_PAGE_SIZE })
    .catch(() => null);
  if (!ack) return null;
  if (ack.ok) return ack;
  // Over the socket's catch-up limit (a reconnect with many groups open): HTTP instead.
  return ack.error.code === "RATE_LIMITED" ? fetchChanges(groupId, since) : null;
}

/** Ask the server to (re)join the group's room; answers who is online, or `null` (not connected, refused). */
export async function subscribeRoom(groupId: string): Promise<Presence | null> {
  const s = currentSocket();
  if (!s?.connected) return null;
  try {
    const res = await s.timeout(ACK_TIMEOUT_MS).emitWithAck("group:subscribe", { groupId });
    return res.ok ? res.presence : null;
  } catch {
    return null;
  }
}

/** One message as the server has it now (fresh signed media URLs after they expired). */
export async function messageAt(groupId: string, seq: number): Promise<Message | null> {
  const page = await call(ROUTES.listMessages, {
    params: { id: groupId },
    query: { after: seq - 1, limit: 1 },
  });
  return page.messages.find((m) => m.seq === seq) ?? null;
}

/** Send one outbox entry; `null` when no ack came (the connection dropped: it stays queued). */
export async function sendPending(s: AppSocket, p: PendingMessage): Promise<Ack<SendResult> | null> {
  const payload = {
    groupId: p.groupId,
    clientId: p.clientId,
    ...(p.body ? { body: p.body } : {}),
    ...(p.media?.id ? { media: { id: p.media.id } } : {}),
    ...(p.replyToSeq ? { replyToSeq: p.replyToSeq } : {}),
  };
  try {
    return await s.timeout(ACK_TIMEOUT_MS).emitWithAck("message:send", payload);
  } catch {
    return null;
  }
}
