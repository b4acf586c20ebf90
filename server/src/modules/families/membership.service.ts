import type { DecideJoinRequestInput, Family, MyJoinRequest } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { type UnitOfWork, unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { AppError, conflict, invalid, notFound } from "../../errors.js";
import { rooms } from "../../realtime/rooms.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { conversationsRepo } from "../conversations/conversations.repo.js";
import { usersRepo } from "../users/users.repo.js";
import { familiesRepo } from "./families.repo.js";
import type { FamiliesService } from "./families.service.js";
import { joinRequestsRepo } from "./join-requests.repo.js";

const wrongCode = () =>
  new AppError("VALIDATION_FAILED", "inviteCode: this code is not valid or has expired", {
    fields: { inviteCode: "this code is not valid or has expired" },
    reason: "invite_code",
  });

/** Caregivers of a family (ids), for telling them about its membership. */
async function caregiverIds(db: DbOrTx, familyId: string, except: string): Promise<string[]> {
  const { caregivers } = await familiesRepo.people(db, [familyId]);
  return caregivers.map((c) => c.id).filter((id) => id !== except);
}

/** Move the requester into the family, dropping her own empty family. */
async function admit(tx: DbOrTx, uow: UnitOfWork, requesterId: string, familyId: string, by: AuthUser) {
  const requester = await usersRepo.byId(tx, requesterId);
  if (requester?.role !== "caregiver" || requester.status !== "active") throw notFound("join request");
  const own = requester.familyId;
  if (own) {
    const left = await familiesRepo.occupants(tx, own, requesterId);
    if (left.children > 0 || left.caregivers > 0)
      throw conflict("The person asking already looks after her own family here; she must withdraw first");
  }
  await familiesRepo.moveCaregiver(tx, requesterId, familyId);
  if (own) await familiesRepo.remove(tx, own);
  await conversationsRepo.addCaregiver(tx, familyId, requesterId);
  await auditRepo.append(tx, {
    actorId: by.id,
    action: "family_join_approved",
    targetUserId: requesterId,
    after: { familyId },
  });
  const payload = { familyId, userId: requesterId, displayName: requester.displayName };
  const told = (await caregiverIds(tx, familyId, requesterId)).filter((id) => id !== by.id);
  uow.notify(...told.map((userId) => ({ userId, kind: "family_member_joined" as const, payload })));
}

/** Every socket of the new member joins the family's private conversations at once. */
async function joinConversationRooms({ db, realtime }: Deps, userId: string, familyId: string) {
  const list = (await conversationsRepo.listOf(db, userId))
    .filter((c) => c.group.familyId === familyId)
    .map((c) => rooms.group(c.group.id));
  if (list.length > 0) realtime.io.in(rooms.user(userId)).socketsJoin(list);
}

/** Join requests: asking with an invite code, seeing and withdrawing one's own, and the family's answer. */
function createJoinRequests(deps: Deps, families: FamiliesService) {
  const { db } = deps;

  /** Use up a valid, unexpired invite code (single use); a wrong one is a field error. */
  async function takeInvite(tx: DbOrTx, code: string) {
    const family = await familiesRepo.consumeInvite(tx, code);
    if (!family) throw wrongCode();
    return family;
  }

  /** File the requester's join request for a family whose code she used, and tell its people. */
  async function askToJoin(
    tx: DbOrTx,
    uow: UnitOfWork,
    familyId: string,
    requesterId: string,
    displayName: string,
  ): Promise<void> {
    const request = await joinRequestsRepo.insert(tx, familyId, requesterId);
    const payload = { familyId, requestId: request.id, displayName };
    const { caregivers, socialWorkers } = await familiesRepo.people(tx, [familyId]);
    const recipients = [...caregivers, ...socialWorkers].map((p) => p.id);
    uow.notify(...recipients.map((userId) => ({ userId, kind: "family_join_requested" as const, payload })));
  }

  return {
    takeInvite,
    askToJoin,

    async mine(user: AuthUser): Promise<MyJoinRequest> {
      const row = await joinRequestsRepo.pendingOf(db, user.id);
      return {
        request: row ? { id: row.id, status: "pending", createdAt: row.createdAt.toISOString() } : null,
      };
    },

    async cancel(user: AuthUser): Promise<void> {
      const row = await joinRequestsRepo.pendingOf(db, user.id);
      if (row) await joinRequestsRepo.close(db, row.id, "cancelled", user.id);
    },

    /** Approve or decline; the first decision wins, later ones answer 409. */
    async decide(user: AuthUser, requestId: string, input: DecideJoinRequestInput): Promise<Family> {
      const request = await joinRequestsRepo.byId(db, requestId);
      if (!request || !(await families.canAccess(user, request.familyId))) throw notFound("join request");
      const approve = input.decision === "approve";
      await unitOfWork(deps, async (tx, uow) => {
        await familiesRepo.lock(tx, request.familyId);
        const closed = await joinRequestsRepo.close(
          tx,
          requestId,
          approve ? "approved" : "declined",
          user.id,
        );
        if (!closed) throw conflict("This request has already been answered or withdrawn");
        if (approve) await admit(tx, uow, request.requesterId, request.familyId, user);
        uow.notify({
          userId: request.requesterId,
          kind: "family_join_decided",
          payload: { requestId, approved: approve },
        });
      });
      if (approve) await joinConversationRooms(deps, request.requesterId, request.familyId);
      return families.presentOne(request.familyId, user);
    },
  };
}

/** A family's own caregivers: a fresh invite code, and removing another caregiver. */
function createCaregivers(deps: Deps, families: FamiliesService) {
  const { db, config, realtime } = deps;
  const { familyInviteDays } = config;
  return {
    /** A new code for the caller's family; the old one dies at once. */
    async renewInvite(user: AuthUser): Promise<{ inviteCode: string; inviteExpiresAt: string }> {
      if (!user.familyId) throw notFound("family");
      const row = await familiesRepo.renewInvite(db, user.familyId, familyInviteDays);
      return { inviteCode: row.inviteCode!, inviteExpiresAt: row.inviteExpiresAt!.toISOString() };
    },

    /** Remove another caregiver (never the last); she gets a new family of her own. Audited. */
    async removeCaregiver(user: AuthUser, familyId: string, userId: string): Promise<Family> {
      if (!(await families.canAccess(user, familyId))) throw notFound("family");
      if (userId === user.id) throw invalid("userId", "you cannot remove yourself");
      const groupIds = await unitOfWork(deps, async (tx, uow) => {
        await familiesRepo.lock(tx, familyId);
        const target = await usersRepo.byId(tx, userId);
        if (target?.role !== "caregiver" || target.familyId !== familyId) throw notFound("caregiver");
        if ((await familiesRepo.occupants(tx, familyId, userId)).caregivers === 0)
          throw conflict("A family keeps at least one caregiver");
        const own = await familiesRepo.insert(tx, familyInviteDays);
        await familiesRepo.moveCaregiver(tx, userId, own.id);
        const groupIds = await familiesRepo.leaveConversations(tx, familyId, userId);
        await auditRepo.append(tx, {
          actorId: user.id,
          action: "family_caregiver_removed",
          targetUserId: userId,
          after: { familyId },
        });
        uow.notify({ userId, kind: "family_member_removed", payload: { familyId } });
        return groupIds;
      });
      for (const id of groupIds) realtime.leaveRoom(userId, rooms.group(id));
      return families.presentOne(familyId, user);
    },
  };
}

/**
 * Who belongs to a family (decision 080): a single-use, expiring invite code only lets someone
 * ask; a caregiver of the family or its social worker approves. Until then the requester sees
 * nothing of the family. Caregivers can renew the code and remove another caregiver.
 */
export function createMembershipService(deps: Deps, families: FamiliesService) {
  return {
    ...createJoinRequests(deps, families),
    ...createCaregivers(deps, families),
  };
}
export type MembershipService = ReturnType<typeof createMembershipService>;
