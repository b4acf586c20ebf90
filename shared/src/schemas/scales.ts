import { z } from "zod";
import {
  LocalizedTextSchema,
  ScaleAnswerSchema,
  ScaleAnswersSchema,
  ScaleBandSchema,
  ScaleDefinitionSchema,
} from "../scales/schema.js";
import { Id, IsoDateTime } from "./common.js";

// Scales stored and filled (issue 18 §2, docs/decisions/126, 127). The definitions themselves
// are the engine's (`shared/src/scales`); these are the API's shapes around them.

/** A scale's or item's id (the engine's slug rule). */
export const ScaleSlug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "lower-case letters, digits, _ or -");

/** When an administration was filled in the case: before, between, after, or another time. */
export const SCALE_OCCASIONS = ["intake", "midway", "evaluation", "other"] as const;
export type ScaleOccasion = (typeof SCALE_OCCASIONS)[number];

/** Who gives the answers: the caregiver on her phone, or the social worker (filling together). */
export const SCALE_RESPONDENTS = ["caregiver", "social_worker"] as const;
export type ScaleRespondent = (typeof SCALE_RESPONDENTS)[number];

export const ADMINISTRATION_STATUSES = ["in_progress", "complete", "abandoned"] as const;
export type AdministrationStatus = (typeof ADMINISTRATION_STATUSES)[number];

/** `/api/scales/:slug` params. */
export const ScaleSlugParams = z.strictObject({ slug: ScaleSlug });

/** `/api/scale-administrations/:id/answers/:itemId` params. */
export const AnswerParams = z.strictObject({ id: Id, itemId: ScaleSlug });

/** A stored scale: its newest version, and whether new administrations may use it. */
export const ScaleSummarySchema = z.object({
  id: ScaleSlug,
  version: z.int(),
  versions: z.array(z.int()),
  active: z.boolean(),
  builtIn: z.boolean(),
  /** Items the newest version has (a template has none until an admin enters them). */
  itemCount: z.int(),
  definition: ScaleDefinitionSchema,
  updatedAt: IsoDateTime,
});
export type ScaleSummary = z.infer<typeof ScaleSummarySchema>;

export const ScaleListSchema = z.object({ scales: z.array(ScaleSummarySchema) });
export type ScaleList = z.infer<typeof ScaleListSchema>;

/**
 * A definition an admin saves: `version` 1 creates the scale, the next version adds one (409
 * with `details.expectedVersion` otherwise); field errors name `definition.<path>`.
 */
export const ScaleSaveSchema = z.strictObject({ definition: ScaleDefinitionSchema });
export type ScaleSaveInput = z.infer<typeof ScaleSaveSchema>;

export const ScaleActiveSchema = z.strictObject({ active: z.boolean() });

/** Start a scale for a family. `caregiverId` names the caregiver it is sent to (respondent caregiver). */
export const AdministrationStartSchema = z
  .strictObject({
    scaleId: ScaleSlug,
    occasion: z.enum(SCALE_OCCASIONS),
    respondent: z.enum(SCALE_RESPONDENTS),
    caregiverId: Id.optional(),
    /** The case it belongs to, when cases are used (not checked here; the lead links it). */
    caseId: Id.optional(),
  })
  .refine((v) => (v.respondent === "caregiver") === (v.caregiverId !== undefined), {
    message: "caregiverId is required exactly when the respondent is the caregiver",
    path: ["caregiverId"],
  });
export type AdministrationStartInput = z.infer<typeof AdministrationStartSchema>;

/** One answer, saved as it is given (last write wins per item; docs/decisions/126). */
export const AnswerPutSchema = z.strictObject({ answer: ScaleAnswerSchema });
export type AnswerPutInput = z.infer<typeof AnswerPutSchema>;

export const AnswerSavedSchema = z.object({
  itemId: ScaleSlug,
  /** Bumped by every change of the answers (an unchanged answer sent again leaves it). */
  revision: z.int(),
  answeredCount: z.int(),
});
export type AnswerSaved = z.infer<typeof AnswerSavedSchema>;

/** The score cached on a completed administration (`scoreScale`'s result). */
export const StoredScoreSchema = z.object({
  total: z.number().nullable(),
  subscales: z.record(z.string(), z.number().nullable()),
  band: ScaleBandSchema.nullable(),
  subscaleBands: z.record(z.string(), ScaleBandSchema.nullable()),
});
export type StoredScore = z.infer<typeof StoredScoreSchema>;

const Person = z.object({ id: Id, displayName: z.string() });

/** An administration without its answers (lists). */
export const AdministrationSchema = z.object({
  id: Id,
  familyId: Id,
  caseId: Id.nullable(),
  scaleId: ScaleSlug,
  scaleVersion: z.int(),
  scaleName: LocalizedTextSchema,
  occasion: z.enum(SCALE_OCCASIONS),
  respondent: z.enum(SCALE_RESPONDENTS),
  /** The caregiver it was sent to (respondent caregiver). */
  respondentUser: Person.nullable(),
  status: z.enum(ADMINISTRATION_STATUSES),
  answeredCount: z.int(),
  itemCount: z.int(),
  revision: z.int(),
  startedBy: Person.nullable(),
  startedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  completedAt: IsoDateTime.nullable(),
  score: StoredScoreSchema.nullable(),
});
export type Administration = z.infer<typeof AdministrationSchema>;

/** One administration with the definition of its version and the answers so far. */
export const AdministrationDetailSchema = AdministrationSchema.extend({
  definition: ScaleDefinitionSchema,
  answers: ScaleAnswersSchema,
});
export type AdministrationDetail = z.infer<typeof AdministrationDetailSchema>;

export const AdministrationListSchema = z.object({ administrations: z.array(AdministrationSchema) });

/** The total's key among a result's dimensions (a subscale id cannot start with "_"). */
export const TOTAL_DIMENSION = "_total";

const ReliableSchema = z.discriminatedUnion("available", [
  z.object({
    available: z.literal(true),
    rci: z.number(),
    classification: z.enum(["reliable_improvement", "reliable_deterioration", "no_reliable_change"]),
  }),
  /** The scale gives no norm for this dimension (e.g. the family resilience template). */
  z.object({ available: z.literal(false) }),
]);

/** First against last on one dimension (docs/decisions/127). */
export const DimensionChangeSchema = z.object({
  dimension: z.string(),
  first: z.number(),
  last: z.number(),
  change: z.number(),
  plain: z.enum(["up_a_lot", "up_a_little", "same", "down_a_little", "down_a_lot"]),
  reliable: ReliableSchema,
});
export type DimensionChange = z.infer<typeof DimensionChangeSchema>;

/** The results of one scale for one family: every completed administration, and the change. */
export const ScaleResultSchema = z.object({
  scaleId: ScaleSlug,
  name: LocalizedTextSchema,
  direction: z.enum(["higher_is_better", "lower_is_better"]),
  /** The total (`TOTAL_DIMENSION`) and each subscale, with the range the chart's axis spans. */
  dimensions: z.array(
    z.object({ id: z.string(), name: LocalizedTextSchema.nullable(), min: z.number(), max: z.number() }),
  ),
  points: z.array(
    z.object({
      administrationId: Id,
      occasion: z.enum(SCALE_OCCASIONS),
      version: z.int(),
      completedAt: IsoDateTime,
      scores: z.record(z.string(), z.number().nullable()),
      band: ScaleBandSchema.nullable(),
    }),
  ),
  /** Empty until there are two completed administrations. */
  changes: z.array(DimensionChangeSchema),
});
export type ScaleResult = z.infer<typeof ScaleResultSchema>;

export const ScaleResultsSchema = z.object({ familyId: Id, scales: z.array(ScaleResultSchema) });
export type ScaleResults = z.infer<typeof ScaleResultsSchema>;
