import type { Child, ChildCreateInput, ChildUpdateInput } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { forbidden, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import type { FamiliesService } from "../families/families.service.js";
import { presentChild } from "./children.presenter.js";
import { type ChildRow, childrenRepo } from "./children.repo.js";

/**
 * Child profiles. Readable and changeable only by the family's caregivers, its assigned social
 * workers and admins. Anyone else gets 404 NOT_FOUND, so a child's existence is not revealed.
 */
export function createChildrenService({ db }: Deps, families: FamiliesService) {
  async function loadAccessible(user: AuthUser, id: string): Promise<ChildRow> {
    const child = await childrenRepo.byId(db, id);
    if (!child || !(await families.canAccess(user, child.familyId))) throw notFound("child");
    return child;
  }

  return {
    loadAccessible,

    async list(user: AuthUser): Promise<Child[]> {
      let rows: ChildRow[] = [];
      if (user.role === "caregiver" && user.familyId) rows = await childrenRepo.byFamily(db, user.familyId);
      else if (user.role === "social_worker") rows = await childrenRepo.ofAssignedFamilies(db, user.id);
      else if (user.role === "admin") rows = await childrenRepo.all(db);
      return rows.map(presentChild);
    },

    async create(user: AuthUser, input: ChildCreateInput): Promise<Child> {
      if (user.role !== "caregiver" || !user.familyId)
        throw forbidden("Only a family's caregiver can add a child");
      const row = await childrenRepo.insert(db, { ...input, familyId: user.familyId });
      return presentChild(row);
    },

    async get(user: AuthUser, id: string): Promise<Child> {
      return presentChild(await loadAccessible(user, id));
    },

    async update(user: AuthUser, id: string, patch: ChildUpdateInput): Promise<Child> {
      const child = await loadAccessible(user, id);
      const row = await childrenRepo.update(db, child.id, patch);
      if (!row) throw notFound("child");
      return presentChild(row);
    },

    async remove(user: AuthUser, id: string): Promise<void> {
      const child = await loadAccessible(user, id);
      if (!(await childrenRepo.delete(db, child.id, child.familyId))) throw notFound("child");
    },
  };
}
export type ChildrenService = ReturnType<typeof createChildrenService>;
