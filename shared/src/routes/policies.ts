import { IdParams, OkSchema } from "../schemas/common.js";
import { SendResultSchema } from "../schemas/messages.js";
import {
  AskAboutPolicySchema,
  HouseholdStatusSchema,
  PolicyCardCreateSchema,
  PolicyCardSchema,
  PolicyCardUpdateSchema,
  PolicyListQuery,
  PolicyListSchema,
  PolicyStatusSchema,
} from "../schemas/policies.js";
import { ALL_ROLES, defineRoutes } from "./define.js";

/** Who keeps the library: social workers (the "resource linker" role) and admins. */
const LIBRARIANS = ["social_worker", "admin"] as const;

/** The policy and resource library (issue 18 §5, decisions 128-129). */
export const policyRoutes = defineRoutes({
  listPolicyCards: {
    method: "get",
    path: "/api/policies",
    summary:
      "Published policy cards (librarians: any status), searched in Chinese; a caregiver's list starts with the cards that fit her children, each with why",
    tag: "policies",
    access: ALL_ROLES,
    query: PolicyListQuery,
    response: PolicyListSchema,
  },
  getPolicyCard: {
    method: "get",
    path: "/api/policies/:id",
    summary:
      "One policy card (drafts and archived cards: librarians only); a caregiver's copy says which children it fits",
    tag: "policies",
    access: ALL_ROLES,
    params: IdParams,
    response: PolicyCardSchema,
  },
  createPolicyCard: {
    method: "post",
    path: "/api/policies",
    summary: "Write a new policy card (a draft)",
    tag: "policies",
    access: LIBRARIANS,
    body: PolicyCardCreateSchema,
    response: PolicyCardSchema,
    status: 201,
  },
  updatePolicyCard: {
    method: "patch",
    path: "/api/policies/:id",
    summary: "Edit a policy card; a new review-by day re-arms its review reminder",
    tag: "policies",
    access: LIBRARIANS,
    params: IdParams,
    body: PolicyCardUpdateSchema,
    response: PolicyCardSchema,
  },
  setPolicyCardStatus: {
    method: "put",
    path: "/api/policies/:id/status",
    summary: "Publish, archive or withdraw (to draft) a policy card",
    tag: "policies",
    access: LIBRARIANS,
    params: IdParams,
    body: PolicyStatusSchema,
    response: PolicyCardSchema,
  },
  askAboutPolicyCard: {
    method: "post",
    path: "/api/policies/:id/ask",
    summary:
      "Ask the family's social worker about a published card: posts the card into their private conversation (opened if needed)",
    tag: "policies",
    access: ["caregiver"],
    relations: ["own_family"],
    params: IdParams,
    body: AskAboutPolicySchema,
    response: SendResultSchema,
  },
  setHouseholdStatus: {
    method: "put",
    path: "/api/families/:id/household-status",
    summary: "Record a family's household status (低保, 低收入, 残疾人家庭, none) used to match policy cards",
    tag: "families",
    access: ["caregiver", "social_worker", "admin"],
    relations: ["own_family", "assigned_social_worker"],
    params: IdParams,
    body: HouseholdStatusSchema,
    response: OkSchema,
  },
});
