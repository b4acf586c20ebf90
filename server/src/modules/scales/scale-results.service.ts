import type { ScaleResults } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { FamiliesService } from "../families/families.service.js";
import { createScaleAccess, definitionLookup } from "./scale-access.js";
import { scaleResult } from "./scale-results.js";
import { type AdministrationRow, scalesRepo } from "./scales.repo.js";

/** A family's scale results: the caregivers of the family, its social workers and admins (staff reads audited). */
export function createScaleResultsService(deps: Deps, families: FamiliesService) {
  const { db } = deps;
  const access = createScaleAccess(db, families);
  return {
    async results(user: AuthUser, familyId: string): Promise<ScaleResults> {
      await access.assertFamily(user, familyId);
      const rows = await scalesRepo.completedOfFamily(db, familyId);
      const byScale = new Map<string, AdministrationRow[]>();
      for (const row of rows) byScale.set(row.scaleId, [...(byScale.get(row.scaleId) ?? []), row]);
      const defOf = await definitionLookup(db, rows);
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
