import type { SQL } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import type { UnitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict } from "../../errors.js";
import { rooms } from "../../realtime/rooms.js";
import { postgresMediaStore } from "../media/media-store.js";
import { presentMessage } from "./messages.presenter.js";
import { type MessageRow, type MessageView, messagesRepo } from "./messages.repo.js";

/** The live events a message change goes out as. */
export type MessageEvent = "message:new" | "message:updated" | "message:deleted";

/** A message's new state, read in the transaction that changed it, for its group. */
export interface MessageChanged {
  type: "message.changed";
  event: MessageEvent;
  view: MessageView;
}

/**
 * How every change of a message is made, by whichever module makes it (edits, reactions, pins,
 * moderation, reports, alerts, erasure). Each change bumps the group's change sequence and stamps
 * the message with it, so "messages with changeSeq > N" is exactly what a client missed; the new
 * state is broadcast only after the change commits (decision 095).
 */

/**
 * Inside `tx`: bump the group's change sequence and update the message with it (if `where` holds).
 * A message being deleted loses its photo or voice bytes in the same transaction, whoever deletes.
 */
export async function stampMessage(
  tx: Tx,
  row: MessageRow,
  patch: Partial<MessageRow>,
  where?: SQL,
): Promise<MessageRow> {
  const cs = await messagesRepo.nextChangeSeq(tx, row.groupId);
  const u = await messagesRepo.update(tx, row.id, cs, patch, where);
  if (!u) throw conflict("This message changed meanwhile; please reload");
  if (patch.deletedAt && u.mediaId) await postgresMediaStore.dropForMessages(tx, [u.id]);
  return u;
}

/**
 * Inside `tx`, after the messages' last writes: read their new state and record it, to broadcast
 * as `event` after commit. Answers the views (for the caller's own answer), in the order given.
 */
export async function recordChanges(
  tx: Tx,
  uow: UnitOfWork,
  event: MessageEvent,
  rows: MessageRow[],
): Promise<MessageView[]> {
  const views = await messagesRepo.views(tx, rows);
  for (const view of views) uow.publish({ type: "message.changed", event, view });
  return views;
}

/** `recordChanges` for one message. */
export async function recordChange(
  tx: Tx,
  uow: UnitOfWork,
  event: MessageEvent,
  row: MessageRow,
): Promise<MessageView> {
  return (await recordChanges(tx, uow, event, [row]))[0]!;
}

/** Stamp one message and record its change (the common case: nothing else changes it). */
export async function changeMessage(
  tx: Tx,
  uow: UnitOfWork,
  row: MessageRow,
  patch: Partial<MessageRow>,
  event: MessageEvent,
  where?: SQL,
): Promise<MessageView> {
  return recordChange(tx, uow, event, await stampMessage(tx, row, patch, where));
}

/** Emit once to the group's room; a hidden message goes to members without its body. */
export function broadcastMessage(realtime: Deps["realtime"], event: MessageEvent, v: MessageView): void {
  const groupId = v.row.groupId;
  if (v.row.hiddenAt && !v.row.deletedAt) {
    realtime.io
      .to(rooms.group(groupId))
      .except(rooms.moderators(groupId))
      .emit(event, presentMessage(v, "member"));
    realtime.io.to(rooms.moderators(groupId)).emit(event, presentMessage(v, "moderator"));
  } else {
    realtime.io.to(rooms.group(groupId)).emit(event, presentMessage(v, "member"));
  }
}
