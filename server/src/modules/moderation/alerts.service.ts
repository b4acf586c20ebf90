import type { Dashboard } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import type { AuthUser } from "../auth/access-token.js";
import { moderatedGroupIds } from "../groups/groups.repo.js";
import type { GroupsService } from "../groups/groups.service.js";
import { createAlertFollowUp } from "./alert-follow-up.js";
import { createAlertRaising } from "./alert-raising.js";
import { presentAlerts } from "./alerts.presenter.js";
import { type AlertVisibility, alertsRepo } from "./alerts.repo.js";
import { alertsDashboardRepo } from "./alerts-dashboard.repo.js";
import { createCrisisHelp } from "./crisis-help.js";
import type { DutyHoursService } from "./duty-hours.service.js";
import { moderationScope } from "./scope.js";

/**
 * Safety alerts (docs/decisions/072): crisis talk in a group (raised inside the send transaction,
 * for the group's moderators) and high or rising stress (for the family's social workers). Each is
 * open until someone acknowledges it with a follow-up note; anyone allowed may claim it first.
 * Composed of raising (`alert-raising.ts`), the list and dashboard here, follow-up (claiming and
 * acknowledging, `alert-follow-up.ts`) and crisis help (decision 100). Escalation of
 * unacknowledged alerts is in `alert-escalation.ts`.
 */
export function createAlertsService(deps: Deps, groups: GroupsService, duty: DutyHoursService) {
  const { db, config } = deps;

  async function visibility(user: AuthUser): Promise<AlertVisibility> {
    if (user.role === "admin") return "all";
    return { userId: user.id, groups: await moderatedGroupIds(db, user.id) };
  }

  return {
    async list(user: AuthUser, q: { status: "open" | "acknowledged" | "all"; groupId?: string | undefined }) {
      if (q.groupId) await groups.requireModerator(user, q.groupId);
      const rows = await alertsRepo.list(db, await visibility(user), {
        status: q.status,
        ...(q.groupId ? { groupId: q.groupId } : {}),
      });
      return { alerts: await presentAlerts(db, rows) };
    },

    async dashboard(user: AuthUser, groupId: string | undefined): Promise<Dashboard> {
      const scope = await moderationScope(db, groups, user, groupId);
      // One group: only its alerts; otherwise everything the caller may see.
      const v: AlertVisibility = groupId ? { groups: scope } : await visibility(user);
      const [totals, weeks] = await Promise.all([
        alertsDashboardRepo.totals(db, v, scope),
        alertsDashboardRepo.weeks(db, v, {
          now: new Date(),
          timeZone: config.timeZone,
          inTimeSeconds: config.escalateAfterSeconds,
        }),
      ]);
      return { ...totals, weeks };
    },

    ...createAlertRaising(deps, duty),
    ...createAlertFollowUp(deps, groups),
    ...createCrisisHelp(deps),
  };
}
export type AlertsService = ReturnType<typeof createAlertsService>;
