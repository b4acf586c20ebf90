import type { MediaKind, MediaVariant } from "@carecircle/shared";
import { and, eq, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { media, mediaPlays, messages } from "../../db/schema/index.js";

export type MediaRow = Omit<typeof media.$inferSelect, "bytes" | "thumb">;

/** What a message view needs of its file, read with the message (never the bytes). */
export interface MediaRef {
  id: string;
  kind: MediaKind;
  mime: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  size: number;
  urlKey: string;
  hasThumb: boolean;
  removed: boolean;
}

/** A file to answer a signed URL with, and the state of the message that carries it. */
export interface MediaFile {
  id: string;
  kind: MediaKind;
  mime: string;
  urlKey: string;
  bytes: Buffer | null;
  messageHidden: boolean;
}

/** The columns of a media row without its bytes. */
const rowColumns = {
  id: media.id,
  groupId: media.groupId,
  uploaderId: media.uploaderId,
  clientId: media.clientId,
  kind: media.kind,
  mime: media.mime,
  width: media.width,
  height: media.height,
  durationMs: media.durationMs,
  size: media.size,
  sha256: media.sha256,
  urlKey: media.urlKey,
  createdAt: media.createdAt,
  removedAt: media.removedAt,
};

/**
 * SQL for the message's file as JSON (or null), read in the statement that reads the message;
 * `mediaId` is the message's media_id column.
 */
export function mediaRefSql(mediaId: SQL): SQL {
  return sql`(select json_build_object('id', md.id, 'kind', md.kind, 'mime', md.mime,
      'width', md.width, 'height', md.height, 'durationMs', md.duration_ms, 'size', md.size,
      'urlKey', md.url_key, 'hasThumb', md.thumb is not null, 'removed', md.removed_at is not null)
    from media md where md.id = ${mediaId})`;
}

/** Parse what `mediaRefSql` read (pg answers an object, some drivers a string). */
export function toMediaRef(raw: unknown): MediaRef | null {
  if (raw == null) return null;
  return (typeof raw === "string" ? JSON.parse(raw) : raw) as MediaRef;
}

/** The only SQL on media: rows, bytes, play marks. */
export const mediaRepo = {
  /** Insert an upload; undefined when (uploader, clientId) already exists. */
  async insert(
    db: DbOrTx,
    v: typeof media.$inferInsert,
  ): Promise<(MediaRow & { hasThumb: boolean }) | undefined> {
    const [row] = await db
      .insert(media)
      .values(v)
      .onConflictDoNothing({ target: [media.uploaderId, media.clientId] })
      .returning({ ...rowColumns, hasThumb: sql<boolean>`${media.thumb} is not null` });
    return row;
  },

  async byClientId(
    db: DbOrTx,
    uploaderId: string,
    clientId: string,
  ): Promise<(MediaRow & { hasThumb: boolean }) | undefined> {
    const [row] = await db
      .select({ ...rowColumns, hasThumb: sql<boolean>`${media.thumb} is not null` })
      .from(media)
      .where(and(eq(media.uploaderId, uploaderId), eq(media.clientId, clientId)))
      .limit(1);
    return row;
  },

  /** One variant's bytes with its key and the carrying message's state (null bytes: gone). */
  async file(db: DbOrTx, id: string, variant: MediaVariant): Promise<MediaFile | undefined> {
    const [row] = await db
      .select({
        id: media.id,
        kind: media.kind,
        mime: media.mime,
        urlKey: media.urlKey,
        bytes: variant === "thumb" ? media.thumb : media.bytes,
        messageHidden: sql<boolean>`coalesce(${messages.hiddenAt} is not null, false)`,
        messageDeleted: sql<boolean>`coalesce(${messages.deletedAt} is not null, false)`,
      })
      .from(media)
      .leftJoin(messages, eq(messages.mediaId, media.id))
      .where(eq(media.id, id))
      .limit(1);
    if (!row) return undefined;
    const { messageDeleted, ...file } = row;
    return { ...file, bytes: messageDeleted ? null : file.bytes };
  },

  /** Remove the bytes of these files (the row keeps kind and size); answers how many. */
  async dropBytes(db: DbOrTx, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await db
      .update(media)
      .set({ bytes: null, thumb: null, removedAt: sql`now()` })
      .where(and(inArray(media.id, ids), isNull(media.removedAt)))
      .returning({ id: media.id });
    return rows.length;
  },

  /** Remove the bytes of the files these messages carry. */
  async dropBytesOfMessages(db: DbOrTx, messageIds: string[]): Promise<number> {
    if (messageIds.length === 0) return 0;
    const rows = await db
      .update(media)
      .set({ bytes: null, thumb: null, removedAt: sql`now()` })
      .where(
        and(
          isNull(media.removedAt),
          sql`${media.id} in (select media_id from messages where id in (${sql.join(
            messageIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}))`,
        ),
      )
      .returning({ id: media.id });
    return rows.length;
  },

  /** Delete uploads created before `cutoff` that no message took; answers how many. */
  async deleteUnsent(db: DbOrTx, cutoff: Date): Promise<number> {
    const rows = await db
      .delete(media)
      .where(
        and(
          lt(media.createdAt, cutoff),
          sql`not exists (select 1 from messages x where x.media_id = ${media.id})`,
        ),
      )
      .returning({ id: media.id });
    return rows.length;
  },

  /** Record that `userId` played the voice message (idempotent). */
  async markPlayed(db: DbOrTx, messageId: string, userId: string): Promise<void> {
    await db.insert(mediaPlays).values({ messageId, userId }).onConflictDoNothing();
  },

  /** Which of these messages `userId` has played. */
  async playedAmong(db: DbOrTx, userId: string, messageIds: string[]): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const rows = await db
      .select({ id: mediaPlays.messageId })
      .from(mediaPlays)
      .where(and(eq(mediaPlays.userId, userId), inArray(mediaPlays.messageId, messageIds)));
    return new Set(rows.map((r) => r.id));
  },

  /** The person's own files that still have bytes, with the message that carries each (export). */
  async ownWithBytes(db: DbOrTx, userId: string) {
    return db
      .select({ ...rowColumns, bytes: media.bytes, messageId: messages.id })
      .from(media)
      .leftJoin(messages, eq(messages.mediaId, media.id))
      .where(and(eq(media.uploaderId, userId), isNull(media.removedAt)))
      .orderBy(media.createdAt);
  },
};
