import type { ActivityAttendanceInput, ActivityCreateInput } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

export const activityKeys = {
  all: ["activities"] as const,
  list: ["activities", "list"] as const,
  one: (id: string) => ["activities", "one", id] as const,
};

/** Upcoming group activities the caller may join or runs, soonest first. */
export function useActivities() {
  return useQuery({
    queryKey: activityKeys.list,
    queryFn: () => call(ROUTES.listActivities),
    select: (d) => d.activities,
  });
}

/** One activity (organisers also get its participants). */
export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: activityKeys.one(id ?? ""),
    queryFn: () => call(ROUTES.getActivity, { params: { id: id! } }),
    select: (d) => d.activity,
    enabled: !!id,
    retry: false,
  });
}

/** After any change every activity view is refetched (seats and waitlist places move together). */
function useActivityMutation<I, R>(fn: (input: I) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => void qc.invalidateQueries({ queryKey: activityKeys.all }),
  });
}

/** Organisers: a new session. */
export function useCreateActivity() {
  return useActivityMutation((body: ActivityCreateInput) => call(ROUTES.createActivity, { body }));
}

/** Take a seat, or a waitlist place when it is full. */
export function useSignUpActivity() {
  return useActivityMutation((id: string) => call(ROUTES.signUpActivity, { params: { id } }));
}

/** Withdraw a sign-up (a freed seat goes to the waitlist head). */
export function useLeaveActivity() {
  return useActivityMutation((id: string) => call(ROUTES.leaveActivity, { params: { id } }));
}

/** Organisers: call the session off, saying why (everyone signed up or queueing is told). */
export function useCancelActivity(id: string) {
  return useActivityMutation((body: { reason: string }) =>
    call(ROUTES.cancelActivity, { params: { id }, body }),
  );
}

/** Organisers: whether a confirmed participant came. */
export function useRecordAttendance(id: string) {
  return useActivityMutation((body: ActivityAttendanceInput) =>
    call(ROUTES.recordActivityAttendance, { params: { id }, body }),
  );
}
