import { useInfiniteQuery } from "@tanstack/react-query";
import { call } from "./call";
import { ROUTES } from "./routes.gen";

/** Message search, page by page (`fetchNextPage` follows `nextCursor`); idle while `q` is empty. */
export function useMessageSearch(q: string, groupId: string | undefined) {
  return useInfiniteQuery({
    queryKey: ["search", q, groupId ?? ""] as const,
    queryFn: ({ pageParam }) =>
      call(ROUTES.searchMessages, { query: { q, groupId: groupId || undefined, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: q.trim().length > 0,
  });
}
