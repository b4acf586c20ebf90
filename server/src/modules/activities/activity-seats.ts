import type { Role } from "@carecircle/shared";
import type { Tx } from "../../db/client.js";
import type { UnitOfWork } from "../../db/unit-of-work.js";
import { AppError, assertFound, conflict } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { type ActivityRow, activitiesRepo } from "./activities.repo.js";

/** May someone of `role` join an activity for `audience`? */
export function inAudience(role: Role, audience: ActivityRow["audience"]): boolean {
  if (audience === "all") return role !== "admin";
  return audience === "caregivers"
    ? role === "caregiver"
    : role === "social_worker" || role === "station_staff";
}

const started = () =>
  new AppError("NOT_BOOKABLE", "This activity has already started", { reason: "too_late" });

/**
 * Inside a transaction: a seat if one is left, else a waitlist place. The activity row is locked
 * first, so sign-ups of one activity queue and the conditional counter update decides the seat.
 */
export async function takePlace(tx: Tx, user: AuthUser, id: string): Promise<void> {
  const a = assertFound(await activitiesRepo.lock(tx, id), "activity");
  if (!inAudience(user.role, a.audience))
    throw new AppError("NOT_BOOKABLE", "This activity is for another audience", { reason: "audience" });
  if (a.startsAt <= new Date()) throw started();
  if (await activitiesRepo.activeSignup(tx, id, user.id))
    throw conflict("You have already signed up", { reason: "already_signed_up" });
  const seated = await activitiesRepo.takeSeat(tx, id);
  await activitiesRepo.insertSignup(tx, {
    activityId: id,
    userId: user.id,
    familyId: user.role === "caregiver" ? user.familyId : null,
    status: seated ? "confirmed" : "waitlisted",
  });
}

/**
 * Inside a transaction: withdraw the caller's sign-up; a freed seat goes to the waitlist head at
 * once, and the promoted person is told after commit.
 */
export async function givePlaceUp(tx: Tx, uow: UnitOfWork, user: AuthUser, id: string): Promise<void> {
  const a = assertFound(await activitiesRepo.lock(tx, id), "activity");
  const mine = assertFound(await activitiesRepo.activeSignup(tx, id, user.id), "sign-up");
  if (a.startsAt <= new Date()) throw started();
  await activitiesRepo.setSignup(tx, mine.id, { status: "cancelled" });
  if (mine.status !== "confirmed") return;
  await activitiesRepo.releaseSeat(tx, id);
  const head = await activitiesRepo.waitlistHead(tx, id);
  if (!head || !(await activitiesRepo.takeSeat(tx, id))) return;
  await activitiesRepo.setSignup(tx, head.id, { status: "confirmed" });
  uow.notify({
    userId: head.userId,
    kind: "activity_promoted",
    payload: { activityId: id, startsAt: a.startsAt.toISOString() },
  });
}
