import { LIMITS } from "@carecircle/shared";
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import { AppError, invalid } from "../../errors.js";
import { normalizeForMatch } from "../moderation/normalize.js";

/**
 * Control characters, format characters (bidi overrides and isolates, zero-width space/joiners,
 * soft hyphen, BOM, tags), variation selectors and blank-looking fillers (Hangul fillers,
 * braille blank): none has a place in a name, and all can disguise one (decision 081).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]|[\uFE00-\uFE0F]|[\u{E0100}-\u{E01EF}]/gu;

/** A display name without invisible characters, with its spaces collapsed. */
export function cleanDisplayName(name: string): string {
  return name.replace(INVISIBLE, "").replace(/\s+/gu, " ").trim();
}

/** The form two names are compared in: the watched-words folding, spaces removed. */
function nameKey(name: string): string {
  return normalizeForMatch(name).replace(/\s+/gu, "");
}

const STAFF_ROLES = ["social_worker", "station_staff", "admin"] as const;

/**
 * A caregiver's display name, cleaned and checked: 400 at `displayName` if nothing is left, or if
 * it reads the same as a staff account's name after normalisation (full-width, case, look-alike
 * letters, traditional characters), so nobody can pose as staff in groups.
 */
export async function acceptCaregiverName(db: DbOrTx, name: string): Promise<string> {
  const clean = cleanDisplayName(name);
  if (clean.length < LIMITS.displayNameMin)
    throw invalid("displayName", "is empty without invisible characters");
  const key = nameKey(clean);
  const staff = await db
    .select({ displayName: users.displayName })
    .from(users)
    .where(inArray(users.role, [...STAFF_ROLES]));
  if (staff.some((s) => nameKey(s.displayName) === key))
    throw new AppError("VALIDATION_FAILED", "displayName: is the name of a staff member", {
      fields: { displayName: "is the name of a staff member; please choose another" },
      reason: "staff_name",
    });
  return clean;
}
