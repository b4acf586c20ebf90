import { z } from "zod";
import { ACTIVITY_KINDS } from "./activities.js";
import { LocalDate } from "./booking-common.js";
import { Id, IsoDateTime, label } from "./common.js";

/** Figures about fewer than this many families are suppressed (docs/decisions/131). */
export const SMALL_CELL_MIN = 5;

/** A figure, or "<5" where it is about fewer than `SMALL_CELL_MIN` families. */
export const CellSchema = z.union([z.number(), z.literal("<5")]);
export type Cell = z.infer<typeof CellSchema>;

const ProjectFields = {
  name: label(1, 100),
  /** Families served at any station of this district count (with `stationIds`). */
  district: label(1, 60).nullable(),
  stationIds: z.array(Id).max(50),
  from: LocalDate,
  to: LocalDate,
  /** When given, exactly these families are the project's; otherwise they are found (see API.md). */
  familyIds: z.array(Id).max(2000).nullable(),
  /** Social workers on the project: they may read it and its report. */
  socialWorkerIds: z.array(Id).max(50),
};

const rangeInOrder = (p: { from?: string; to?: string }) => !p.from || !p.to || p.from <= p.to;
const rangeIssue = { message: "from must not be after to", path: ["to"] };

/** Body of `POST /api/report-projects`. */
export const ReportProjectCreateSchema = z
  .strictObject({
    ...ProjectFields,
    district: ProjectFields.district.default(null),
    stationIds: ProjectFields.stationIds.default([]),
    familyIds: ProjectFields.familyIds.default(null),
    socialWorkerIds: ProjectFields.socialWorkerIds.default([]),
  })
  .refine(rangeInOrder, rangeIssue);
export type ReportProjectCreate = z.input<typeof ReportProjectCreateSchema>;

/** Body of `PATCH /api/report-projects/:id`: any of the fields. */
export const ReportProjectUpdateSchema = z
  .strictObject(ProjectFields)
  .partial()
  .refine(rangeInOrder, rangeIssue)
  .refine((p) => Object.keys(p).length > 0, { message: "nothing to change" });
export type ReportProjectUpdate = z.input<typeof ReportProjectUpdateSchema>;

/** A report project: what the evaluation report covers. */
export const ReportProjectSchema = z.object({
  id: Id,
  ...ProjectFields,
  createdBy: Id.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ReportProject = z.infer<typeof ReportProjectSchema>;

/** A section whose data comes from case work not recorded yet ("暂无数据"). */
export const NoDataSchema = z.object({ status: z.literal("no_data") });

const Count = z.object({ key: z.string(), label: z.string(), families: CellSchema, count: CellSchema });

/** Families served: how many, where, and why (presenting problems, from case work). */
export const FamiliesSectionSchema = z.object({
  total: CellSchema,
  byStation: z.array(z.object({ stationId: Id, name: z.string(), families: CellSchema })),
  byDistrict: z.array(z.object({ district: z.string(), families: CellSchema })),
});

/** Respite at stations: attended sessions and their hours. */
export const RespiteSectionSchema = z.object({
  families: CellSchema,
  sessions: CellSchema,
  hours: CellSchema,
});

/** Peer groups the families' caregivers joined or posted in (counts only). */
export const GroupsSectionSchema = z.object({
  families: CellSchema,
  groups: CellSchema,
  messages: CellSchema,
});

/**
 * Group activities (issue 19 §4, decision 149): sessions held in the range that the families'
 * caregivers attended (attendance recorded as attended), in total and by kind, and how many
 * caregivers and families attended at least one. Suppressed below 5 families, per kind too.
 */
export const GroupActivitiesSectionSchema = z.object({
  families: CellSchema,
  caregivers: CellSchema,
  sessions: CellSchema,
  byKind: z.array(z.object({ kind: z.enum(ACTIVITY_KINDS), families: CellSchema, sessions: CellSchema })),
});

/** Crisis and stress alerts for the project's families in the range. */
export const SafeguardingSectionSchema = z.object({
  families: CellSchema,
  alerts: CellSchema,
  crisis: CellSchema,
  stress: CellSchema,
  acknowledged: CellSchema,
  escalated: CellSchema,
  medianMinutesToAcknowledge: CellSchema.nullable(),
  p90MinutesToAcknowledge: CellSchema.nullable(),
  /** Incident reports at stations about the families (issue 19 §3), suppressed below 5 families. */
  incidents: CellSchema,
});

/** Case-work figures (C1): counts by category, each with the families it is about. */
export const CaseworkSectionSchema = z.union([
  NoDataSchema,
  z.object({
    status: z.literal("ok"),
    presentingProblems: z.array(Count),
    contactsByType: z.array(Count),
    referrals: z.array(Count),
    stagesReached: z.array(Count),
  }),
]);

/** The paired test of one scale total or sub-scale (docs/decisions/130). */
export const OutcomeRowSchema = z.object({
  /** "total" or a sub-scale id. */
  dimension: z.string(),
  label: z.string(),
  n: CellSchema,
  medianPre: CellSchema.nullable(),
  medianPost: CellSchema.nullable(),
  medianChange: CellSchema.nullable(),
  /** V: the sum of the ranks of the positive differences (post - pre). */
  statistic: CellSchema.nullable(),
  pValue: CellSchema.nullable(),
  method: z.enum(["exact", "normal_approximation"]).nullable(),
  /** Matched-pairs rank-biserial correlation, -1..1 (positive: scores rose). */
  effectSize: CellSchema.nullable(),
  /** Families by reliable change (Jacobson & Truax); null without a published norm. */
  reliableChange: z
    .object({ improved: CellSchema, unchanged: CellSchema, deteriorated: CellSchema })
    .nullable(),
});
export type OutcomeRow = z.infer<typeof OutcomeRowSchema>;

/** Outcomes (C2): pre/post per scale and dimension for families with both. */
export const OutcomesSectionSchema = z.union([
  NoDataSchema,
  z.object({
    status: z.literal("ok"),
    scales: z.array(z.object({ scaleId: z.string(), name: z.string(), rows: z.array(OutcomeRowSchema) })),
  }),
]);

/** The evaluation report of a project, every figure anonymised and small cells suppressed. */
export const ProjectReportSchema = z.object({
  project: ReportProjectSchema,
  generatedAt: IsoDateTime,
  families: FamiliesSectionSchema,
  respite: RespiteSectionSchema,
  groups: GroupsSectionSchema,
  groupActivities: GroupActivitiesSectionSchema,
  safeguarding: SafeguardingSectionSchema,
  casework: CaseworkSectionSchema,
  outcomes: OutcomesSectionSchema,
});
export type ProjectReport = z.infer<typeof ProjectReportSchema>;

/** Query of `GET /api/report-projects/:id/report` (and `.csv`): the language of labels. */
export const ProjectReportQuery = z.strictObject({ locale: z.enum(["zh-CN", "en"]).default("zh-CN") });
