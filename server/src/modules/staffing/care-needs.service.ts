import type { CareNeedType, ChildCareNeeds, ChildCareNeedsPutInput } from "@carecircle/shared";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { conflict, invalid, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { childrenRepo } from "../children/children.repo.js";
import type { FamiliesService } from "../families/families.service.js";
import { staffingRepo } from "./staffing.repo.js";

/** The needs every installation starts with (decision 137); admins add more. */
const BUILT_IN: readonly (CareNeedType & { active: true })[] = [
  { code: "tube_feeding", labelZh: "鼻饲/管饲", labelEn: "Tube feeding", oneToOne: true, active: true },
  {
    code: "seizure_rescue",
    labelZh: "癫痫急救用药",
    labelEn: "Seizure rescue medication",
    oneToOne: true,
    active: true,
  },
  { code: "insulin", labelZh: "胰岛素注射", labelEn: "Insulin", oneToOne: false, active: true },
  {
    code: "wheelchair_transfer",
    labelZh: "轮椅转移",
    labelEn: "Wheelchair transfer",
    oneToOne: false,
    active: true,
  },
  { code: "toileting", labelZh: "如厕协助", labelEn: "Toileting help", oneToOne: false, active: true },
  {
    code: "behaviour_support",
    labelZh: "行为支持",
    labelEn: "Behaviour support",
    oneToOne: true,
    active: true,
  },
  { code: "sign_language", labelZh: "手语", labelEn: "Sign language", oneToOne: false, active: true },
];

const present = (r: {
  code: string;
  labelZh: string;
  labelEn: string;
  oneToOne: boolean;
  active: boolean;
}) => ({
  code: r.code,
  labelZh: r.labelZh,
  labelEn: r.labelEn,
  oneToOne: r.oneToOne,
  active: r.active,
});

/** The managed list of care needs and each child's needs (issue 19 §1). */
export function createCareNeedsService(deps: Deps, families: FamiliesService) {
  const { db } = deps;

  /** The child, if `user` may read its needs: its family's circle, or staff of a station it is booked at. */
  async function readableChild(user: AuthUser, childId: string) {
    const child = await childrenRepo.byId(db, childId);
    if (!child) throw notFound("child");
    if (await families.canAccess(user, child.familyId)) return child;
    if (user.role === "station_staff" && (await staffingRepo.staffKnowsChild(db, user.id, childId)))
      return child;
    throw notFound("child");
  }

  return {
    /** Insert the built-in needs that are missing (start-up; never changes an existing one). */
    async seedBuiltIns(): Promise<void> {
      for (const t of BUILT_IN) await staffingRepo.insertNeedType(db, t);
    },

    async listTypes(): Promise<{ types: CareNeedType[] }> {
      return { types: (await staffingRepo.needTypes(db)).map(present) };
    },

    async createType(
      _user: AuthUser,
      input: { code: string; labelZh: string; labelEn: string; oneToOne: boolean },
    ): Promise<CareNeedType> {
      const row = await staffingRepo.insertNeedType(db, { ...input, active: true });
      if (!row) throw conflict("A care need with this code exists", { field: "code" });
      return present(row);
    },

    /** A child's needs; staff reads are audited (decision 137, like the care notes). */
    async get(user: AuthUser, childId: string): Promise<ChildCareNeeds> {
      const child = await readableChild(user, childId);
      const needs = await staffingRepo.childNeeds(db, childId);
      if (user.role !== "caregiver")
        await auditRepo.append(db, {
          actorId: user.id,
          action: "care_needs_viewed",
          after: { childId, familyId: child.familyId },
        });
      return { childId, needs };
    },

    /** Replace a child's needs; every code must be an active need of the list. */
    async put(user: AuthUser, childId: string, input: ChildCareNeedsPutInput): Promise<ChildCareNeeds> {
      const child = await childrenRepo.byId(db, childId);
      if (!child || !(await families.canAccess(user, child.familyId))) throw notFound("child");
      const codes = input.needs.map((n) => n.code);
      const known = await staffingRepo.activeCodes(db, codes);
      const unknown = codes.find((c) => !known.has(c));
      if (unknown) throw invalid("needs", `unknown care need ${unknown}`);
      await unitOfWork(deps, async (tx) => {
        await staffingRepo.replaceChildNeeds(tx, childId, input.needs);
      });
      return { childId, needs: await staffingRepo.childNeeds(db, childId) };
    },
  };
}
export type CareNeedsService = ReturnType<typeof createCareNeedsService>;
