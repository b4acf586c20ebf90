import type { ScaleResults } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { FamiliesService } from "../families/families.service.js";
import { scaleResult } from "./scale-results.js";
import { definitionOf } from "./scales.presenter.js";
import { type AdministrationRow, scalesRepo } from "./scales.repo.js";

/** A family's scale results: the caregivers of the family, its social workers and admins (staff reads audited). */
export function createScaleResultsService(deps: Deps, families: FamiliesService) {
  const { db } = deps;
  return {
    async results(user: AuthUser, familyId: string): Promise<ScaleResults> {
      const ok =
        user.role === "caregiver" ? user.familyId === familyId : await families.canAccess(user, familyId);
      if (!ok) throw notFound("family");
      const rows = await scalesRepo.completedOfFamily(db, familyId);
      const byScale = new Map<string, AdministrationRow[]>();
      for (const row of rows) byScale.set(row.scaleId, [...(byScale.get(row.scaleId) ?? []), row]);
      const defs = new Map(
        (await scalesRepo.ofScales(db, [...byScale.keys()])).map((r) => [
          `${r.id}@${r.version}`,
          definitionOf(r),
        ]),
      );
      const defOf = (row: AdministrationRow) => defs.get(`${row.scaleId}@${row.scaleVersion}`)!;
      if (user.role !== "caregiver")
        await auditRepo.append(db, {
          actorId: user.id,
          action: "scale_results_viewed",
          after: { familyId, administrations: rows.length },
        });
      return { familyId, scales: [...byScale.values()].map((list) => scaleResult(list, defOf)) };
    },
  };
}
export type ScaleResultsService = ReturnType<typeof createScaleResultsService>;
