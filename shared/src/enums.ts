/** Platform roles. Only `caregiver` can be self-registered; the rest are created by an admin. */
export const ROLES = ["caregiver", "social_worker", "station_staff", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of disability a child may have, and a group or station may be organised around. */
export const DISABILITY_TYPES = [
  "autism",
  "intellectual",
  "cerebral_palsy",
  "physical",
  "visual",
  "hearing",
  "chronic_illness",
  "multiple",
] as const;
export type DisabilityType = (typeof DISABILITY_TYPES)[number];

/** Why a child is counted as a "child in difficulty" (field research categories). */
export const DISTRESS_TYPES = ["illness_or_disability", "poverty", "unattended", "other"] as const;
export type DistressType = (typeof DISTRESS_TYPES)[number];

/** UI and message locales; zh-CN is the default. */
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

/** Account state. Disabled accounts cannot log in and their tokens stop working. */
export const USER_STATUSES = ["active", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Chat group kinds: members post in `discussion`; only moderators post in `announcement`. */
export const GROUP_KINDS = ["discussion", "announcement"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
/** Every kind a group row can have: `direct` rows are private conversations (never created as groups). */
export const ALL_GROUP_KINDS = [...GROUP_KINDS, "direct"] as const;

/** A group is organised around a disability type, or is for everyone. */
export const GROUP_TOPICS = [...DISABILITY_TYPES, "general"] as const;
export type GroupTopic = (typeof GROUP_TOPICS)[number];

/** What a station offers: short respite care or supervised day care. */
export const SERVICE_TYPES = ["respite", "trusteeship"] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Lifecycle of a booking. */
export const BOOKING_STATUSES = [
  "confirmed",
  "waitlisted",
  "cancelled",
  "checked_in",
  "completed",
  "no_show",
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Why a member reports a message. */
export const REPORT_REASONS = ["spam", "harassment", "privacy", "misinformation", "crisis", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/**
 * What a watched word does when it matches. `allow` is an exception ("笑死", "跳楼价"): checked
 * after normalisation, it holds back any other entry matched only inside its own span.
 */
export const WATCHED_WORD_ACTIONS = ["block", "flag", "crisis", "allow"] as const;
export type WatchedWordAction = (typeof WATCHED_WORD_ACTIONS)[number];

/**
 * How urgent crisis talk is, lowest first: `distress` (hopelessness), `intent` (wanting to die),
 * `imminent` (a plan, a time, a method, or harm to the child).
 */
export const CRISIS_TIERS = ["distress", "intent", "imminent"] as const;
export type CrisisTier = (typeof CRISIS_TIERS)[number];

/**
 * How a watched word may match: as written (after normalisation), through its traditional
 * characters, through pinyin typed in Latin letters, or through one of its curated slang variants.
 */
export const MATCH_FORMS = ["word", "traditional", "pinyin", "slang"] as const;
export type MatchForm = (typeof MATCH_FORMS)[number];

/** What raised an alert: crisis talk in a chat, or a caregiver's stress check-in. */
export const ALERT_KINDS = ["crisis", "stress"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * A family's household status as far as subsidies go (decision 128): 低保 (minimum living
 * guarantee), 低收入 (low income), 残疾人家庭 (a household with a certified disabled member), or none
 * of these. Unknown until the caregiver or her social worker records it.
 */
export const HOUSEHOLD_STATUSES = ["dibao", "low_income", "disabled_household", "none"] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];
