import type { FamilyContacts } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { insideNeedToKnow } from "../roster/roster-window.js";
import { contactsRepo } from "./contacts.repo.js";
import { familiesRepo } from "./families.repo.js";

/**
 * A family's phone numbers, for the people who may need to call it: its assigned social workers,
 * station staff while the family is on their roster (the roster's need-to-know window), and
 * admins. Nobody else learns even that the family exists (404). Every read is audited, one entry
 * per caregiver whose number was shown, inside the same transaction as the read.
 */
export function createContactsService({ db }: Deps) {
  async function mayRead(user: AuthUser, familyId: string): Promise<boolean> {
    if (user.role === "admin") return true;
    if (user.role === "social_worker") return familiesRepo.isAssigned(db, familyId, user.id);
    if (user.role !== "station_staff") return false;
    const now = new Date();
    const near = await contactsRepo.bookedSlotsNear(db, familyId, user.id, now);
    return near.some((s) => insideNeedToKnow(now, s.startsAt, s.timeZone));
  }

  return {
    /** The family's caregivers with their numbers; audited as `phone_viewed` per number shown. */
    async get(user: AuthUser, familyId: string): Promise<FamilyContacts> {
      if (!(await familiesRepo.byId(db, familyId)) || !(await mayRead(user, familyId)))
        throw notFound("family");
      const caregivers = await db.transaction(async (tx) => {
        const list = await contactsRepo.caregivers(tx, familyId);
        for (const c of list.filter((x) => x.phone !== null))
          await auditRepo.append(tx, {
            actorId: user.id,
            action: "phone_viewed",
            targetUserId: c.id,
            after: { familyId, role: user.role },
          });
        return list;
      });
      return { familyId, caregivers };
    },
  };
}
export type ContactsService = ReturnType<typeof createContactsService>;
