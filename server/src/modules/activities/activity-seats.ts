import type { Role } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import type { UnitOfWork } from "../../db/unit-of-work.js";
import { AppError, assertFound, conflict } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { type ActivityRow, activitiesRepo } from "./activities.repo.js";
import { localStartsAt, remindAtFor } from "./activity-reminders.js";

/** May someone of `role` join an activity for `audience`? */
export function inAudience(role: Role, audience: ActivityRow["audience"]): boolean {
  if (audience === "all") return role !== "admin";
  return audience === "caregivers"
    ? role === "caregiver"
    : role === "social_worker" || role === "station_staff";
}

const started = () =>
  new AppError("NOT_BOOKABLE", "This activity has already started", { reason: "too_late" });
const cancelled = () => new AppError("NOT_BOOKABLE", "This activity was cancelled", { reason: "cancelled" });

/** Refuse a change to an activity that was cancelled or has started. */
export function assertOpen(a: ActivityRow, now = new Date()): void {
  if (a.cancelledAt) throw cancelled();
  if (a.startsAt <= now) throw started();
}

/** Attendance is recorded once the session has started, and never for a cancelled one. */
export function assertAttendanceOpen(a: ActivityRow, now = new Date()): void {
  if (a.cancelledAt) throw cancelled();
  if (a.startsAt > now)
    throw new AppError("NOT_BOOKABLE", "Attendance is recorded once the session has started", {
      reason: "not_started",
    });
}

/**
 * Inside a transaction: a seat if one is left, else a waitlist place. The activity row is locked
 * first, so sign-ups of one activity queue and the conditional counter update decides the seat.
 */
export async function takePlace(tx: Tx, user: AuthUser, id: string, zone: string): Promise<void> {
  const a = assertFound(await activitiesRepo.lock(tx, id), "activity");
  if (!inAudience(user.role, a.audience))
    throw new AppError("NOT_BOOKABLE", "This activity is for another audience", { reason: "audience" });
  const now = new Date();
  assertOpen(a, now);
  if (await activitiesRepo.activeSignup(tx, id, user.id))
    throw conflict("You have already signed up", { reason: "already_signed_up" });
  const seated = await activitiesRepo.takeSeat(tx, id);
  await activitiesRepo.insertSignup(tx, {
    activityId: id,
    userId: user.id,
    familyId: user.role === "caregiver" ? user.familyId : null,
    status: seated ? "confirmed" : "waitlisted",
    remindAt: seated ? await remindAtFor(tx, a, zone, now) : null,
  });
}

/**
 * Inside a transaction: withdraw the caller's sign-up; a freed seat goes to the waitlist head at
 * once, and the promoted person is told after commit.
 */
export async function givePlaceUp(
  tx: Tx,
  uow: UnitOfWork,
  user: AuthUser,
  id: string,
  zone: string,
): Promise<void> {
  const a = assertFound(await activitiesRepo.lock(tx, id), "activity");
  const mine = assertFound(await activitiesRepo.activeSignup(tx, id, user.id), "sign-up");
  const now = new Date();
  assertOpen(a, now);
  await activitiesRepo.setSignup(tx, mine.id, { status: "cancelled", remindAt: null });
  if (mine.status !== "confirmed") return;
  await activitiesRepo.releaseSeat(tx, id);
  const head = await activitiesRepo.waitlistHead(tx, id);
  if (!head || !(await activitiesRepo.takeSeat(tx, id))) return;
  const remindAt = await remindAtFor(tx, a, zone, now);
  await activitiesRepo.setSignup(tx, head.id, { status: "confirmed", remindAt });
  uow.notify({
    userId: head.userId,
    kind: "activity_promoted",
    payload: { activityId: id, activityKind: a.kind, startsAt: await localStartsAt(tx, a, zone) },
  });
}

/**
 * Inside a transaction: organisers cancel the activity (decision 148). Sign-ups keep their status
 * (the record of who was coming); their reminders are dropped, and everyone confirmed or
 * waitlisted is told after commit.
 */
export async function cancelActivity(
  tx: Tx,
  uow: UnitOfWork,
  a: ActivityRow,
  reason: string,
  zone: string,
): Promise<void> {
  const now = new Date();
  assertOpen(a, now);
  await activitiesRepo.cancel(tx, a.id, reason, now);
  await activitiesRepo.clearReminders(tx, a.id);
  const startsAt = await localStartsAt(tx, a, zone);
  const payload = { activityId: a.id, activityKind: a.kind, startsAt, reason };
  const told = await activitiesRepo.participants(tx, [a.id]);
  uow.notify(...told.map((p) => ({ userId: p.signup.userId, kind: "activity_cancelled" as const, payload })));
}
