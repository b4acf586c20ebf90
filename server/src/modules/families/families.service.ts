import type { Family } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { assertFound, forbidden, invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { usersRepo } from "../users/users.repo.js";
import { type FamilyRow, familiesRepo } from "./families.repo.js";
import { joinRequestsRepo } from "./join-requests.repo.js";

/** The code is for the family's own caregivers only (never staff), and only while it is open. */
function visibleInvite(f: FamilyRow, viewer: AuthUser, now: Date) {
  const own = viewer.role === "caregiver" && viewer.familyId === f.id;
  const open = own && f.inviteCode !== null && f.inviteExpiresAt !== null && f.inviteExpiresAt > now;
  return open
    ? { inviteCode: f.inviteCode, inviteExpiresAt: f.inviteExpiresAt!.toISOString() }
    : { inviteCode: null, inviteExpiresAt: null };
}

/** Families: the case unit, and who may see which one. */
export function createFamiliesService({ db }: Deps) {
  async function present(rows: FamilyRow[], viewer: AuthUser): Promise<Family[]> {
    const ids = rows.map((r) => r.id);
    const { caregivers, socialWorkers } = await familiesRepo.people(db, ids);
    const requests = await joinRequestsRepo.pendingFor(db, ids);
    const now = new Date();
    return rows.map((f) => ({
      id: f.id,
      ...visibleInvite(f, viewer, now),
      joinRequests: requests
        .filter((r) => r.familyId === f.id)
        .map((r) => ({
          id: r.id,
          requesterId: r.requesterId,
          displayName: r.displayName,
          createdAt: r.createdAt.toISOString(),
        })),
      urgent: f.urgent,
      householdStatus: f.householdStatus,
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
      return (await present([row], user))[0]!;
    },

    /** One family as `viewer` may see it (after a membership change). */
    async presentOne(familyId: string, viewer: AuthUser): Promise<Family> {
      const row = assertFound(await familiesRepo.byId(db, familyId), "family");
      return (await present([row], viewer))[0]!;
    },

    async list(user: AuthUser): Promise<Family[]> {
      const rows =
        user.role === "admin" ? await familiesRepo.listAll(db) : await familiesRepo.listAssigned(db, user.id);
      return present(rows, user);
    },

    async assignSocialWorker(actor: AuthUser, familyId: string, socialWorkerId: string): Promise<Family> {
      if (actor.role !== "admin") throw forbidden("Only an admin can assign social workers");
      const family = assertFound(await familiesRepo.byId(db, familyId), "family");
      const sw = await usersRepo.byId(db, socialWorkerId);
      if (sw?.role !== "social_worker") throw invalid("socialWorkerId", "is not a social worker");
      await familiesRepo.assign(db, family.id, sw.id);
      return (await present([family], actor))[0]!;
    },

    notFound: () => notFound("family"),
  };
}
export type FamiliesService = ReturnType<typeof createFamiliesService>;
