import type { CaseTimelineEntry, FamilyCase } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { activitiesRepo } from "../activities/activities.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { auditCaseRead, caseFor } from "./case-reads.js";
import { caseWorkRepo } from "./case-work.repo.js";
import { presentFamilyCase } from "./cases.presenter.js";
import { type CaseRow, casesRepo } from "./cases.repo.js";

/**
 * The timeline (issue 18 §6): the case's own events, with the stage and record they name, and
 * the family's respite sessions since the case opened (from the booking tables, so a session
 * appears as soon as it is booked and shows whether it was attended), merged by time.
 */
export async function timelineOf(db: DbOrTx, row: CaseRow): Promise<CaseTimelineEntry[]> {
  const [events, changes, records, sessions, activities] = await Promise.all([
    casesRepo.events(db, row.id),
    casesRepo.stageChanges(db, [row.id]),
    caseWorkRepo.records(db, row.id),
    row.familyId ? caseWorkRepo.respiteSessions(db, row.familyId, row.openedAt) : Promise.resolve([]),
    row.familyId ? activitiesRepo.familyAttendance(db, row.familyId, row.openedAt) : Promise.resolve([]),
  ]);
  const entries: CaseTimelineEntry[] = events.map((e) => {
    const entry: CaseTimelineEntry = { kind: e.kind, at: e.at.toISOString(), refId: e.refId };
    const change = e.kind === "stage_changed" ? changes.find((c) => c.id === e.refId) : undefined;
    if (change) entry.stage = { from: change.fromStage, to: change.toStage };
    const record = e.kind === "record_added" ? records.find((r) => r.id === e.refId) : undefined;
    if (record) entry.recordKind = record.kind;
    return entry;
  });
  for (const s of sessions)
    entries.push({
      kind: "respite_session",
      at: s.startsAt.toISOString(),
      refId: s.bookingId,
      respite: {
        status: s.status,
        stationName: s.stationName,
        minutes: Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000),
      },
    });
  // Group activities a caregiver of the family attended or missed (decision 141).
  for (const a of activities)
    entries.push({
      kind: "group_activity",
      at: a.startsAt.toISOString(),
      refId: a.signupId,
      activity: { topic: a.topic, kind: a.kind, attended: a.attended === true },
    });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

/** The family's case in plain view (the open one, else the latest), or null. */
export async function familyCaseOf(db: DbOrTx, familyId: string): Promise<FamilyCase | null> {
  const all = await casesRepo.ofFamily(db, familyId);
  const row = all.find((c) => c.stage !== "closed") ?? all[0];
  return row ? plainView(db, row) : null;
}

/** Every case of the family in plain view (the personal data export). */
export async function familyCasesOf(db: DbOrTx, familyId: string): Promise<FamilyCase[]> {
  const out: FamilyCase[] = [];
  for (const row of await casesRepo.ofFamily(db, familyId)) out.push(await plainView(db, row));
  return out;
}

async function plainView(db: DbOrTx, row: CaseRow): Promise<FamilyCase> {
  const [workers, goals, shared] = await Promise.all([
    casesRepo.workers(db, [row.id]),
    caseWorkRepo.goals(db, row.id),
    caseWorkRepo.records(db, row.id, { sharedOnly: true }),
  ]);
  return presentFamilyCase(row, workers, goals, shared);
}

/** Reads of the timeline (staff, audited) and the family's plain view (caregivers). */
export function createCaseTimeline({ db }: Deps) {
  return {
    async timeline(user: AuthUser, caseId: string): Promise<{ entries: CaseTimelineEntry[] }> {
      const { row } = await caseFor(db, user, caseId);
      await auditCaseRead(db, user, row, "timeline");
      return { entries: await timelineOf(db, row) };
    },
    async familyCase(user: AuthUser): Promise<{ case: FamilyCase | null }> {
      return { case: user.familyId ? await familyCaseOf(db, user.familyId) : null };
    },
  };
}
