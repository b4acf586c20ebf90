import type {
  CaseGoalCreateInput,
  CaseGoalUpdateInput,
  CaseOpenInput,
  CaseRecordCreateInput,
  CaseRecordUpdateInput,
  CaseStage,
  CaseUpdateInput,
  FollowUpStatus,
  StageDecisionInput,
} from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

export const caseKeys = {
  all: ["cases"] as const,
  list: (stage: string, familyId: string, pending: boolean) =>
    ["cases", "list", stage, familyId, pending] as const,
  one: (id: string) => ["cases", "one", id] as const,
  records: (id: string) => ["cases", "records", id] as const,
  timeline: (id: string) => ["cases", "timeline", id] as const,
  family: ["family-case"] as const,
  familyOpen: (familyId: string) => ["cases", "family-open", familyId] as const,
};

/** Cases I work on (admins: every case), optionally one stage, one family or those awaiting sign-off. */
export function useCases(f: { stage?: CaseStage; familyId?: string; pendingSignoff?: boolean } = {}) {
  return useQuery({
    queryKey: caseKeys.list(f.stage ?? "", f.familyId ?? "", !!f.pendingSignoff),
    queryFn: () =>
      call(ROUTES.listCases, {
        query: {
          stage: f.stage,
          familyId: f.familyId,
          pendingSignoff: f.pendingSignoff ? "true" : undefined,
        },
      }),
    select: (d) => d.cases,
  });
}

/**
 * A family's open case for its assigned social workers: stage, lead and whether I am on it
 * (decision 154; not a read of the case). `enabled: false` for anyone else.
 */
export function useFamilyOpenCase(familyId: string, enabled = true) {
  return useQuery({
    queryKey: caseKeys.familyOpen(familyId),
    queryFn: () => call(ROUTES.getFamilyOpenCase, { params: { id: familyId } }),
    select: (d) => d.openCase,
    enabled,
    retry: false,
  });
}

/** The whole case (an audited read). */
export function useCase(id: string) {
  return useQuery({
    queryKey: caseKeys.one(id),
    queryFn: () => call(ROUTES.getCase, { params: { id } }),
    select: (d) => d.case,
    retry: false,
  });
}

/** The case's service records, newest first (an audited read). */
export function useCaseRecords(id: string) {
  return useQuery({
    queryKey: caseKeys.records(id),
    queryFn: () => call(ROUTES.listCaseRecords, { params: { id } }),
    select: (d) => d.records,
    retry: false,
  });
}

/** What happened in the case, by time (an audited read). */
export function useCaseTimeline(id: string) {
  return useQuery({
    queryKey: caseKeys.timeline(id),
    queryFn: () => call(ROUTES.caseTimeline, { params: { id } }),
    select: (d) => d.entries,
    retry: false,
  });
}

/** A caregiver: her family's plan in plain words (null when there is no case). */
export function useFamilyCase() {
  return useQuery({
    queryKey: caseKeys.family,
    queryFn: () => call(ROUTES.getFamilyCase),
    select: (d) => d.case,
  });
}

/**
 * After any change to a case: its list, the case, records and timeline are read again, and the
 * support map (records strengthen the social worker's tie, stage changes save snapshots).
 */
function useCaseMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: caseKeys.all });
      for (const key of ["support-map", "support-map-snapshots"])
        await qc.invalidateQueries({ queryKey: [key] });
    },
  });
}

/** Open a case for a family (intake); answers the new case. */
export function useOpenCase() {
  return useCaseMutation((body: CaseOpenInput) => call(ROUTES.openCase, { body }).then((d) => d.case));
}

/** Change intake facts or strengths, with the version read. */
export function useUpdateCase(id: string) {
  return useCaseMutation((body: CaseUpdateInput) => call(ROUTES.updateCase, { params: { id }, body }));
}

/** Move the case to another stage (the answer may carry a pending sign-off instead). */
export function useMoveStage(id: string) {
  return useCaseMutation((body: { version: number; to: CaseStage; reason?: string }) =>
    call(ROUTES.moveCaseStage, { params: { id }, body }),
  );
}

/** The supervisor approves or returns a pending stage change. */
export function useDecideStage(id: string) {
  return useCaseMutation((v: { changeId: string } & StageDecisionInput) =>
    call(ROUTES.decideStageChange, {
      params: { id, changeId: v.changeId },
      body: { decision: v.decision, comment: v.comment },
    }),
  );
}

/** Add a plan goal. */
export function useAddGoal(id: string) {
  return useCaseMutation((body: CaseGoalCreateInput) => call(ROUTES.addCaseGoal, { params: { id }, body }));
}

/** Change a goal's status, progress note or anything else. */
export function useUpdateGoal(id: string) {
  return useCaseMutation((v: { goalId: string; body: CaseGoalUpdateInput }) =>
    call(ROUTES.updateCaseGoal, { params: { id, goalId: v.goalId }, body: v.body }),
  );
}

/** Record a contact. */
export function useAddRecord(id: string) {
  return useCaseMutation((body: CaseRecordCreateInput) =>
    call(ROUTES.addCaseRecord, { params: { id }, body }),
  );
}

/** Set a referral's or application's status. */
export function useSetFollowUp(id: string) {
  return useCaseMutation((v: { recordId: string; status: FollowUpStatus }) =>
    call(ROUTES.setRecordFollowUp, { params: { id, recordId: v.recordId }, body: { status: v.status } }),
  );
}

/** Edit a service record (its author within 24 hours, the supervisor at any time). */
export function useUpdateRecord(id: string) {
  return useCaseMutation((v: { recordId: string; body: CaseRecordUpdateInput }) =>
    call(ROUTES.updateCaseRecord, { params: { id, recordId: v.recordId }, body: v.body }),
  );
}

/** The lead or the supervisor adds a social worker assigned to the family to the case. */
export function useAddWorker(id: string) {
  return useCaseMutation((socialWorkerId: string) =>
    call(ROUTES.addCaseWorker, { params: { id }, body: { socialWorkerId, role: "member" } }),
  );
}

/** The lead or the supervisor takes a member off the case. */
export function useRemoveWorker(id: string) {
  return useCaseMutation((userId: string) => call(ROUTES.removeCaseWorker, { params: { id, userId } }));
}
