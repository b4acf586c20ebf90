import { z } from "zod";
import { Id, IsoDateTime, label } from "./common.js";

/** Who a tie is with (issue 18 §3). `peer`: a group the caregivers take part in. */
export const SUPPORT_TIE_KINDS = [
  "relative",
  "neighbour",
  "peer",
  "station_staff",
  "social_worker",
  "other",
] as const;
export type SupportTieKind = (typeof SUPPORT_TIE_KINDS)[number];

/** The SSRS's three dimensions (Xiao Shuiyuan): objective, subjective support and its use. */
export const SSRS_DIMENSIONS = ["objective", "subjective", "utilisation"] as const;
export type SsrsDimension = (typeof SSRS_DIMENSIONS)[number];

/** `platform`: derived from what the platform sees; `recorded`: entered by the social worker. */
export const SUPPORT_TIE_ORIGINS = ["platform", "recorded"] as const;
export type SupportTieOrigin = (typeof SUPPORT_TIE_ORIGINS)[number];

/** Why a snapshot was taken: the case stage it entered, or on demand. */
export const SNAPSHOT_REASONS = [
  "intake",
  "assessment",
  "plan",
  "intervention",
  "evaluation",
  "closed",
  "on_demand",
] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

/** 1 weak, 2 medium, 3 strong. */
export const TieStrength = z.number().int().min(1).max(3);

/** Most recorded ties a family may have (a map, not an address book). */
export const MAX_RECORDED_TIES = 60;

const Dimensions = z
  .array(z.enum(SSRS_DIMENSIONS))
  .min(1)
  .max(3)
  .refine((d) => new Set(d).size === d.length, { message: "must not repeat a dimension" });

/** One tie of the map; platform ties have a stable `key` instead of an id. */
export const SupportTieSchema = z.object({
  /** `recorded:<uuid>` or e.g. `group:<uuid>`, `station:<uuid>`, `social_worker:<uuid>`. */
  key: z.string(),
  /** The recorded tie's id (null for platform ties). */
  id: Id.nullable(),
  kind: z.enum(SUPPORT_TIE_KINDS),
  label: z.string(),
  strength: TieStrength,
  origin: z.enum(SUPPORT_TIE_ORIGINS),
  dimensions: z.array(z.enum(SSRS_DIMENSIONS)),
  firstSeen: IsoDateTime,
  lastSeen: IsoDateTime,
});
export type SupportTie = z.infer<typeof SupportTieSchema>;

/** Ties counted per kind and strength (index 0 = weak), as "then vs now" compares them. */
export const TieCountsSchema = z.record(z.enum(SUPPORT_TIE_KINDS), z.tuple([z.int(), z.int(), z.int()]));
export type TieCounts = z.infer<typeof TieCountsSchema>;

/** A family's support-network map now. */
export const SupportMapSchema = z.object({
  familyId: Id,
  ties: z.array(SupportTieSchema),
  counts: TieCountsSchema,
  at: IsoDateTime,
});
export type SupportMap = z.infer<typeof SupportMapSchema>;

/** The map as it was at a case stage change or when saved on demand. */
export const SupportMapSnapshotSchema = z.object({
  id: Id,
  familyId: Id,
  caseId: Id.nullable(),
  reason: z.enum(SNAPSHOT_REASONS),
  takenAt: IsoDateTime,
  ties: z.array(SupportTieSchema),
  counts: TieCountsSchema,
});
export type SupportMapSnapshot = z.infer<typeof SupportMapSnapshotSchema>;

/** `POST /api/families/:id/support-ties`: a tie the platform cannot see. */
export const SupportTieCreateSchema = z.strictObject({
  kind: z.enum(SUPPORT_TIE_KINDS),
  label: label(1, 60),
  strength: TieStrength,
  dimensions: Dimensions,
});
export type SupportTieCreateInput = z.infer<typeof SupportTieCreateSchema>;

/** `PATCH /api/families/:id/support-ties/:tieId`: any of the fields. */
export const SupportTieUpdateSchema = SupportTieCreateSchema.partial().refine(
  (b) => Object.keys(b).length > 0,
  { message: "nothing to change" },
);
export type SupportTieUpdateInput = z.infer<typeof SupportTieUpdateSchema>;

/** `{ id, tieId }` params. */
export const SupportTieParams = z.strictObject({ id: Id, tieId: Id });
