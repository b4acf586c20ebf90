import { z } from "zod";
import { GroupUserParams } from "../schemas/groups.js";
import { ReasonSchema } from "../schemas/moderation.js";
import { defineRoutes } from "./define.js";

const MODERATORS = ["social_worker", "admin"] as const;
const Ok = z.object({ ok: z.literal(true) });

/** Moderation and safeguarding (issue 4). Every action is audited. */
export const moderationRoutes = defineRoutes({
  removeMember: {
    method: "post",
    path: "/api/groups/:id/members/:userId/remove",
    summary: "Remove a member from the group (they may rejoin); their sockets leave at once",
    tag: "moderation",
    access: MODERATORS,
    relations: ["group_moderator"],
    params: GroupUserParams,
    body: ReasonSchema,
    response: Ok,
  },
});
