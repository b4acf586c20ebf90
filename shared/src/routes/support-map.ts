import { z } from "zod";
import { IdParams, OkSchema } from "../schemas/common.js";
import {
  SupportMapSchema,
  SupportMapSnapshotSchema,
  SupportTieCreateSchema,
  SupportTieParams,
  SupportTieSchema,
  SupportTieUpdateSchema,
} from "../schemas/support-map.js";
import { defineRoutes } from "./define.js";

const STAFF = { access: ["social_worker", "admin"], relations: ["assigned_social_worker"] } as const;
const READERS = {
  access: ["caregiver", "social_worker", "admin"],
  relations: ["own_family", "assigned_social_worker"],
} as const;
const TIE = z.object({ tie: SupportTieSchema });

/**
 * The support-network map (issue 18 §3, decision 135): ties the platform sees (groups, stations,
 * the social worker) derived on read, ties the social worker records, and snapshots of the map at
 * case stage changes or on demand. Staff reads are audited (`support_map_viewed`).
 */
export const supportMapRoutes = defineRoutes({
  getSupportMap: {
    method: "get",
    path: "/api/families/:id/support-map",
    summary: "A family's support ties now, platform and recorded, with counts per kind and strength",
    tag: "support-map",
    ...READERS,
    params: IdParams,
    response: z.object({ map: SupportMapSchema }),
  },
  addSupportTie: {
    method: "post",
    path: "/api/families/:id/support-ties",
    summary: "Record a tie the platform cannot see (a relative, a neighbour...)",
    tag: "support-map",
    ...STAFF,
    params: IdParams,
    body: SupportTieCreateSchema,
    response: TIE,
    status: 201,
  },
  updateSupportTie: {
    method: "patch",
    path: "/api/families/:id/support-ties/:tieId",
    summary: "Change a recorded tie (kind, label, strength, dimensions)",
    tag: "support-map",
    ...STAFF,
    params: SupportTieParams,
    body: SupportTieUpdateSchema,
    response: TIE,
  },
  deleteSupportTie: {
    method: "delete",
    path: "/api/families/:id/support-ties/:tieId",
    summary: "Remove a recorded tie",
    tag: "support-map",
    ...STAFF,
    params: SupportTieParams,
    response: OkSchema,
  },
  listSupportMapSnapshots: {
    method: "get",
    path: "/api/families/:id/support-map/snapshots",
    summary: "The map as it was at case stage changes and saved snapshots, oldest first",
    tag: "support-map",
    ...READERS,
    params: IdParams,
    response: z.object({ snapshots: z.array(SupportMapSnapshotSchema) }),
  },
  saveSupportMapSnapshot: {
    method: "post",
    path: "/api/families/:id/support-map/snapshots",
    summary: "Save the map as it is now (linked to the family's open case, if any)",
    tag: "support-map",
    ...STAFF,
    params: IdParams,
    response: z.object({ snapshot: SupportMapSnapshotSchema }),
    status: 201,
  },
});
