import { z } from "zod";
import { Id, IsoDateTime } from "./common.js";

/** A family as its own caregivers (and its social worker) see it. */
export const FamilySchema = z.object({
  id: Id,
  inviteCode: z.string(),
  caregivers: z.array(z.object({ id: Id, displayName: z.string() })),
  socialWorkers: z.array(z.object({ id: Id, displayName: z.string() })),
  urgent: z.boolean(),
  createdAt: IsoDateTime,
});
export type Family = z.infer<typeof FamilySchema>;

/** Admin or social worker assigns a social worker to a family. */
export const AssignSocialWorkerSchema = z.strictObject({ socialWorkerId: Id });
export type AssignSocialWorkerInput = z.infer<typeof AssignSocialWorkerSchema>;
