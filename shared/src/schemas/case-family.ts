import { z } from "zod";
import { CASE_STAGES } from "./case-enums.js";
import { CaseGoalSchema, CaseRecordSchema, CaseSummarySchema } from "./cases.js";
import { Id, IsoDateTime } from "./common.js";

/*
 * A family's case as people outside it see it: the caregivers' plain view, and the line an
 * assigned colleague who is not on the case gets (decision 154). Neither carries case notes.
 */

/**
 * What the family's caregivers see (and export): stage, goals with progress, strengths, the
 * records shared with them. Never the problem note, the risk level, unshared records or reasons.
 */
export const FamilyCaseSchema = z.object({
  id: Id,
  stage: z.enum(CASE_STAGES),
  openedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  socialWorkers: z.array(z.object({ displayName: z.string(), lead: z.boolean() })),
  strengths: z.string().nullable(),
  goals: z.array(CaseGoalSchema.omit({ createdAt: true, updatedAt: true })),
  records: z.array(
    CaseRecordSchema.pick({
      id: true,
      kind: true,
      occurredOn: true,
      durationMinutes: true,
      notes: true,
      subject: true,
      followUpStatus: true,
    }),
  ),
});
export type FamilyCase = z.infer<typeof FamilyCaseSchema>;

const OpenCaseFields = { id: true, stage: true, source: true, openedAt: true, lead: true } as const;
/** A family's open case as its assigned social workers see it (decision 154): no content. */
export const FamilyOpenCaseSchema = z.object({
  openCase: CaseSummarySchema.pick(OpenCaseFields).extend({ onCase: z.boolean() }).nullable(),
});
export type FamilyOpenCase = z.infer<typeof FamilyOpenCaseSchema>;
