import type { ApiError, Message, Support } from "@carecircle/shared";
import { call } from "../api/call";
import { ApiRequestError } from "../api/client";
import { ROUTES } from "../api/routes.gen";
import type { PendingMessage } from "./chat-model";
import { sendPending } from "./chat-sync";
import type { Outbox } from "./outbox";
import { getFile } from "./outbox-files";
import type { AppSocket } from "./socket";

/** What became of one attempt to deliver an outbox entry. */
export type Delivery =
  | { kind: "sent"; message: Message; support?: Support | undefined }
  /** No answer (offline, connection dropped): stays queued with the same clientId. */
  | { kind: "offline" }
  | { kind: "wait"; seconds: number }
  | { kind: "failed"; error: ApiError | undefined };

/** The file is gone (storage cleared): the message cannot be sent; the user may discard it. */
const FILE_GONE: ApiError = { code: "NOT_FOUND", message: "file gone" };

/**
 * Upload a media entry's file (once: idempotent by the entry's clientId, and its id is kept), then
 * send the message over the socket. Same clientId for both, so a retry after a lost answer
 * neither stores the file twice nor posts the message twice.
 */
export async function deliver(s: AppSocket, p: PendingMessage, outbox: Outbox): Promise<Delivery> {
  let entry = p;
  if (entry.media && !entry.media.id) {
    const up = await upload(entry);
    if ("kind" in up) return up;
    entry = { ...entry, media: { ...entry.media, id: up.id } };
    outbox.update(entry.clientId, { media: entry.media });
  }
  const res = await sendPending(s, entry);
  if (!res) return { kind: "offline" };
  if (res.ok) return { kind: "sent", message: res.message, support: res.support };
  if (res.error.code === "RATE_LIMITED")
    return { kind: "wait", seconds: Math.max(1, Number(res.error.details?.retryAfterSeconds ?? 2)) };
  return { kind: "failed", error: res.error };
}

async function upload(p: PendingMessage): Promise<{ id: string } | Delivery> {
  const file = await getFile(p.clientId);
  if (!file) return { kind: "failed", error: FILE_GONE };
  try {
    const res = await call(ROUTES.uploadMedia, {
      query: { groupId: p.groupId, clientId: p.clientId },
      body: file,
    });
    return { id: res.media.id };
  } catch (err) {
    // no answer over HTTP although the socket may be up (a network still coming back, a worker
    // still offline): try again shortly rather than wait for the next reconnect
    if (!(err instanceof ApiRequestError)) return { kind: "wait", seconds: 3 };
    if (err.code === "RATE_LIMITED")
      return { kind: "wait", seconds: Math.max(1, Number(err.details?.retryAfterSeconds ?? 2)) };
    return { kind: "failed", error: { code: err.code, message: err.message, details: err.details } };
  }
}
