import {
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { groups, messages } from "./chat.js";
import { createdAt, pk, tstz } from "./columns.js";

/** bytea as a Node Buffer (pg answers a Buffer, PGlite a Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Photos and voice messages, bytes in PostgreSQL (decision 110). A file is uploaded first
 * (`messages.media_id` null until a message takes it); deleting the message, the retention purge
 * and account erasure drop the bytes, and unsent uploads older than a day go entirely.
 */
export const media = pgTable(
  "media",
  {
    id: pk(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    /** Erasing the account erases its uploads with it. */
    uploaderId: uuid("uploader_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clientId: uuid("client_id").notNull(),
    kind: text("kind", { enum: ["photo", "voice"] }).notNull(),
    mime: text("mime").notNull(),
    /** Null once removed (message deleted, purged); the row keeps what it was for the record. */
    bytes: bytea("bytes"),
    thumb: bytea("thumb"),
    width: integer("width"),
    height: integer("height"),
    durationMs: integer("duration_ms"),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    /** Per-file key of its signed URLs (decision 111): never leaves the server. */
    urlKey: text("url_key").notNull(),
    createdAt: createdAt(),
    removedAt: tstz("removed_at"),
  },
  (t) => [
    uniqueIndex("media_uploader_client_key").on(t.uploaderId, t.clientId),
    /** Retention: uploads never sent. */
    index("media_created_idx").on(t.createdAt),
  ],
);

/** Voice messages a listener has played (shown to that listener only). */
export const mediaPlays = pgTable(
  "media_plays",
  {
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    playedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId] }), index("media_plays_user_idx").on(t.userId)],
);
