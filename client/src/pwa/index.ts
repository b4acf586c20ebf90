import type { QueryClient } from "@tanstack/react-query";
import { keepOfflineCache, restoreOfflineCache } from "./offline-cache";
import { announceUpdate, registerServiceWorker } from "./register";

/**
 * The installable, offline-capable app (decision 104): the kept lists back into the cache before
 * the first render, the service worker registered after load, and a quiet note after an update.
 */
export function startPwa(qc: QueryClient): void {
  restoreOfflineCache(qc);
  keepOfflineCache(qc);
  registerServiceWorker();
  void announceUpdate();
}
