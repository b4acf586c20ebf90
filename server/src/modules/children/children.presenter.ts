import type { CareNotes, Child, DisabilityType, DistressType, EmergencyContact } from "@carecircle/shared";
import type { ChildRow } from "./children.repo.js";

/** A full child profile, care notes included: only for the need-to-know circle. */
export function presentChild(c: ChildRow): Child {
  return {
    id: c.id,
    familyId: c.familyId,
    nickname: c.nickname,
    birthYear: c.birthYear,
    distressType: c.distressType as DistressType,
    disabilityTypes: c.disabilityTypes as DisabilityType[],
    careNotes: c.careNotes as CareNotes,
    emergencyContact: (c.emergencyContact as EmergencyContact | null) ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
