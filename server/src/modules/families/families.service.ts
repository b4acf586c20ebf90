import type { Family } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { AppError, assertFound, forbidden, invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../../middlewares/auth.js";
import { usersRepo } from "../users/users.repo.js";
import { type FamilyRow, familiesRepo } from "./families.repo.js";

/** Families: the case unit, and who may see which one. */
export function createFamiliesService({ db }: Deps) {
  async function present(rows: FamilyRow[]): Promise<Family[]> {
    const { caregivers, socialWorkers } = await familiesRepo.people(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((f) => ({
      id: f.id,
      inviteCode: f.inviteCode,
      urgent: f.urgent,
      createdAt: f.createdAt.toISOString(),
      caregivers: caregivers
        .filter((c) => c.familyId === f.id)
        .map(({ id, displayName }) => ({ id, displayName })),
      socialWorkers: socialWorkers
        .filter((s) => s.familyId === f.id)
        .map(({ id, displayName }) => ({ id, displayName })),
    }));
  }

  return {
    /** True if `user` may see and act for family `familyId` (own family, assigned social worker, admin). */
    async canAccess(user: AuthUser, familyId: string): Promise<boolean> {
      if (user.role === "admin") return true;
      if (user.role === "caregiver") return user.familyId === familyId;
      if (user.role === "social_worker") return familiesRepo.isAssigned(db, familyId, user.id);
      return false;
    },

    async mine(user: AuthUser): Promise<Family> {
      const row = assertFound(
        user.familyId ? await familiesRepo.byId(db, user.familyId) : undefined,
        "family",
      );
      return (await present([row]))[0]!;
    },

    async list(user: AuthUser): Promise<Family[]> {
      const rows =
        user.role === "admin" ? await familiesRepo.listAll(db) : await familiesRepo.listAssigned(db, user.id);
      return present(rows);
    },

    async assignSocialWorker(actor: AuthUser, familyId: string, socialWorkerId: string): Promise<Family> {
      if (actor.role !== "admin") throw forbidden("Only an admin can assign social workers");
      const family = assertFound(await familiesRepo.byId(db, familyId), "family");
      const sw = await usersRepo.byId(db, socialWorkerId);
      if (sw?.role !== "social_worker") throw invalid("socialWorkerId", "is not a social worker");
      await familiesRepo.assign(db, family.id, sw.id);
      return (await present([family]))[0]!;
    },

    /** Resolve an invite code to a family id (registration). */
    async familyForInvite(code: string): Promise<string> {
      const family = await familiesRepo.byInviteCode(db, code);
      if (!family)
        throw new AppError("VALIDATION_FAILED", "inviteCode: no family has this code", {
          fields: { inviteCode: "no family has this code" },
        });
      return family.id;
    },

    notFound: () => notFound("family"),
  };
}
export type FamiliesService = ReturnType<typeof createFamiliesService>;
