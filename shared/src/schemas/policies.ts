import { z } from "zod";
import { DISABILITY_TYPES, DISTRESS_TYPES, HOUSEHOLD_STATUSES } from "../enums.js";
import { LocalDate } from "./booking-common.js";
import { Id, IsoDateTime, label, text } from "./common.js";

/** What a policy card offers: money, a service, or help of another kind. */
export const POLICY_KINDS = [
  "subsidy",
  "rehabilitation",
  "medical",
  "education",
  "care_service",
  "other",
] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** A card is written as a draft, published to every signed-in user, and archived when it lapses. */
export const POLICY_STATUSES = ["draft", "published", "archived"] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** Sizes of a card's parts (a library of hundreds of cards, read on cheap phones). */
export const POLICY_LIMITS = {
  titleMax: 80,
  summaryMax: 1000,
  itemMax: 300,
  stepsMax: 20,
  documentsMax: 30,
  keywordsMax: 20,
  keywordMax: 30,
  queryMax: 60,
  ageMax: 30,
} as const;

const unique = <T>(a: readonly T[]) => new Set(a).size === a.length;
const uniqueList = <S extends z.ZodType>(item: S, max: number) =>
  z.array(item).max(max).refine(unique, { message: "must not repeat a value" });

/**
 * Who qualifies, as data (decision 128). An empty list or a null bound means "any": a card with no
 * criterion at all fits nobody in particular and is listed with the rest.
 */
export const PolicyEligibilitySchema = z
  .strictObject({
    distressTypes: uniqueList(z.enum(DISTRESS_TYPES), DISTRESS_TYPES.length).default([]),
    disabilityTypes: uniqueList(z.enum(DISABILITY_TYPES), DISABILITY_TYPES.length).default([]),
    /** The child's age in whole years (this year minus the birth year), inclusive. */
    ageMin: z.number().int().min(0).max(POLICY_LIMITS.ageMax).nullable().default(null),
    ageMax: z.number().int().min(0).max(POLICY_LIMITS.ageMax).nullable().default(null),
    householdStatuses: uniqueList(z.enum(HOUSEHOLD_STATUSES), HOUSEHOLD_STATUSES.length).default([]),
  })
  .refine((e) => e.ageMin === null || e.ageMax === null || e.ageMin <= e.ageMax, {
    path: ["ageMax"],
    message: "must not be below the lowest age",
  });
export type PolicyEligibility = z.infer<typeof PolicyEligibilitySchema>;

const httpsUrl = z.url({ protocol: /^https?$/ }).max(500);
const item = text(1, POLICY_LIMITS.itemMax);

/** Where to apply: an office, its address and/or an online link. */
export const PolicyWhereSchema = z.strictObject({
  office: text(0, 120).optional(),
  address: text(0, 200).optional(),
  url: httpsUrl.optional(),
});

const cardFields = {
  title: label(1, POLICY_LIMITS.titleMax),
  summary: text(1, POLICY_LIMITS.summaryMax),
  titleEn: label(1, POLICY_LIMITS.titleMax).nullable().optional(),
  summaryEn: text(1, POLICY_LIMITS.summaryMax).nullable().optional(),
  kind: z.enum(POLICY_KINDS),
  eligibility: PolicyEligibilitySchema,
  steps: z.array(item).min(1).max(POLICY_LIMITS.stepsMax),
  documents: z.array(item).max(POLICY_LIMITS.documentsMax).default([]),
  where: PolicyWhereSchema.default({}),
  /** The last day to apply; null = ongoing (常年受理). */
  deadline: LocalDate.nullable().default(null),
  sourceName: label(1, 120),
  sourceUrl: httpsUrl.nullable().optional(),
  /** The day someone last checked the card against its source. */
  checkedOn: LocalDate,
  /** The day it must be checked again; past it the card is flagged and its author told once. */
  reviewBy: LocalDate,
  keywords: uniqueList(label(1, POLICY_LIMITS.keywordMax), POLICY_LIMITS.keywordsMax).default([]),
};

/** A new card (always a draft). */
export const PolicyCardCreateSchema = z.strictObject(cardFields);
export type PolicyCardCreateInput = z.infer<typeof PolicyCardCreateSchema>;

/** A change to a card: any of its fields. */
export const PolicyCardUpdateSchema = z
  .strictObject({
    title: cardFields.title.optional(),
    summary: cardFields.summary.optional(),
    titleEn: cardFields.titleEn,
    summaryEn: cardFields.summaryEn,
    kind: cardFields.kind.optional(),
    eligibility: cardFields.eligibility.optional(),
    steps: cardFields.steps.optional(),
    documents: z.array(item).max(POLICY_LIMITS.documentsMax).optional(),
    where: PolicyWhereSchema.optional(),
    deadline: LocalDate.nullable().optional(),
    sourceName: cardFields.sourceName.optional(),
    sourceUrl: cardFields.sourceUrl,
    checkedOn: LocalDate.optional(),
    reviewBy: LocalDate.optional(),
    keywords: uniqueList(label(1, POLICY_LIMITS.keywordMax), POLICY_LIMITS.keywordsMax).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update" });
export type PolicyCardUpdateInput = z.infer<typeof PolicyCardUpdateSchema>;

/** Publish, archive, or take a card back to draft. */
export const PolicyStatusSchema = z.strictObject({ status: z.enum(POLICY_STATUSES) });

/** Why a card fits one of the caller's children: the criteria it meets, each as stated on the card. */
export const PolicyFitSchema = z.object({
  childId: Id,
  nickname: z.string(),
  disabilityTypes: z.array(z.enum(DISABILITY_TYPES)),
  distressType: z.enum(DISTRESS_TYPES).nullable(),
  /** The child's age, when the card states an age range. */
  age: z.number().int().nullable(),
  householdStatus: z.enum(HOUSEHOLD_STATUSES).nullable(),
});
export type PolicyFit = z.infer<typeof PolicyFitSchema>;

/** A card as readers see it; `fits` is filled for a caregiver's own children only. */
export const PolicyCardSchema = z.object({
  id: Id,
  status: z.enum(POLICY_STATUSES),
  title: z.string(),
  summary: z.string(),
  titleEn: z.string().nullable(),
  summaryEn: z.string().nullable(),
  kind: z.enum(POLICY_KINDS),
  eligibility: z.object({
    distressTypes: z.array(z.enum(DISTRESS_TYPES)),
    disabilityTypes: z.array(z.enum(DISABILITY_TYPES)),
    ageMin: z.number().int().nullable(),
    ageMax: z.number().int().nullable(),
    householdStatuses: z.array(z.enum(HOUSEHOLD_STATUSES)),
  }),
  steps: z.array(z.string()),
  documents: z.array(z.string()),
  where: z.object({
    office: z.string().optional(),
    address: z.string().optional(),
    url: z.string().optional(),
  }),
  deadline: LocalDate.nullable(),
  sourceName: z.string(),
  sourceUrl: z.string().nullable(),
  checkedOn: LocalDate,
  reviewBy: LocalDate,
  /** Past its review-by day (shown to social workers and admins; always false for others). */
  reviewOverdue: z.boolean(),
  keywords: z.array(z.string()),
  author: z.object({ id: Id, displayName: z.string() }).nullable(),
  publishedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  fits: z.array(PolicyFitSchema),
});
export type PolicyCard = z.infer<typeof PolicyCardSchema>;

/** `GET /api/policies`: search words, and (staff) which statuses to list. */
export const PolicyListQuery = z.strictObject({
  q: label(1, POLICY_LIMITS.queryMax).optional(),
  status: z.enum([...POLICY_STATUSES, "all"]).optional(),
});

/** The library: for a caregiver the cards that fit her children first, then the rest. */
export const PolicyListSchema = z.object({ cards: z.array(PolicyCardSchema) });

/** A card as carried by a chat message: a snapshot taken when it was sent (decision 129). */
export const MessageCardSchema = z.object({
  id: Id,
  title: z.string(),
  summary: z.string(),
  deadline: LocalDate.nullable(),
});
export type MessageCard = z.infer<typeof MessageCardSchema>;

/** The card to attach to a message: a published one. */
export const MessageCardRefSchema = z.strictObject({ id: Id });

/** "Ask my social worker about this card": which of her social workers, and the message's id. */
export const AskAboutPolicySchema = z.strictObject({
  clientId: z.uuid(),
  /** Needed only when the family has several social workers. */
  socialWorkerId: Id.optional(),
  /** Her own words; a plain question is written for her when absent. */
  body: text(1, 500).optional(),
});
export type AskAboutPolicyInput = z.infer<typeof AskAboutPolicySchema>;

/** Set a family's household status (null: not recorded). */
export const HouseholdStatusSchema = z.strictObject({
  householdStatus: z.enum(HOUSEHOLD_STATUSES).nullable(),
});
export type HouseholdStatusInput = z.infer<typeof HouseholdStatusSchema>;
