import {
  FAMILY_RESILIENCE_TEMPLATE,
  type ScaleDefinition,
  type ScaleList,
  type ScaleSummary,
  SSRS,
} from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import { isPgError, PG } from "../../db/errors.js";
import type { Deps } from "../../deps.js";
import { conflict, invalid, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { presentScale } from "./scales.presenter.js";
import { type ScaleDefinitionRow, scalesRepo } from "./scales.repo.js";

/** The scales every deployment has from the start (decision 121). */
export const BUILT_IN_SCALES: readonly ScaleDefinition[] = [SSRS, FAMILY_RESILIENCE_TEMPLATE];

function groupVersions(rows: ScaleDefinitionRow[]): ScaleDefinitionRow[][] {
  const bySlug = new Map<string, ScaleDefinitionRow[]>();
  for (const row of rows) bySlug.set(row.id, [...(bySlug.get(row.id) ?? []), row]);
  return [...bySlug.values()];
}

/**
 * Scales as data, kept by admins without code (docs/decisions/126): a definition is validated by
 * `ScaleDefinitionSchema` at the route, stored as a version, and never changed; a change is the
 * next version, so answered administrations keep the version they were filled with.
 */
export function createScaleDefinitionsService(deps: Deps) {
  const { db } = deps;

  async function save(user: AuthUser, def: ScaleDefinition, expectNew: boolean): Promise<ScaleSummary> {
    try {
      return await db.transaction(async (tx) => {
        const versions = await scalesRepo.versionsOf(tx, def.id, true);
        if (!expectNew && versions.length === 0) throw notFound("scale");
        const expectedVersion = (versions[0]?.version ?? 0) + 1;
        if (expectNew && versions.length > 0)
          throw conflict("A scale with this id exists; save a new version of it", { expectedVersion });
        if (def.version !== expectedVersion)
          throw conflict(`The next version of this scale is ${expectedVersion}`, { expectedVersion });
        return insertVersion(tx, user, def, versions[0]?.active ?? true);
      });
    } catch (err) {
      // Two admins saving the same version at once: the second to commit is told so.
      if (isPgError(err, PG.uniqueViolation)) throw conflict("This version was just saved by someone else");
      throw err;
    }
  }

  async function insertVersion(tx: Tx, user: AuthUser, def: ScaleDefinition, active: boolean) {
    await scalesRepo.insertVersion(tx, {
      id: def.id,
      version: def.version,
      definition: def,
      active,
      createdBy: user.id,
    });
    await auditRepo.append(tx, {
      actorId: user.id,
      action: "scale_saved",
      after: { scaleId: def.id, version: def.version },
    });
    return presentScale(await scalesRepo.versionsOf(tx, def.id));
  }

  return {
    /** Store the built-in scales' shipped versions (idempotent; safe with several nodes). */
    async seedBuiltIns(): Promise<void> {
      for (const def of BUILT_IN_SCALES) await scalesRepo.seed(db, def.id, def.version, def);
    },

    /** Every scale for admins; the active ones for social workers. */
    async list(user: AuthUser): Promise<ScaleList> {
      const scales = groupVersions(await scalesRepo.allVersions(db)).map(presentScale);
      return { scales: user.role === "admin" ? scales : scales.filter((s) => s.active) };
    },

    /** Add a new scale (its version must be 1). */
    create: (user: AuthUser, def: ScaleDefinition) => save(user, def, true),

    /** Add the next version of scale `slug` (the definition's id must be `slug`). */
    addVersion(user: AuthUser, slug: string, def: ScaleDefinition): Promise<ScaleSummary> {
      if (def.id !== slug)
        throw invalid("definition.id", `must be "${slug}", the scale this version belongs to`);
      return save(user, def, false);
    },

    /** Offer a scale for new administrations or stop offering it (every version alike). */
    async setActive(user: AuthUser, slug: string, active: boolean): Promise<ScaleSummary> {
      return db.transaction(async (tx) => {
        if ((await scalesRepo.setActive(tx, slug, active)) === 0) throw notFound("scale");
        await auditRepo.append(tx, {
          actorId: user.id,
          action: "scale_active_changed",
          after: { scaleId: slug, active },
        });
        return presentScale(await scalesRepo.versionsOf(tx, slug));
      });
    },
  };
}
export type ScaleDefinitionsService = ReturnType<typeof createScaleDefinitionsService>;
