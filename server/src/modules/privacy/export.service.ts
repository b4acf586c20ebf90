import { DATA_EXPORT_FORMAT, type DataExport } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { assertFound } from "../../errors.js";
import { activitiesRepo } from "../activities/activities.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { presentNotification } from "../notifications/notifications.service.js";
import { presentMe } from "../users/users.presenter.js";
import { usersRepo } from "../users/users.repo.js";
import { exportRepo } from "./export.repo.js";
import {
  collectFamily,
  collectGroups,
  collectMedia,
  collectMessages,
  collectPush,
  collectReactions,
  collectReports,
  collectSanctions,
} from "./export-collectors.js";

/**
 * The data export (right of access and portability): one JSON document with everything the
 * platform holds about the caller and, for a caregiver, their family. It is assembled from the
 * same presenters as the API, so it never shows the caller more than the API already does, and
 * it holds no secrets (password hash, invite code, calendar and refresh tokens, push endpoints and keys). One collector
 * per resource, in `export-collectors.ts` (decision 100).
 */
export function createExportService({ db, logger, config }: Deps) {
  return {
    /** Everything about the caller, as one document (see `DataExportSchema`). */
    async export(user: AuthUser): Promise<DataExport> {
      const row = assertFound(await usersRepo.byId(db, user.id), "user");
      const data: DataExport = {
        format: DATA_EXPORT_FORMAT.name,
        version: DATA_EXPORT_FORMAT.version,
        exportedAt: new Date().toISOString(),
        account: { ...presentMe(row), calendarFeedActive: row.calendarToken !== null },
        ...(await collectFamily(db, user)),
        groups: await collectGroups(db, user.id),
        messages: await collectMessages(db, user.id),
        media: await collectMedia(db, user.id),
        reactions: await collectReactions(db, user.id),
        reports: await collectReports(db, user.id),
        sanctions: await collectSanctions(db, user.id),
        notifications: (await exportRepo.ownNotifications(db, user.id)).map(presentNotification),
        activitySignups: await activitiesRepo.ofUser(db, user.id),
        ...(await collectPush(db, user.id, config.timeZone)),
      };
      logger.info({ event: "data_export", userId: user.id }, "personal data exported");
      return data;
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
