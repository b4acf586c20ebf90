import type {
  Activity,
  ActivityAttendanceInput,
  ActivityCancelInput,
  ActivityCreateInput,
} from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { assertFound, forbidden, invalid, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { presentActivity } from "./activities.presenter.js";
import { type ActivityRow, activitiesRepo } from "./activities.repo.js";
import {
  assertAttendanceOpen,
  cancelActivity,
  givePlaceUp,
  inAudience,
  takePlace,
} from "./activity-seats.js";

/** Station staff run activities at their own station only; social workers and admins anywhere. */
async function checkStation(db: DbOrTx, user: AuthUser, stationId: string | undefined): Promise<void> {
  if (user.role === "station_staff" && !stationId)
    throw invalid("stationId", "is required for station staff");
  if (!stationId) return;
  assertFound(await stationsRepo.byId(db, stationId), "station");
  if (user.role === "station_staff" && !(await stationsRepo.isStaff(db, stationId, user.id)))
    throw forbidden("You do not work at this station");
}

/** Is the caller one of the activity's organisers (its creator, staff of its station, an admin)? */
async function canManage(d: DbOrTx, user: AuthUser, a: ActivityRow): Promise<boolean> {
  if (user.role === "admin" || a.organiserId === user.id) return true;
  return user.role === "station_staff" && !!a.stationId && stationsRepo.isStaff(d, a.stationId, user.id);
}

/** `names`: organisers see who signed up (one activity's answer, audited in `readOne`), never in lists. */
async function presentAll(
  db: DbOrTx,
  user: AuthUser,
  rows: ActivityRow[],
  names: boolean,
): Promise<Activity[]> {
  const stationIds = [...new Set(rows.flatMap((r) => r.stationId ?? []))];
  const stations = new Map((await activitiesRepo.stationsOf(db, stationIds)).map((s) => [s.id, s]));
  const signups = await activitiesRepo.participants(
    db,
    rows.map((r) => r.id),
  );
  const out: Activity[] = [];
  for (const row of rows)
    out.push(
      presentActivity(row, {
        station: row.stationId ? (stations.get(row.stationId) ?? null) : null,
        signups: signups.filter((p) => p.signup.activityId === row.id),
        userId: user.id,
        canManage: await canManage(db, user, row),
        names,
      }),
    );
  return out;
}

/**
 * One activity. Its organisers also get who signed up: a sign-up to a group for one disability
 * says something about a child, so that read is audited (decision 155).
 */
async function readOne(db: DbOrTx, user: AuthUser, id: string): Promise<{ activity: Activity }> {
  const row = assertFound(await activitiesRepo.byId(db, id), "activity");
  const activity = (await presentAll(db, user, [row], true))[0]!;
  if (activity.participants.length > 0)
    await auditRepo.append(db, {
      actorId: user.id,
      action: "activity_participants_viewed",
      after: { activityId: id, count: activity.participants.length },
    });
  return { activity };
}

/**
 * Group activities (issue 19 §4, decision 141): sessions for people, with seats, a first-come
 * waitlist and attendance. The seat rule is the booking engine's: the activity row is locked, a
 * conditional counter update takes a seat, and a freed seat promotes the waitlist head in the
 * same transaction.
 */
export function createActivitiesService(deps: Deps) {
  const { db, config } = deps;

  const present = (user: AuthUser, rows: ActivityRow[], names = false) => presentAll(db, user, rows, names);
  const one = (user: AuthUser, id: string) => readOne(db, user, id);

  return {
    async create(user: AuthUser, input: ActivityCreateInput) {
      await checkStation(db, user, input.stationId);
      if (Date.parse(input.startsAt) <= Date.now()) throw invalid("startsAt", "is in the past");
      const row = await activitiesRepo.insert(db, {
        ...input,
        stationId: input.stationId ?? null,
        location: input.location ?? "",
        organiserId: user.id,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
      });
      return { activity: (await present(user, [row]))[0]! };
    },

    /** Upcoming activities the caller may join, or runs; cancelled ones only for their organisers. */
    async list(user: AuthUser) {
      const rows: ActivityRow[] = [];
      for (const a of await activitiesRepo.upcoming(db, new Date())) {
        const joinable = inAudience(user.role, a.audience) && !a.cancelledAt;
        if (joinable || (await canManage(db, user, a))) rows.push(a);
      }
      return { activities: await present(user, rows) };
    },

    get: one,

    /** A seat if one is left, else the waitlist (first come, first served). */
    async signUp(user: AuthUser, id: string) {
      await unitOfWork(deps, (tx) => takePlace(tx, user, id, config.timeZone), { retry: true });
      return one(user, id);
    },

    /** Withdraw; a freed seat goes to the waitlist head in the same transaction (who is told). */
    async leave(user: AuthUser, id: string) {
      await unitOfWork(deps, (tx, uow) => givePlaceUp(tx, uow, user, id, config.timeZone), { retry: true });
      return one(user, id);
    },

    /** Organisers cancel an activity that has not started; everyone signed up is told. */
    async cancel(user: AuthUser, id: string, input: ActivityCancelInput) {
      await unitOfWork(deps, async (tx, uow) => {
        const a = assertFound(await activitiesRepo.lock(tx, id), "activity");
        if (!(await canManage(tx, user, a))) throw forbidden("Only the activity's organisers cancel it");
        await cancelActivity(tx, uow, a, input.reason, config.timeZone);
      });
      return one(user, id);
    },

    /** Organisers record whether a confirmed participant came, once the session has started. */
    async recordAttendance(user: AuthUser, id: string, input: ActivityAttendanceInput) {
      const a = assertFound(await activitiesRepo.byId(db, id), "activity");
      if (!(await canManage(db, user, a)))
        throw forbidden("Only the activity's organisers record attendance");
      assertAttendanceOpen(a);
      const signup = await activitiesRepo.activeSignup(db, id, input.userId);
      if (signup?.status !== "confirmed") throw notFound("confirmed participant");
      await activitiesRepo.setSignup(db, signup.id, {
        attended: input.attended,
        attendanceBy: user.id,
        attendanceAt: new Date(),
      });
      return one(user, id);
    },
  };
}
export type ActivitiesService = ReturnType<typeof createActivitiesService>;
