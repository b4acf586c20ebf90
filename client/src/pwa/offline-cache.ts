import { dehydrate, hydrate, type Query, type QueryClient } from "@tanstack/react-query";
import { getSession, onSessionChange } from "../api/session";

/*
 * The few lists a returning user needs to see with no network (decision 104): their groups, each
 * group's header and their private conversations, kept in localStorage beside the session and the
 * chat outbox. Message history and personal records are not kept; signing out forgets it all.
 */

const KEY = "cc.offline";
const SAVE_DELAY_MS = 500;

interface Saved {
  userId: string;
  state: ReturnType<typeof dehydrate>;
}

function kept(key: readonly unknown[]): boolean {
  const [head] = key;
  return head === "groups" || head === "conversations" || (head === "group" && key.length === 2);
}

function savable(q: Query): boolean {
  return q.state.status === "success" && kept(q.queryKey);
}

function read(): Saved | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Saved) : null;
  } catch {
    return null;
  }
}

function save(qc: QueryClient): void {
  const userId = getSession()?.user.id;
  if (!userId) return;
  const saved: Saved = { userId, state: dehydrate(qc, { shouldDehydrateQuery: savable }) };
  try {
    localStorage.setItem(KEY, JSON.stringify(saved));
  } catch {
    // storage full or disabled: the app still works online
  }
}

/** Put the signed-in user's kept lists back into the cache (before the first render). */
export function restoreOfflineCache(qc: QueryClient): void {
  const saved = read();
  if (!saved) return;
  if (saved.userId !== getSession()?.user.id) {
    localStorage.removeItem(KEY);
    return;
  }
  hydrate(qc, saved.state);
  // shown at once, but never trusted as fresh: each is fetched again when used online
  void qc.invalidateQueries({ predicate: (q) => kept(q.queryKey), refetchType: "none" });
}

/** Save the kept lists whenever they change, and forget them on sign-out. */
export function keepOfflineCache(qc: QueryClient): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  qc.getQueryCache().subscribe((event) => {
    if (event.type !== "updated" || event.action.type !== "success" || !kept(event.query.queryKey)) return;
    clearTimeout(timer);
    timer = setTimeout(() => save(qc), SAVE_DELAY_MS);
  });
  window.addEventListener("pagehide", () => save(qc));
  onSessionChange((s) => {
    if (!s) localStorage.removeItem(KEY);
  });
}
