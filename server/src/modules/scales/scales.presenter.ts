import {
  type Administration,
  type AdministrationDetail,
  type ScaleAnswers,
  type ScaleDefinition,
  type ScaleSummary,
  type StoredScore,
  scoreScale,
} from "@carecircle/shared";
import type { AdministrationView, ScaleDefinitionRow } from "./scales.repo.js";

/** A stored definition (validated by `ScaleDefinitionSchema` before it was stored). */
export const definitionOf = (row: ScaleDefinitionRow): ScaleDefinition => row.definition as ScaleDefinition;

/** A scale from its versions, newest first. */
export function presentScale(versions: ScaleDefinitionRow[]): ScaleSummary {
  const newest = versions[0]!;
  const definition = definitionOf(newest);
  return {
    id: newest.id,
    version: newest.version,
    versions: versions.map((v) => v.version),
    active: newest.active,
    builtIn: newest.builtIn,
    itemCount: definition.items.length,
    definition,
    updatedAt: newest.createdAt.toISOString(),
  };
}

/** Items answered in full so far (a multi-part item counts once all its parts are). */
export function answeredCount(def: ScaleDefinition, answers: ScaleAnswers): number {
  const scored = scoreScale(def, answers);
  if (scored.ok) return def.items.length - scored.missing.length;
  return def.items.filter((item) => Object.hasOwn(answers, item.id)).length;
}

/** An administration without its answers. */
export function presentAdministration(v: AdministrationView, def: ScaleDefinition): Administration {
  const a = v.a;
  return {
    id: a.id,
    familyId: a.familyId,
    caseId: a.caseId,
    scaleId: a.scaleId,
    scaleVersion: a.scaleVersion,
    scaleName: def.name,
    occasion: a.occasion as Administration["occasion"],
    respondent: a.respondent as Administration["respondent"],
    respondentUser: v.respondentUser,
    status: a.status as Administration["status"],
    answeredCount: answeredCount(def, a.answers as ScaleAnswers),
    itemCount: def.items.length,
    revision: a.revision,
    startedBy: v.startedBy,
    startedAt: a.startedAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    completedAt: a.completedAt?.toISOString() ?? null,
    score: (a.score as StoredScore | null) ?? null,
  };
}

/** An administration with its definition and answers. */
export function presentDetail(v: AdministrationView, def: ScaleDefinition): AdministrationDetail {
  return { ...presentAdministration(v, def), definition: def, answers: v.a.answers as ScaleAnswers };
}
