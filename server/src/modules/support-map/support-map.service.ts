import {
  MAX_RECORDED_TIES,
  type SnapshotReason,
  type SupportMap,
  type SupportMapSnapshot,
  type SupportTie,
  type SupportTieCreateInput,
  type SupportTieUpdateInput,
} from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { conflict, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { familiesRepo } from "../families/families.repo.js";
import type { FamiliesService } from "../families/families.service.js";
import { type SnapshotRow, supportMapRepo } from "./support-map.repo.js";
import { countTies, familyTies, presentRecordedTie } from "./support-ties.js";

/** A stored snapshot as the API shows it. */
export function presentSnapshot(row: SnapshotRow): SupportMapSnapshot {
  const ties = row.ties as SupportTie[];
  return {
    id: row.id,
    familyId: row.familyId,
    caseId: row.caseId,
    reason: row.reason,
    takenAt: row.takenAt.toISOString(),
    ties,
    counts: countTies(ties),
  };
}

/**
 * Store the family's map as it is now, inside the caller's transaction: case stage changes call
 * this (cases module) so "then" is exactly what the map showed when the stage began.
 */
export async function snapshotSupportMap(
  tx: DbOrTx,
  s: { familyId: string; caseId: string | null; reason: SnapshotReason; by: string | null },
): Promise<SnapshotRow> {
  const ties = await familyTies(tx, s.familyId);
  return supportMapRepo.insertSnapshot(tx, {
    familyId: s.familyId,
    caseId: s.caseId,
    reason: s.reason,
    ties,
    takenBy: s.by,
  });
}

/**
 * The support-network map (issue 18 §3, decision 135). Readers: the family's caregivers, its
 * assigned social workers and admins; writers: the social workers and admins. A caller who may
 * not reach the family gets 404; staff reads are audited.
 */
export function createSupportMapService(deps: Deps, families: FamiliesService) {
  const { db } = deps;

  async function reach(user: AuthUser, familyId: string): Promise<void> {
    const ok =
      user.role === "caregiver" ? user.familyId === familyId : await families.canAccess(user, familyId);
    // An admin reaches every family, but only one that exists.
    if (!ok || !(await familiesRepo.byId(db, familyId))) throw notFound("family");
  }
  async function audited(user: AuthUser, familyId: string, part: "map" | "snapshots"): Promise<void> {
    if (user.role !== "caregiver")
      await auditRepo.append(db, {
        actorId: user.id,
        action: "support_map_viewed",
        after: { familyId, part },
      });
  }
  async function ownTie(familyId: string, tieId: string) {
    const row = await supportMapRepo.tie(db, familyId, tieId);
    if (!row) throw notFound("support tie");
    return row;
  }

  return {
    async map(user: AuthUser, familyId: string): Promise<{ map: SupportMap }> {
      await reach(user, familyId);
      const ties = await familyTies(db, familyId);
      await audited(user, familyId, "map");
      return { map: { familyId, ties, counts: countTies(ties), at: new Date().toISOString() } };
    },

    async addTie(
      user: AuthUser,
      familyId: string,
      input: SupportTieCreateInput,
    ): Promise<{ tie: SupportTie }> {
      await reach(user, familyId);
      if ((await supportMapRepo.countRecorded(db, familyId)) >= MAX_RECORDED_TIES)
        throw conflict(`A family's map holds at most ${MAX_RECORDED_TIES} recorded ties`, {
          reason: "too_many_ties",
          max: MAX_RECORDED_TIES,
        });
      const row = await supportMapRepo.insertTie(db, { familyId, ...input, createdBy: user.id });
      return { tie: presentRecordedTie(row) };
    },

    async updateTie(
      user: AuthUser,
      familyId: string,
      tieId: string,
      input: SupportTieUpdateInput,
    ): Promise<{ tie: SupportTie }> {
      await reach(user, familyId);
      await ownTie(familyId, tieId);
      return { tie: presentRecordedTie(await supportMapRepo.updateTie(db, tieId, input)) };
    },

    async deleteTie(user: AuthUser, familyId: string, tieId: string): Promise<void> {
      await reach(user, familyId);
      await ownTie(familyId, tieId);
      await supportMapRepo.deleteTie(db, tieId);
    },

    async snapshots(user: AuthUser, familyId: string): Promise<{ snapshots: SupportMapSnapshot[] }> {
      await reach(user, familyId);
      const rows = await supportMapRepo.snapshots(db, familyId);
      await audited(user, familyId, "snapshots");
      return { snapshots: rows.map(presentSnapshot) };
    },

    async saveSnapshot(user: AuthUser, familyId: string): Promise<{ snapshot: SupportMapSnapshot }> {
      await reach(user, familyId);
      const row = await db.transaction(async (tx) =>
        snapshotSupportMap(tx, {
          familyId,
          caseId: await supportMapRepo.openCaseOf(tx, familyId),
          reason: "on_demand",
          by: user.id,
        }),
      );
      return { snapshot: presentSnapshot(row) };
    },
  };
}
export type SupportMapService = ReturnType<typeof createSupportMapService>;
