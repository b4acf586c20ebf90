import { DATA_EXPORT_FORMAT, type DataExport, type ReportReason } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { assertFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { presentBookingEvent, presentViews } from "../bookings/bookings.presenter.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import { presentCheckin } from "../checkins/checkins.presenter.js";
import { checkinsRepo } from "../checkins/checkins.repo.js";
import { presentChild } from "../children/children.presenter.js";
import { childrenRepo } from "../children/children.repo.js";
import { familiesRepo } from "../families/families.repo.js";
import { presentNotification } from "../notifications/notifications.service.js";
import { presentMe } from "../users/users.presenter.js";
import { usersRepo } from "../users/users.repo.js";
import { exportRepo, familyBookingViews } from "./export.repo.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * The data export (right of access and portability): one JSON document with everything the
 * platform holds about the caller and, for a caregiver, their family. It is assembled from the
 * same presenters as the API, so it never shows the caller more than the API already does, and
 * it holds no secrets (password hash, invite code, calendar and refresh tokens).
 */
export function createExportService({ db, logger }: Deps) {
  async function familyPart(user: AuthUser) {
    if (user.role !== "caregiver" || !user.familyId)
      return { family: null, children: [], bookings: [], stressCheckins: [] };
    const familyId = user.familyId;
    const family = assertFound(await familiesRepo.byId(db, familyId), "family");
    const people = await familiesRepo.people(db, [familyId]);
    const views = await familyBookingViews(db, familyId);
    const presented = await presentViews(db, views);
    const bookings = [];
    for (const booking of presented) {
      const history = await bookingsRepo.history(db, booking.id);
      bookings.push({ booking, history: history.map(presentBookingEvent) });
    }
    const checkins = await checkinsRepo.since(db, familyId, new Date(0), 1_000_000);
    return {
      family: {
        id: family.id,
        createdAt: family.createdAt.toISOString(),
        urgent: family.urgent,
        caregivers: people.caregivers.map((c) => ({ displayName: c.displayName, you: c.id === user.id })),
        socialWorkers: people.socialWorkers.map((s) => ({ displayName: s.displayName })),
      },
      children: (await childrenRepo.byFamily(db, familyId)).map(presentChild),
      bookings,
      stressCheckins: checkins.map(presentCheckin),
    };
  }

  async function chatPart(userId: string) {
    const own = await exportRepo.ownMessages(db, userId);
    const edits = await exportRepo.editsOf(
      db,
      own.filter((o) => o.m.deletedAt === null && o.m.purgedAt === null).map((o) => o.m.id),
    );
    const mutes = await exportRepo.ownMutes(db, userId);
    const bans = await exportRepo.ownBans(db, userId);
    return {
      groups: (await exportRepo.memberships(db, userId)).map(({ m, groupName }) => ({
        groupId: m.groupId,
        name: groupName,
        role: m.role,
        joinedAt: m.joinedAt.toISOString(),
      })),
      messages: own.map(({ m, groupName }) => {
        const deleted = m.deletedAt !== null || m.purgedAt !== null;
        return {
          id: m.id,
          groupId: m.groupId,
          groupName,
          seq: m.seq,
          body: deleted ? null : m.body,
          replyToSeq: m.replyToSeq,
          createdAt: m.createdAt.toISOString(),
          editedAt: iso(m.editedAt),
          deletedAt: iso(m.deletedAt ?? m.purgedAt),
          hidden: !deleted && m.hiddenAt !== null,
          edits: edits
            .filter((e) => e.messageId === m.id)
            .map((e) => ({ body: e.previousBody, editedAt: e.editedAt.toISOString() })),
        };
      }),
      reactions: (await exportRepo.ownReactions(db, userId)).map((r) => ({
        ...r,
        createdAt: r.createdAt.toISOString(),
      })),
      reports: (await exportRepo.ownReports(db, userId)).map(({ r, groupName, seq }) => ({
        id: r.id,
        groupId: r.groupId,
        groupName,
        messageSeq: seq,
        reason: r.reason as ReportReason,
        note: r.note,
        status: r.status,
        createdAt: r.createdAt.toISOString(),
        resolvedAt: iso(r.resolvedAt),
      })),
      sanctions: [
        ...mutes.map(({ m, groupName }) => ({
          kind: "mute" as const,
          groupId: m.groupId,
          groupName,
          reason: m.reason,
          createdAt: m.createdAt.toISOString(),
          until: m.until.toISOString(),
          liftedAt: iso(m.liftedAt),
        })),
        ...bans.map(({ b, groupName }) => ({
          kind: "ban" as const,
          groupId: b.groupId,
          groupName,
          reason: b.reason,
          createdAt: b.createdAt.toISOString(),
          until: null,
          liftedAt: null,
        })),
      ],
    };
  }

  return {
    /** Everything about the caller, as one document (see `DataExportSchema`). */
    async export(user: AuthUser): Promise<DataExport> {
      const row = assertFound(await usersRepo.byId(db, user.id), "user");
      const data: DataExport = {
        format: DATA_EXPORT_FORMAT.name,
        version: DATA_EXPORT_FORMAT.version,
        exportedAt: new Date().toISOString(),
        account: { ...presentMe(row), calendarFeedActive: row.calendarToken !== null },
        ...(await familyPart(user)),
        ...(await chatPart(user.id)),
        notifications: (await exportRepo.ownNotifications(db, user.id)).map(presentNotification),
      };
      logger.info({ event: "data_export", userId: user.id }, "personal data exported");
      return data;
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
