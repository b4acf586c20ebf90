import type { AskAboutPolicyInput, HouseholdStatusInput, SendResult } from "@carecircle/shared";
import type { Db } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { conflict, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { ConversationsService } from "../conversations/conversations.service.js";
import { familiesRepo } from "../families/families.repo.js";
import type { MessagesService } from "../messages/messages.service.js";
import { policiesRepo } from "./policies.repo.js";

/**
 * "Ask my social worker about this card" (decision 129): open (or reuse) the private conversation
 * with the family's social worker and post the published card there with her question, through
 * the ordinary send path (screening, exactly once by `clientId`, notification of the other side).
 */
export async function askSocialWorker(
  deps: Deps,
  chat: { messages: MessagesService; conversations: ConversationsService },
  user: AuthUser,
  cardId: string,
  input: AskAboutPolicyInput,
): Promise<SendResult> {
  const familyId = user.familyId;
  if (!familyId) throw notFound("family");
  const { socialWorkers } = await familiesRepo.people(deps.db, [familyId]);
  if (socialWorkers.length === 0)
    throw conflict("Your family has no social worker yet", { reason: "no_social_worker" });
  const conversation = await chat.conversations.open(
    user,
    input.socialWorkerId ? { socialWorkerId: input.socialWorkerId } : {},
  );
  const body =
    input.body ?? (user.locale === "en" ? "Could you help me with this?" : "想请您帮我看看这个政策。");
  return chat.messages.send(user, {
    groupId: conversation.id,
    clientId: input.clientId,
    body,
    card: { id: cardId },
  });
}

/**
 * Record a family's household status (decision 128): its caregivers, its assigned social workers
 * and admins may; anyone else is told the family does not exist. Audited with before and after.
 */
export async function setHouseholdStatus(
  db: Db,
  user: AuthUser,
  familyId: string,
  input: HouseholdStatusInput,
): Promise<void> {
  const allowed =
    user.role === "admin" ||
    (user.role === "caregiver" && user.familyId === familyId) ||
    (user.role === "social_worker" && (await familiesRepo.isAssigned(db, familyId, user.id)));
  if (!allowed || !(await familiesRepo.byId(db, familyId))) throw notFound("family");
  await db.transaction(async (tx) => {
    const before = await policiesRepo.householdOf(tx, familyId);
    await policiesRepo.setHousehold(tx, familyId, input.householdStatus);
    await auditRepo.append(tx, {
      actorId: user.id,
      action: "household_status_set",
      before: { householdStatus: before },
      after: { familyId, householdStatus: input.householdStatus },
    });
  });
}
