import { z } from "zod";
import { IdParams } from "../schemas/common.js";
import {
  ConversationSchema,
  FamilyContactsSchema,
  OpenConversationSchema,
} from "../schemas/conversations.js";
import { defineRoutes } from "./define.js";

/** The two sides of a private conversation: a family's caregivers and its social workers. */
const DIRECT_ROLES = ["caregiver", "social_worker"] as const;

/** Reaching a family: its phone numbers and private conversations with its social worker (issue 13 §4). */
export const directRoutes = defineRoutes({
  listConversations: {
    method: "get",
    path: "/api/conversations",
    summary: "The caller's private conversations (caregiver: with the family's social workers), unread first",
    tag: "conversations",
    access: DIRECT_ROLES,
    relations: ["own_family", "assigned_social_worker"],
    response: z.object({ conversations: z.array(ConversationSchema) }),
  },
  openConversation: {
    method: "post",
    path: "/api/conversations",
    summary: "Open (create or get) the private conversation between a family and its assigned social worker",
    tag: "conversations",
    access: DIRECT_ROLES,
    relations: ["own_family", "assigned_social_worker"],
    unscoped: [],
    body: OpenConversationSchema,
    response: ConversationSchema,
  },
  familyContacts: {
    method: "get",
    path: "/api/families/:id/contacts",
    summary:
      "A family's phone numbers: its assigned social workers, and staff of a station it is booked at (roster window); every read is audited",
    tag: "families",
    access: ["social_worker", "station_staff", "admin"],
    relations: ["assigned_social_worker", "station_staff"],
    params: IdParams,
    response: FamilyContactsSchema,
  },
});
