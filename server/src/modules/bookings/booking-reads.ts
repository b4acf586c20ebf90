import type { BookingListInput } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { invalid, notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import type { FamiliesService } from "../families/families.service.js";
import type { BookingCore } from "./booking-access.js";
import { presentBookingEvent, presentViews } from "./bookings.presenter.js";
import { bookingsRepo } from "./bookings.repo.js";
import { waitlistRepo } from "./waitlist.repo.js";

/** Reading bookings: a family's list with its standing, and one booking with its history. */
export function createBookingReads(deps: Deps, families: FamiliesService, core: BookingCore) {
  const { db } = deps;
  return {
    async list(user: AuthUser, q: BookingListInput) {
      let familyId: string;
      if (user.role === "caregiver") {
        if (q.familyId && q.familyId !== user.familyId) throw notFound("family");
        familyId = user.familyId!;
      } else {
        if (!q.familyId) throw invalid("familyId", "is required for social workers and admins");
        if (!(await families.canAccess(user, q.familyId))) throw notFound("family");
        familyId = q.familyId;
      }
      const views = await bookingsRepo.listForFamily(db, familyId, {
        status: q.status,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      });
      const stats = (await waitlistRepo.familyStats(db, [familyId], new Date())).get(familyId) ?? {
        noShowCount: 0,
        lateCancelCount: 0,
        hoursLast30Days: 0,
      };
      return { bookings: await presentViews(db, views), stats };
    },

    async get(user: AuthUser, id: string) {
      const b = await core.loadVisible(user, id);
      const history = await bookingsRepo.history(db, b.id);
      return { booking: await core.presentOne(b.id), history: history.map(presentBookingEvent) };
    },
  };
}
