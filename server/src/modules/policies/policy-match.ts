import type {
  DisabilityType,
  DistressType,
  HouseholdStatus,
  PolicyEligibility,
  PolicyFit,
} from "@carecircle/shared";

/** What matching knows of a child: never care notes. */
export interface MatchChild {
  id: string;
  nickname: string;
  birthYear: number;
  distressType: string;
  disabilityTypes: readonly string[];
}

/** A card states at least one criterion; one that states none fits nobody in particular. */
export function statesCriteria(e: PolicyEligibility): boolean {
  return (
    e.distressTypes.length > 0 ||
    e.disabilityTypes.length > 0 ||
    e.ageMin !== null ||
    e.ageMax !== null ||
    e.householdStatuses.length > 0
  );
}

/**
 * Whether a card fits one child, and why (decision 128). Every criterion the card states must
 * hold; age is this year minus the birth year. The household criterion holds only for a recorded
 * status in the card's list: an unrecorded status never fits a card that asks for one.
 */
export function fitOf(
  e: PolicyEligibility,
  child: MatchChild,
  household: HouseholdStatus | null,
  year: number,
): PolicyFit | null {
  if (!statesCriteria(e)) return null;
  const disabilities = e.disabilityTypes.filter((d) => child.disabilityTypes.includes(d));
  if (e.disabilityTypes.length > 0 && disabilities.length === 0) return null;
  const distress = e.distressTypes.find((d) => d === child.distressType) ?? null;
  if (e.distressTypes.length > 0 && distress === null) return null;
  const age = year - child.birthYear;
  if ((e.ageMin !== null && age < e.ageMin) || (e.ageMax !== null && age > e.ageMax)) return null;
  const asksHousehold = e.householdStatuses.length > 0;
  if (asksHousehold && (household === null || !e.householdStatuses.includes(household))) return null;
  return {
    childId: child.id,
    nickname: child.nickname,
    disabilityTypes: disabilities as DisabilityType[],
    distressType: distress as DistressType | null,
    age: e.ageMin !== null || e.ageMax !== null ? age : null,
    householdStatus: asksHousehold ? household : null,
  };
}

/** Every child a card fits, with why. */
export function fitsOf(
  e: PolicyEligibility,
  children: readonly MatchChild[],
  household: HouseholdStatus | null,
  year: number,
): PolicyFit[] {
  return children.flatMap((c) => fitOf(e, c, household, year) ?? []);
}

/** The order a caregiver reads: cards that fit first, then the nearest deadline (ongoing last), then title. */
export function libraryOrder<T extends { fits: readonly unknown[]; deadline: string | null; title: string }>(
  a: T,
  b: T,
): number {
  const fit = Number(b.fits.length > 0) - Number(a.fits.length > 0);
  if (fit !== 0) return fit;
  if (a.deadline !== b.deadline) {
    if (a.deadline === null) return 1;
    if (b.deadline === null) return -1;
    return a.deadline < b.deadline ? -1 : 1;
  }
  return a.title.localeCompare(b.title, "zh-CN");
}
