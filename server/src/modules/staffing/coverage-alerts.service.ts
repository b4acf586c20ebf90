import type { CoverageAlert } from "@carecircle/shared";
import { inArray } from "drizzle-orm";
import { children } from "../../db/schema/index.js";
import type { Deps } from "../../deps.js";
import { notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { FamiliesService } from "../families/families.service.js";
import { toOffsetIso } from "../slots/local-time.js";
import { stationsRepo } from "../stations/stations.repo.js";
import type { CoverageItem } from "./coverage.js";
import { staffingRepo } from "./staffing.repo.js";

/**
 * Reading a coverage alert (decision 139): the station's staff and admins see all of it, a social
 * worker only the bookings of families assigned to them (and nothing else exists for them).
 */
export function createCoverageAlertsService({ db }: Deps, families: FamiliesService) {
  return {
    async get(user: AuthUser, id: string): Promise<CoverageAlert> {
      const row = await staffingRepo.alert(db, id);
      if (!row) throw notFound("coverage alert");
      let items = row.items as CoverageItem[];
      if (user.role === "station_staff" && !(await stationsRepo.isStaff(db, row.stationId, user.id)))
        throw notFound("coverage alert");
      if (user.role === "social_worker") {
        const mine: CoverageItem[] = [];
        for (const i of items) if (await families.canAccess(user, i.familyId)) mine.push(i);
        if (mine.length === 0) throw notFound("coverage alert");
        items = mine;
      }
      const station = (await stationsRepo.byIds(db, [row.stationId]))[0]!;
      const ids = [...new Set(items.map((i) => i.childId))];
      const names = new Map(
        ids.length === 0
          ? []
          : (
              await db
                .select({ id: children.id, nickname: children.nickname })
                .from(children)
                .where(inArray(children.id, ids))
            ).map((c) => [c.id, c.nickname]),
      );
      // The list names children and their unmet needs: a staff read of personal data.
      await auditRepo.append(db, {
        actorId: user.id,
        action: "care_needs_viewed",
        after: { coverageAlertId: row.id, children: ids.length },
      });
      return {
        id: row.id,
        stationId: row.stationId,
        stationName: station.name,
        cause: row.cause,
        createdAt: row.createdAt.toISOString(),
        items: items.map((i) => ({
          bookingId: i.bookingId,
          slotId: i.slotId,
          childId: i.childId,
          familyId: i.familyId,
          childNickname: names.get(i.childId) ?? "",
          startsAt: toOffsetIso(new Date(i.startsAt), station.timeZone),
          endsAt: toOffsetIso(new Date(i.endsAt), station.timeZone),
          reason: i.reason,
          unmetNeeds: i.unmetNeeds,
        })),
      };
    },
  };
}
