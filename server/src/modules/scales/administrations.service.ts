import {
  type Administration,
  type AdministrationDetail,
  type AdministrationStartInput,
  type AnswerSaved,
  type ScaleAnswer,
  type ScaleAnswers,
  type ScaleDefinition,
  type StoredScore,
  scoreScale,
} from "@carecircle/shared";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { AppError, conflict, invalid, notFound } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { casesRepo } from "../cases/cases.repo.js";
import type { FamiliesService } from "../families/families.service.js";
import { createScaleAccess, definitionLookup, inProgress } from "./scale-access.js";
import { answeredCount, presentAdministration, presentDetail } from "./scales.presenter.js";
import { type AdministrationView, scalesRepo } from "./scales.repo.js";

/** 400 with `details.errors` unless `answer` is a valid answer to item `itemId`. */
function assertValidAnswer(def: ScaleDefinition, itemId: string, answer: ScaleAnswer): void {
  const scored = scoreScale(def, { [itemId]: answer });
  if (scored.ok) return;
  const reason = scored.errors.map((e) => (e.value ? `${e.code}: ${e.value}` : e.code)).join(", ");
  throw new AppError("VALIDATION_FAILED", `Invalid answer: ${reason}`, {
    fields: { answer: reason },
    errors: scored.errors,
  });
}

/** The score to store, or 422 INCOMPLETE with `details.missing` (item ids in order). */
function completeScore(def: ScaleDefinition, answers: ScaleAnswers): StoredScore {
  const scored = scoreScale(def, answers);
  if (!scored.ok) throw new AppError("INTERNAL", "stored answers do not score");
  if (!scored.complete)
    throw new AppError("INCOMPLETE", "Some questions are not answered yet", { missing: scored.missing });
  const { total, subscales, band, subscaleBands } = scored;
  return { total, subscales, band, subscaleBands };
}

/** Store a new administration; the caregiver it is sent to is notified after commit. */
function insertAndNotify(
  deps: Deps,
  s: { user: AuthUser; familyId: string; def: ScaleDefinition; input: AdministrationStartInput },
): Promise<AdministrationView> {
  const { input } = s;
  return unitOfWork(deps, async (tx, uow) => {
    // Without a case named, it belongs to the family's open case (decision 136), so the family
    // page's questionnaires reach the case timeline too.
    const caseId = input.caseId ?? (await casesRepo.openOf(tx, s.familyId))?.id ?? null;
    const row = await scalesRepo.insertAdministration(tx, {
      familyId: s.familyId,
      caseId,
      scaleId: s.def.id,
      scaleVersion: s.def.version,
      occasion: input.occasion,
      respondent: input.respondent,
      respondentUserId: input.caregiverId ?? null,
      startedBy: s.user.id,
    });
    if (input.caregiverId)
      uow.notify({ userId: input.caregiverId, kind: "scale_sent", payload: { administrationId: row.id } });
    return (await scalesRepo.administration(tx, row.id))!;
  });
}

/**
 * Filling scales for a family (docs/decisions/126): a family's social worker (or an admin)
 * starts one, to fill together or sent to one caregiver of the family, who alone of her family
 * may then read and answer it. Answers are saved one at a time (last write wins per item);
 * completing needs every item and caches the score.
 */
export function createAdministrationsService(deps: Deps, families: FamiliesService) {
  const { db, logger } = deps;

  const { reachable, offered, assertCaregiverOf, assertFamily } = createScaleAccess(db, families);

  return {
    /** Start a scale for an assigned family; a caregiver it is sent to is told (generic text). */
    async start(user: AuthUser, familyId: string, input: AdministrationStartInput): Promise<Administration> {
      if (!(await families.canAccess(user, familyId))) throw notFound("family");
      const def = await offered(input.scaleId);
      if (input.caregiverId) await assertCaregiverOf(familyId, input.caregiverId);
      if (input.caseId && (await casesRepo.byId(db, input.caseId))?.familyId !== familyId)
        throw invalid("caseId", "must name a case of this family");
      const v = await insertAndNotify(deps, { user, familyId, def, input });
      logger.info(
        { event: "scale_started", actorId: user.id, familyId, administrationId: v.a.id },
        "scale started",
      );
      return presentAdministration(v, def);
    },

    /** A family's administrations (a caregiver: those sent to her), without answers. */
    async list(user: AuthUser, familyId: string): Promise<{ administrations: Administration[] }> {
      await assertFamily(user, familyId);
      const views = await scalesRepo.ofFamily(db, familyId, user.role === "caregiver" ? user.id : undefined);
      const defOf = await definitionLookup(
        db,
        views.map((v) => v.a),
      );
      return {
        administrations: views.map((v) => presentAdministration(v, defOf(v.a))),
      };
    },

    /** One administration with its answers; a staff read is audited. */
    async get(user: AuthUser, id: string): Promise<AdministrationDetail> {
      const { v, def } = await reachable(user, id);
      if (user.role !== "caregiver")
        await auditRepo.append(db, {
          actorId: user.id,
          action: "scale_answers_viewed",
          targetUserId: v.a.respondentUserId,
          after: { familyId: v.a.familyId, administrationId: v.a.id },
        });
      return presentDetail(v, def);
    },

    /** Save one answer (validated against the item); same answer again changes nothing. */
    async answer(user: AuthUser, id: string, itemId: string, answer: ScaleAnswer): Promise<AnswerSaved> {
      const { v, def } = await reachable(user, id);
      if (!def.items.some((item) => item.id === itemId)) throw notFound("item");
      inProgress(v.a.status);
      assertValidAnswer(def, itemId, answer);
      const saved = await scalesRepo.putAnswer(db, id, itemId, answer);
      if (!saved) throw conflict("This questionnaire is no longer in progress");
      return {
        itemId,
        revision: saved.revision,
        answeredCount: answeredCount(def, saved.answers as ScaleAnswers),
      };
    },

    /** Complete and score; 422 INCOMPLETE with `details.missing` while items are unanswered. */
    async complete(user: AuthUser, id: string): Promise<Administration> {
      const { def } = await reachable(user, id);
      await db.transaction(async (tx) => {
        const row = await scalesRepo.lock(tx, id);
        inProgress(row?.status);
        const score = completeScore(def, row!.answers as ScaleAnswers);
        await scalesRepo.finish(tx, id, { status: "complete", score });
        if (row!.caseId)
          await casesRepo.addEvent(tx, { caseId: row!.caseId, kind: "scale_completed", refId: id });
      });
      return presentAdministration((await scalesRepo.administration(db, id))!, def);
    },

    /** Abandon one in progress (it never counts in results). */
    async abandon(user: AuthUser, id: string): Promise<Administration> {
      const { def } = await reachable(user, id);
      await db.transaction(async (tx) => {
        inProgress((await scalesRepo.lock(tx, id))?.status);
        await scalesRepo.finish(tx, id, { status: "abandoned" });
      });
      return presentAdministration((await scalesRepo.administration(db, id))!, def);
    },
  };
}
export type AdministrationsService = ReturnType<typeof createAdministrationsService>;
