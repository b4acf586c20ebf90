import type { BookingSeriesCancelInput, BookingSeriesCreateInput } from "@carecircle/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

/** Query keys of recurring bookings (issue 19 §2). */
export const seriesKeys = { one: (id: string) => ["booking-series", id] as const };

/**
 * Book the same weekly session for 2-12 weeks (decision 140); the answer lists each week as
 * confirmed, waitlisted or refused with its reason. Refreshes slots and bookings.
 */
export function useBookSeries() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: BookingSeriesCreateInput) => call(ROUTES.createBookingSeries, { body: input }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ["slots"] });
      void qc.invalidateQueries({ queryKey: ["bookings"] });
    },
  });
}

/** One recurring booking with each of its weeks. */
export function useBookingSeries(id: string | undefined) {
  return useQuery({
    queryKey: seriesKeys.one(id ?? ""),
    queryFn: () => call(ROUTES.getBookingSeries, { params: { id: id! } }),
    select: (d) => d.series,
    enabled: !!id,
  });
}

/** Cancel every week of a series on or after `from`. */
export function useCancelBookingSeries() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: BookingSeriesCancelInput & { id: string }) =>
      call(ROUTES.cancelBookingSeries, { params: { id }, body }),
    onSettled: (_d, _e, v) => {
      void qc.invalidateQueries({ queryKey: seriesKeys.one(v.id) });
      void qc.invalidateQueries({ queryKey: ["slots"] });
      void qc.invalidateQueries({ queryKey: ["bookings"] });
    },
  });
}
