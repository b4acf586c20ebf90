import type { ReportReason } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { assertFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { presentBookingEvent, presentViews } from "../bookings/bookings.presenter.js";
import { bookingsRepo } from "../bookings/bookings.repo.js";
import { familyCasesOf } from "../cases/case-timeline.js";
import { presentCheckin } from "../checkins/checkins.presenter.js";
import { checkinsRepo } from "../checkins/checkins.repo.js";
import { presentChild } from "../children/children.presenter.js";
import { childrenRepo } from "../children/children.repo.js";
import { familiesRepo } from "../families/families.repo.js";
import { mediaRepo } from "../media/media.repo.js";
import { pushRepo } from "../push/push.repo.js";
import { presentPreferences } from "../push/push.service.js";
import { familyAdministrations } from "../scales/scale-access.js";
import { exportedSeries } from "../series/series.presenter.js";
import { staffingRepo } from "../staffing/staffing.repo.js";
import { familyCarePlans } from "../station-day/care-plans.service.js";
import { familyIncidents } from "../station-day/incidents.presenter.js";
import { supportMapRepo } from "../support-map/support-map.repo.js";
import { presentSnapshot } from "../support-map/support-map.service.js";
import { presentRecordedTie } from "../support-map/support-ties.js";
import { exportRepo, familyBookingViews } from "./export.repo.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * A caregiver's family: its people, children, bookings with their history, stress check-ins, its
 * cases in the family's plain view (decision 124), its questionnaires (decision 126), its
 * support map's recorded ties and snapshots (decision 135), and the incident reports and care
 * plans of its children (issue 19).
 */
export async function collectFamily(db: DbOrTx, user: AuthUser) {
  if (user.role !== "caregiver" || !user.familyId)
    return {
      family: null,
      children: [],
      childCareNeeds: [],
      bookings: [],
      bookingSeries: [],
      stressCheckins: [],
      cases: [],
      scaleAdministrations: [],
      supportTies: [],
      supportMapSnapshots: [],
      incidents: [],
      carePlans: [],
    };
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
  const kids = await childrenRepo.byFamily(db, familyId);
  const childCareNeeds = [];
  for (const k of kids)
    childCareNeeds.push({ childId: k.id, needs: await staffingRepo.childNeeds(db, k.id) });
  return {
    family: {
      id: family.id,
      createdAt: family.createdAt.toISOString(),
      urgent: family.urgent,
      caregivers: people.caregivers.map((c) => ({ displayName: c.displayName, you: c.id === user.id })),
      socialWorkers: people.socialWorkers.map((s) => ({ displayName: s.displayName })),
    },
    children: kids.map(presentChild),
    childCareNeeds,
    bookings,
    bookingSeries: await exportedSeries(db, familyId),
    stressCheckins: checkins.map(presentCheckin),
    cases: await familyCasesOf(db, familyId),
    scaleAdministrations: await familyAdministrations(db, familyId),
    supportTies: (await supportMapRepo.recorded(db, familyId)).map(presentRecordedTie),
    supportMapSnapshots: (await supportMapRepo.snapshots(db, familyId)).map(presentSnapshot),
    incidents: await familyIncidents(db, familyId),
    carePlans: await familyCarePlans(db, familyId),
  };
}

/** The groups the person belongs to, with their role. */
export async function collectGroups(db: DbOrTx, userId: string) {
  return (await exportRepo.memberships(db, userId)).map(({ m, groupName }) => ({
    groupId: m.groupId,
    name: groupName,
    role: m.role,
    joinedAt: m.joinedAt.toISOString(),
  }));
}

/** The person's messages with their earlier versions; deleted ones keep only that they were. */
export async function collectMessages(db: DbOrTx, userId: string) {
  const own = await exportRepo.ownMessages(db, userId);
  const edits = await exportRepo.editsOf(
    db,
    own.filter((o) => o.m.deletedAt === null && o.m.purgedAt === null).map((o) => o.m.id),
  );
  return own.map(({ m, groupName }) => {
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
  });
}

/** The person's own photos and voice messages, bytes as base64 (deleted ones have none left). */
export async function collectMedia(db: DbOrTx, userId: string) {
  return (await mediaRepo.ownWithBytes(db, userId)).map((m) => ({
    id: m.id,
    groupId: m.groupId,
    messageId: m.messageId,
    kind: m.kind,
    mime: m.mime,
    size: m.size,
    width: m.width,
    height: m.height,
    durationMs: m.durationMs,
    createdAt: m.createdAt.toISOString(),
    data: (m.bytes ?? Buffer.alloc(0)).toString("base64"),
  }));
}

/** The person's reactions. */
export async function collectReactions(db: DbOrTx, userId: string) {
  return (await exportRepo.ownReactions(db, userId)).map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The reports the person filed and what became of them. */
export async function collectReports(db: DbOrTx, userId: string) {
  return (await exportRepo.ownReports(db, userId)).map(({ r, groupName, seq }) => ({
    id: r.id,
    groupId: r.groupId,
    groupName,
    messageSeq: seq,
    reason: r.reason as ReportReason,
    note: r.note,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    resolvedAt: iso(r.resolvedAt),
  }));
}

/** The mutes and bans the person received. */
export async function collectSanctions(db: DbOrTx, userId: string) {
  const mutes = await exportRepo.ownMutes(db, userId);
  const bans = await exportRepo.ownBans(db, userId);
  return [
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
  ];
}

/** The host of a push endpoint (which push service the device uses); never the device's path. */
function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return "";
  }
}

/** The person's push devices (push service host, label, dates; no endpoint path, no keys) and preferences. */
export async function collectPush(db: DbOrTx, userId: string, timeZone: string) {
  const devices = await pushRepo.list(db, userId);
  return {
    pushDevices: devices.map((d) => ({
      id: d.id,
      pushService: hostOf(d.endpoint),
      label: d.label,
      createdAt: d.createdAt.toISOString(),
      lastSentAt: iso(d.lastSentAt),
    })),
    pushPreferences: presentPreferences(await pushRepo.preferences(db, userId), timeZone),
  };
}
