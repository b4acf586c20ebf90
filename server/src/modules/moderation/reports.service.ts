import type { QueueItem } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import type { AuthUser } from "../auth/access-token.js";
import type { GroupsService } from "../groups/groups.service.js";
import type { MessagesService } from "../messages/messages.service.js";
import type { AlertsService } from "./alerts.service.js";
import { createMessageModeration } from "./message-moderation.js";
import { createReportDecisions } from "./report-decisions.js";
import { createReportFiling } from "./report-filing.js";
import { buildQueue } from "./report-queue.js";
import type { SanctionsService } from "./sanctions.service.js";
import { moderationScope } from "./scope.js";

/**
 * Reports and the review queue. A message whose open reports weigh `hideThreshold` (one per
 * family, half for new accounts and non-posters: decision 087) is hidden from members until a
 * moderator decides, unless its author is a moderator, social worker or admin; a `crisis` report raises an alert (and never notifies
 * the author). Deciding closes every open report of the message and tells each reporter only
 * that their report was handled. Composed of direct moderation (`message-moderation.ts`), filing
 * (`report-filing.ts`), the queue here and decisions (`report-decisions.ts`; decision 100).
 */
export function createReportsService(
  deps: Deps,
  groups: GroupsService,
  messages: Pick<MessagesService, "loadVisible">,
  sanctions: SanctionsService,
  alerts: AlertsService,
) {
  const { db } = deps;
  return {
    ...createMessageModeration(deps, groups),
    ...createReportFiling(deps, messages, alerts),

    /** Open reports grouped by message: crisis first, then most reporters, then oldest. */
    async queue(user: AuthUser, groupId: string | undefined): Promise<{ items: QueueItem[] }> {
      const scope = await moderationScope(db, groups, user, groupId);
      return { items: await buildQueue(db, scope) };
    },

    ...createReportDecisions(deps, groups, sanctions),
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
