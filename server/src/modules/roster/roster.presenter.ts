import type { CareNotes, DisabilityType, EmergencyContact, RosterChild } from "@carecircle/shared";
import type { RosterChildRow, RosterNeedRow } from "./roster.repo.js";

/**
 * A booked child for the station roster. This and the family's own child view are the only ways
 * care notes and the emergency contact leave the server; here only when `needToKnow` holds
 * (staff of this station, from the day before the slot to the day after it). Care-need codes are
 * always shown (the day is staffed for them); their instructions only with the care notes.
 */
export function presentRosterChild(
  c: RosterChildRow,
  needToKnow: boolean,
  needs: readonly RosterNeedRow[] = [],
): RosterChild {
  return {
    id: c.id,
    nickname: c.nickname,
    birthYear: c.birthYear,
    disabilityTypes: c.disabilityTypes as DisabilityType[],
    careNotesVisible: needToKnow,
    careNotes: needToKnow ? (c.careNotes as CareNotes) : null,
    emergencyContact: needToKnow ? ((c.emergencyContact as EmergencyContact | null) ?? null) : null,
    careNeeds: needs.map((n) => ({ code: n.code, instructions: needToKnow ? n.instructions : null })),
  };
}
