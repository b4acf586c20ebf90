import { z } from "zod";
import { HOUSEHOLD_STATUSES } from "../enums.js";
import { LIMITS } from "../limits.js";
import { Id, IsoDateTime } from "./common.js";

/** A family invite code as typed: case and surrounding spaces do not matter. */
export const InviteCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[A-Z0-9]{${LIMITS.inviteCodeLength}}$`), "must be 8 letters or digits");

/** A request to join a family, as the family's caregivers and social workers see it. */
export const JoinRequestSchema = z.object({
  id: Id,
  requesterId: Id,
  displayName: z.string(),
  createdAt: IsoDateTime,
});
export type JoinRequest = z.infer<typeof JoinRequestSchema>;

/**
 * A family as its own caregivers (and its social worker) see it. The invite code is shown to the
 * family's own caregivers only (null for everyone else, and when no code is open).
 */
export const FamilySchema = z.object({
  id: Id,
  inviteCode: z.string().nullable(),
  inviteExpiresAt: IsoDateTime.nullable(),
  caregivers: z.array(z.object({ id: Id, displayName: z.string() })),
  socialWorkers: z.array(z.object({ id: Id, displayName: z.string() })),
  /** Pending requests to join (for the family's caregivers, its social workers and admins). */
  joinRequests: z.array(JoinRequestSchema),
  urgent: z.boolean(),
  /** For matching policy cards (decision 128); null until the caregiver or her social worker records it. */
  householdStatus: z.enum(HOUSEHOLD_STATUSES).nullable(),
  createdAt: IsoDateTime,
});
export type Family = z.infer<typeof FamilySchema>;

/** A fresh invite code (the previous one stops working). */
export const InviteCodeResultSchema = z.object({ inviteCode: z.string(), inviteExpiresAt: IsoDateTime });

/** The caller's own request to join a family, if she has one waiting. */
export const MyJoinRequestSchema = z.object({
  request: z.object({ id: Id, status: z.literal("pending"), createdAt: IsoDateTime }).nullable(),
});
export type MyJoinRequest = z.infer<typeof MyJoinRequestSchema>;

/** A caregiver of the family (or its social worker) approves or declines a join request. */
export const DecideJoinRequestSchema = z.strictObject({ decision: z.enum(["approve", "decline"]) });
export type DecideJoinRequestInput = z.infer<typeof DecideJoinRequestSchema>;

/** Admin or social worker assigns a social worker to a family. */
export const AssignSocialWorkerSchema = z.strictObject({ socialWorkerId: Id });
export type AssignSocialWorkerInput = z.infer<typeof AssignSocialWorkerSchema>;
