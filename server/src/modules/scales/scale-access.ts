import type { AdministrationDetail, ScaleDefinition } from "@carecircle/shared";
import type { Db, DbOrTx } from "../../db/client.js";
import { conflict, invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import type { FamiliesService } from "../families/families.service.js";
import { usersRepo } from "../users/users.repo.js";
import { definitionOf, presentDetail } from "./scales.presenter.js";
import { type AdministrationView, scalesRepo } from "./scales.repo.js";

/** 409 unless an administration is still in progress (answering, completing, abandoning). */
export function inProgress(status: string | undefined): void {
  if (status !== "in_progress") throw conflict(`This questionnaire is ${status}`, { status });
}

/** The definition each administration was started with (one query for all of them). */
export async function definitionLookup(
  db: DbOrTx,
  rows: readonly { scaleId: string; scaleVersion: number }[],
): Promise<(row: { scaleId: string; scaleVersion: number }) => ScaleDefinition> {
  const stored = await scalesRepo.ofScales(db, [...new Set(rows.map((r) => r.scaleId))]);
  const defs = new Map(stored.map((r) => [`${r.id}@${r.version}`, definitionOf(r)]));
  return (row) => defs.get(`${row.scaleId}@${row.scaleVersion}`)!;
}

/** Every administration of a family with its answers, newest first (the data export). */
export async function familyAdministrations(db: DbOrTx, familyId: string): Promise<AdministrationDetail[]> {
  const views = await scalesRepo.ofFamily(db, familyId);
  const defOf = await definitionLookup(
    db,
    views.map((v) => v.a),
  );
  return views.map((v) => presentDetail(v, defOf(v.a)));
}

/**
 * Who may reach what (docs/decisions/126): staff reach the families they may access (admins all),
 * a caregiver her own family, and of its administrations only those sent to her.
 */
export function createScaleAccess(db: Db, families: FamiliesService) {
  /** The administration `user` may read and fill, with its definition; 404 otherwise. */
  async function reachable(
    user: AuthUser,
    id: string,
  ): Promise<{ v: AdministrationView; def: ScaleDefinition }> {
    const v = await scalesRepo.administration(db, id);
    if (!v) throw notFound("administration");
    const mine =
      user.role === "caregiver"
        ? user.familyId === v.a.familyId && v.a.respondentUserId === user.id
        : await families.canAccess(user, v.a.familyId);
    if (!mine) throw notFound("administration");
    const row = await scalesRepo.version(db, v.a.scaleId, v.a.scaleVersion);
    return { v, def: definitionOf(row!) };
  }

  /** The newest version of an offered scale that has items. */
  async function offered(scaleId: string): Promise<ScaleDefinition> {
    const [newest] = await scalesRepo.versionsOf(db, scaleId);
    if (!newest) throw invalid("scaleId", "no such scale");
    if (!newest.active) throw invalid("scaleId", "this scale is no longer offered");
    const def = definitionOf(newest);
    if (def.items.length === 0) throw invalid("scaleId", "this scale has no items yet (enter them first)");
    return def;
  }

  async function assertCaregiverOf(familyId: string, caregiverId: string): Promise<void> {
    const target = await usersRepo.byId(db, caregiverId);
    if (target?.role !== "caregiver" || target.familyId !== familyId || target.status !== "active")
      throw invalid("caregiverId", "is not a caregiver of this family");
  }

  async function assertFamily(user: AuthUser, familyId: string): Promise<void> {
    const ok =
      user.role === "caregiver" ? user.familyId === familyId : await families.canAccess(user, familyId);
    if (!ok) throw notFound("family");
  }
  return { reachable, offered, assertCaregiverOf, assertFamily };
}
