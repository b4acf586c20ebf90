import { z } from "zod";
import {
  CareNeedTypeCreateSchema,
  CareNeedTypeSchema,
  ChildCareNeedsPutSchema,
  ChildCareNeedsSchema,
  ChildIdParams,
} from "../schemas/care-needs.js";
import { ALL_ROLES, defineRoutes } from "./define.js";

/** The managed list of care needs and each child's needs (issue 19 §1, decision 137). */
export const careNeedRoutes = defineRoutes({
  listCareNeedTypes: {
    method: "get",
    path: "/api/care-need-types",
    summary: "The managed list of care needs (with inactive ones)",
    tag: "care-needs",
    access: ALL_ROLES,
    response: z.object({ types: z.array(CareNeedTypeSchema) }),
  },
  createCareNeedType: {
    method: "post",
    path: "/api/care-need-types",
    summary: "Add a care need to the managed list",
    tag: "care-needs",
    access: ["admin"],
    body: CareNeedTypeCreateSchema,
    response: CareNeedTypeSchema,
    status: 201,
  },
  getChildCareNeeds: {
    method: "get",
    path: "/api/children/:childId/care-needs",
    summary: "A child's care needs with instructions (staff reads are audited)",
    tag: "care-needs",
    access: ALL_ROLES,
    relations: ["own_family", "assigned_social_worker", "station_staff"],
    params: ChildIdParams,
    response: ChildCareNeedsSchema,
  },
  putChildCareNeeds: {
    method: "put",
    path: "/api/children/:childId/care-needs",
    summary: "Replace a child's care needs",
    tag: "care-needs",
    access: ["caregiver", "social_worker", "admin"],
    relations: ["own_family", "assigned_social_worker"],
    params: ChildIdParams,
    body: ChildCareNeedsPutSchema,
    response: ChildCareNeedsSchema,
  },
});
