import {
  type CheckinCreated,
  type CheckinCreateInput,
  type FamilyUrgentInput,
  isHighStress,
  STRESS_RISE_DAYS,
} from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { forbidden, invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../../middlewares/auth.js";
import type { FamiliesService } from "../families/families.service.js";
import { presentCheckin, stressTrend } from "./checkins.presenter.js";
import { checkinsRepo } from "./checkins.repo.js";

const DAY = 86_400_000;

/**
 * Stress check-ins (a caregiver rates their own parenting stress 1-5) and the social worker's
 * urgent flag. Both feed the waitlist order; the family's social worker reads the trend.
 */
export function createCheckinsService({ db, logger }: Deps, families: FamiliesService) {
  return {
    /** Record a check-in; `high` (see `isHighStress`) tells the client to offer respite at once. */
    async create(user: AuthUser, input: CheckinCreateInput): Promise<CheckinCreated> {
      if (user.role !== "caregiver" || !user.familyId)
        throw forbidden("Only a family's caregiver can check in");
      const earlier = await checkinsRepo.since(
        db,
        user.familyId,
        new Date(Date.now() - STRESS_RISE_DAYS * DAY),
      );
      const row = await checkinsRepo.insert(db, {
        familyId: user.familyId,
        userId: user.id,
        stress: input.stress,
        note: input.note?.trim() ? input.note : null,
      });
      const high = isHighStress(
        row.stress,
        earlier.map((v) => v.checkin.stress),
      );
      return {
        ...presentCheckin({ checkin: row, user: { id: user.id, displayName: user.displayName } }),
        high,
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
      const views = await checkinsRepo.since(db, target, new Date(now.getTime() - 90 * DAY));
      return { checkins: views.map(presentCheckin), trend: stressTrend(views, now) };
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
