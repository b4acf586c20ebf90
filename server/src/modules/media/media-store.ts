import type { MediaVariant } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import type { media } from "../../db/schema/index.js";
import { type MediaFile, type MediaRow, mediaRepo } from "./media.repo.js";

/**
 * Where media bytes live (decision 110). The PostgreSQL store keeps them in the `media` row, so
 * they share its transaction, backups, export and erasure. An S3-compatible store would keep an
 * object key in the row instead, write the object before the row commits, and delete objects
 * after the commit that dropped them (a queue table, as pushes do), answering `read` with a
 * presigned redirect; the rest of the module would not change.
 */
export interface MediaStore {
  /** Store a new upload with its bytes; undefined when (uploader, clientId) exists already. */
  put(db: DbOrTx, v: typeof media.$inferInsert): Promise<(MediaRow & { hasThumb: boolean }) | undefined>;
  /** One variant's bytes (null when removed) with its URL key and its message's state. */
  read(db: DbOrTx, id: string, variant: MediaVariant): Promise<MediaFile | undefined>;
  /** Remove the bytes of the files these messages carry, in the caller's transaction. */
  dropForMessages(db: DbOrTx, messageIds: string[]): Promise<number>;
  /** Remove uploads no message took, created before `cutoff`. */
  dropUnsent(db: DbOrTx, cutoff: Date): Promise<number>;
}

/** The default store: bytes in PostgreSQL (PGlite or a server alike). */
export const postgresMediaStore: MediaStore = {
  put: (db, v) => mediaRepo.insert(db, v),
  read: (db, id, variant) => mediaRepo.file(db, id, variant),
  dropForMessages: (db, ids) => mediaRepo.dropBytesOfMessages(db, ids),
  dropUnsent: (db, cutoff) => mediaRepo.deleteUnsent(db, cutoff),
};
