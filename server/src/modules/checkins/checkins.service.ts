import {
  type CheckinCreated,
  type CheckinCreateInput,
  type CrisisTier,
  type FamilyUrgentInput,
  isHighStress,
  STRESS_HIGH,
  STRESS_RISE_DAYS,
} from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { forbidden, invalid, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { FamiliesService } from "../families/families.service.js";
import { presentCheckin, presentCheckinForStaff, stressTrend } from "./checkins.presenter.js";
import { checkinsRepo } from "./checkins.repo.js";

const DAY = 86_400_000;

/** What the check-in needs from the alerts service. */
export interface StressAlerts {
  raiseStress(
    tx: Tx,
    uow: UnitOfWork,
    c: { familyId: string; checkinId: string; createdAt: Date; tier: CrisisTier },
  ): Promise<void>;
}

/**
 * Whether a check-in raises a stress alert (docs/decisions/073): the shared `isHighStress` rule decides;
 * a 5 is `intent`, a rise of 2 or more over the family's lowest check-in of the previous 7 days is
 * `distress`.
 */
export function stressAlertTier(stress: number, lowestBefore: number | null): CrisisTier | null {
  if (!isHighStress(stress, lowestBefore === null ? [] : [lowestBefore])) return null;
  return stress >= STRESS_HIGH ? "intent" : "distress";
}

/**
 * Stress check-ins (a caregiver rates their own parenting stress 1-5) and the social worker's
 * urgent flag. Both feed the waitlist order; the family's social worker reads the trend.
 */
export function createCheckinsService(deps: Deps, families: FamiliesService, alerts: StressAlerts) {
  const { db, logger } = deps;
  return {
    /**
     * Record a check-in; when it is high (`isHighStress`) a stress alert is raised in the same
     * transaction, and `high` tells the client to offer help and respite at once.
     */
    async create(user: AuthUser, input: CheckinCreateInput): Promise<CheckinCreated> {
      if (user.role !== "caregiver" || !user.familyId)
        throw forbidden("Only a family's caregiver can check in");
      const familyId = user.familyId;
      let tier: CrisisTier | null = null;
      const row = await unitOfWork(deps, async (tx, uow) => {
        const created = await checkinsRepo.insert(tx, {
          familyId,
          userId: user.id,
          stress: input.stress,
          note: input.note?.trim() ? input.note : null,
        });
        const since = new Date(created.createdAt.getTime() - STRESS_RISE_DAYS * DAY);
        const lowest = await checkinsRepo.lowestSince(tx, familyId, since, created.id);
        tier = stressAlertTier(created.stress, lowest);
        if (tier)
          await alerts.raiseStress(tx, uow, {
            familyId,
            checkinId: created.id,
            createdAt: created.createdAt,
            tier,
          });
        return created;
      });
      return {
        ...presentCheckin({ checkin: row, user: { id: user.id, displayName: user.displayName } }),
        high: tier !== null,
      };
    },

    async list(user: AuthUser, familyId?: string) {
      let target: string;
      if (user.role === "caregiver") {
        if (familyId && familyId !== user.familyId) throw notFound("family");
        target = user.familyId!;
      } else {
        if (!familyId) throw invalid("familyId", "is required for social workers and admins");
        if (!(await families.canAccess(user, familyId))) throw notFound("family");
        target = familyId;
      }
      const now = new Date();
      const since = new Date(now.getTime() - 90 * DAY);
      const views = await checkinsRepo.since(db, target, since);
      const trend = stressTrend(views, now);
      if (user.role === "caregiver") return { checkins: views.map(presentCheckin), trend };
      await auditRepo.append(db, {
        actorId: user.id,
        action: "checkins_viewed",
        after: { familyId: target, count: views.length },
      });
      const joins = await checkinsRepo.waitlistJoins(db, target, since);
      return { checkins: views.map((v) => presentCheckinForStaff(v, joins)), trend };
    },

    /** Set or clear the urgent flag of an assigned family (admins: any family). */
    async setUrgent(user: AuthUser, familyId: string, input: FamilyUrgentInput) {
      if (!(await families.canAccess(user, familyId))) throw notFound("family");
      const note = input.urgent && input.note?.trim() ? input.note : null;
      const row = await checkinsRepo.setUrgent(db, familyId, input.urgent, note);
      if (!row) throw notFound("family");
      logger.info(
        { event: "family_urgent", actorId: user.id, familyId, urgent: input.urgent },
        "urgent flag changed",
      );
      return { familyId: row.id, urgent: row.urgent, urgentNote: row.urgentNote };
    },
  };
}
export type CheckinsService = ReturnType<typeof createCheckinsService>;
