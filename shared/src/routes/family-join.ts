import { z } from "zod";
import { Id, IdParams, OkSchema } from "../schemas/common.js";
import {
  DecideJoinRequestSchema,
  FamilySchema,
  InviteCodeResultSchema,
  MyJoinRequestSchema,
} from "../schemas/families.js";
import { defineRoutes } from "./define.js";

/** Who belongs to a family: invite codes, join requests, removing a caregiver (decision 080). */
export const familyJoinRoutes = defineRoutes({
  newInviteCode: {
    method: "post",
    path: "/api/family/invite-code",
    summary: "Create a new invite code for the caller's family (the previous one stops working)",
    tag: "families",
    access: ["caregiver"],
    relations: ["own_family"],
    response: InviteCodeResultSchema,
  },
  myJoinRequest: {
    method: "get",
    path: "/api/family/join-request",
    summary: "The caller's own request to join a family, if one is waiting",
    tag: "families",
    access: ["caregiver"],
    relations: ["self"],
    response: MyJoinRequestSchema,
  },
  cancelJoinRequest: {
    method: "delete",
    path: "/api/family/join-request",
    summary: "Withdraw the caller's waiting request to join a family",
    tag: "families",
    access: ["caregiver"],
    relations: ["self"],
    response: OkSchema,
  },
  decideJoinRequest: {
    method: "post",
    path: "/api/join-requests/:id/decision",
    summary: "Approve or decline a request to join the family (its caregivers and social workers)",
    tag: "families",
    access: ["caregiver", "social_worker", "admin"],
    relations: ["own_family", "assigned_social_worker"],
    params: IdParams,
    body: DecideJoinRequestSchema,
    response: FamilySchema,
  },
  removeCaregiver: {
    method: "delete",
    path: "/api/families/:id/caregivers/:userId",
    summary: "Remove another caregiver from the family (never the last one); audited",
    tag: "families",
    access: ["caregiver", "admin"],
    relations: ["own_family"],
    params: z.strictObject({ id: Id, userId: Id }),
    response: FamilySchema,
  },
});
