import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, pk, tstz, updatedAt } from "./columns.js";

/** The case unit: caregivers plus children; social workers may be assigned. */
export const families = pgTable("families", {
  id: pk(),
  /** Single-use, expiring invite code (decision 080); null once used or never created. */
  inviteCode: text("invite_code").unique(),
  inviteExpiresAt: tstz("invite_expires_at"),
  /** Set by the family's social worker; urgent families are first on every waitlist. */
  urgent: boolean("urgent").notNull().default(false),
  urgentNote: text("urgent_note"),
  /** 低保 / 低收入 / 残疾人家庭 / none, for matching policy cards (decision 128); null = not recorded. */
  householdStatus: text("household_status", { enum: ["dibao", "low_income", "disabled_household", "none"] }),
  createdAt: createdAt(),
});

/** A mainland mobile number as stored (normalised): the numbers people sign in with (decision 108). */
const MOBILE_SQL = "^1[3-9][0-9]{9}$";

/**
 * Every account. Emails are stored lower-cased, so the unique index is case-insensitive. An
 * account signs in with its email or its mobile number (`phone`), and has at least one of them.
 */
export const users = pgTable(
  "users",
  {
    id: pk(),
    /** Null for a caregiver who signs in with her mobile number only. */
    email: text("email"),
    passwordHash: text("password_hash").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ["caregiver", "social_worker", "station_staff", "admin"] }).notNull(),
    status: text("status", { enum: ["active", "disabled"] })
      .notNull()
      .default("active"),
    locale: text("locale", { enum: ["zh-CN", "en"] })
      .notNull()
      .default("zh-CN"),
    showPresence: boolean("show_presence").notNull().default(true),
    /** Care mode (关怀模式): larger type, bigger targets, read-aloud offered (decision 116). */
    careMode: boolean("care_mode").notNull().default(false),
    /** Access tokens carry this; bumping it ends them all at once (decision 082). */
    tokenVersion: integer("token_version").notNull().default(0),
    /**
     * Optional contact number (caregivers), normalised; read by staff only through an audited route.
     * A mainland mobile here is also a sign-in identifier, so mobiles are unique (decision 108).
     */
    phone: text("phone"),
    /** HMAC of the live password reset code (decision 109); null when there is none. */
    resetCodeHash: text("reset_code_hash"),
    resetCodeExpiresAt: tstz("reset_code_expires_at"),
    /** Wrong tries of the live code; at the limit the code is dropped. */
    resetCodeFailures: integer("reset_code_failures").notNull().default(0),
    familyId: uuid("family_id").references(() => families.id, { onDelete: "set null" }),
    /** Per-user secret for the iCalendar feed; null = no feed. */
    calendarToken: text("calendar_token"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_calendar_token_key").on(t.calendarToken),
    // Landlines may be shared by a household; a mobile signs in, so it belongs to one account.
    uniqueIndex("users_mobile_key")
      .on(t.phone)
      .where(sql`${t.phone} ~ ${sql.raw(`'${MOBILE_SQL}'`)}`),
    check("users_has_identifier", sql`${t.email} IS NOT NULL OR ${t.phone} ~ ${sql.raw(`'${MOBILE_SQL}'`)}`),
    index("users_family_idx").on(t.familyId),
    check("users_caregiver_has_family", sql`${t.role} <> 'caregiver' OR ${t.familyId} IS NOT NULL`),
  ],
);

/**
 * A caregiver's request to join a family (decision 080). The requester keeps her own (empty)
 * family until a caregiver of the target family or its social worker approves.
 */
export const familyJoinRequests = pgTable(
  "family_join_requests",
  {
    id: pk(),
    familyId: uuid("family_id")
      .notNull()
      .references(() => families.id, { onDelete: "cascade" }),
    requesterId: uuid("requester_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "approved", "declined", "cancelled"] })
      .notNull()
      .default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: tstz("decided_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("fjr_family_idx").on(t.familyId, t.status),
    uniqueIndex("fjr_one_pending_key").on(t.requesterId).where(sql`${t.status} = 'pending'`),
  ],
);

/** Social workers assigned to a family. */
export const familySocialWorkers = pgTable(
  "family_social_workers",
  {
    familyId: uuid("family_id")
      .notNull()
      .references(() => families.id, { onDelete: "cascade" }),
    socialWorkerId: uuid("social_worker_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.familyId, t.socialWorkerId] }), index("fsw_sw_idx").on(t.socialWorkerId)],
);

/** A child profile; care notes and emergency contact are private to the need-to-know circle. */
export const children = pgTable(
  "children",
  {
    id: pk(),
    familyId: uuid("family_id")
      .notNull()
      .references(() => families.id, { onDelete: "cascade" }),
    nickname: text("nickname").notNull(),
    birthYear: integer("birth_year").notNull(),
    distressType: text("distress_type").notNull(),
    disabilityTypes: text("disability_types").array().notNull(),
    careNotes: jsonb("care_notes").notNull().default({}),
    emergencyContact: jsonb("emergency_contact"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("children_family_idx").on(t.familyId)],
);

/**
 * Refresh tokens (hashed). Rotation: each use revokes the token and issues a successor in the same
 * family (one sign-in), which ends for good `SESSION_MAX_DAYS` after `family_started_at`.
 */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: pk(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    /** One sign-in: the first token and every successor by rotation. */
    familyId: uuid("family_id").notNull().defaultRandom(),
    familyStartedAt: tstz("family_started_at").notNull().defaultNow(),
    expiresAt: tstz("expires_at").notNull(),
    revokedAt: tstz("revoked_at"),
    /** Why it was revoked: only reuse of a `rotated` token is a theft signal (decision 086). */
    revokedReason: text("revoked_reason", { enum: ["rotated", "logout", "revoked", "reuse"] }),
    createdAt: createdAt(),
  },
  (t) => [index("refresh_tokens_user_idx").on(t.userId), index("refresh_tokens_family_idx").on(t.familyId)],
);

/** Operator settings (e.g. crisis help text per locale), one JSON value per key. */
export const platformSettings = pgTable("platform_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: updatedAt(),
});
