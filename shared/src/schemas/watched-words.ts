import { z } from "zod";
import { CRISIS_TIERS, MATCH_FORMS, WATCHED_WORD_ACTIONS } from "../enums.js";
import { LIMITS } from "../limits.js";
import { Id, IsoDateTime, label, text } from "./common.js";
import { MODERATION_LIMITS } from "./moderation.js";

// ---- watched words ----

/** Actions a match can lead to (an `allow` exception only ever holds matches back). */
export const SCREENING_ACTIONS = ["block", "flag", "crisis"] as const;

const Variant = label(1, MODERATION_LIMITS.phraseMax);

const watchedWordFields = {
  phrase: label(1, MODERATION_LIMITS.phraseMax),
  action: z.enum(WATCHED_WORD_ACTIONS),
  /** Crisis entries only (defaults to `intent`). */
  tier: z.enum(CRISIS_TIERS).optional(),
  /** Which forms match; by default all of them. */
  forms: z
    .array(z.enum(MATCH_FORMS))
    .min(1)
    .max(MATCH_FORMS.length)
    .refine((f) => new Set(f).size === f.length, { message: "forms must not repeat" })
    .optional(),
  /** Curated homophone and slang spellings (e.g. 紫砂 for 自杀), matched as the `slang` form. */
  variants: z.array(Variant).max(MODERATION_LIMITS.variantsMax).optional(),
};

const tierOnlyForCrisis = (v: { action?: string; tier?: string }) =>
  v.tier === undefined || v.action === undefined || v.action === "crisis";
const tierIssue = { message: "a tier is for crisis entries only", path: ["tier"] };

export const WatchedWordCreateSchema = z.strictObject(watchedWordFields).refine(tierOnlyForCrisis, tierIssue);
export type WatchedWordCreateInput = z.infer<typeof WatchedWordCreateSchema>;

export const WatchedWordUpdateSchema = z
  .strictObject(watchedWordFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update" })
  .refine(tierOnlyForCrisis, tierIssue);
export type WatchedWordUpdateInput = z.infer<typeof WatchedWordUpdateSchema>;

export const WatchedWordSchema = z.object({
  id: Id,
  phrase: z.string(),
  action: z.enum(WATCHED_WORD_ACTIONS),
  /** Set for crisis entries, null otherwise. */
  tier: z.enum(CRISIS_TIERS).nullable(),
  forms: z.array(z.enum(MATCH_FORMS)),
  variants: z.array(z.string()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type WatchedWord = z.infer<typeof WatchedWordSchema>;

export const WatchedWordTestSchema = z.strictObject({ text: text(1, LIMITS.messageMax) });

/** A rule that matched, how it matched, and the (normalised) text it matched. */
export const WatchedWordMatchSchema = WatchedWordSchema.extend({
  form: z.enum(MATCH_FORMS),
  matchedText: z.string(),
});
export type WatchedWordMatch = z.infer<typeof WatchedWordMatchSchema>;

/**
 * Which rules match a text, and what a send of it would do (`block` > `crisis` > `flag`):
 * the normalised text that was matched, each match with its form, and each match an
 * exception held back (with the exception's phrase).
 */
export const WatchedWordTestResultSchema = z.object({
  action: z.enum(SCREENING_ACTIONS).nullable(),
  /** The highest tier among crisis matches. */
  tier: z.enum(CRISIS_TIERS).nullable(),
  normalized: z.string(),
  matches: z.array(WatchedWordMatchSchema),
  heldBack: z.array(WatchedWordMatchSchema.extend({ heldBy: z.object({ id: Id, phrase: z.string() }) })),
});
export type WatchedWordTestResult = z.infer<typeof WatchedWordTestResultSchema>;
