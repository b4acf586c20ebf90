/// <reference lib="webworker" />
/*
 * The service worker (decision 104). Precaches the app shell and every hashed asset; navigations
 * get the cached index.html so deep links open offline; /api and /socket.io are never touched
 * (no route matches them, so the browser goes to the network as if there were no worker). A new
 * version waits until every tab of the old one is closed: no reload in the middle of use.
 */
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  type PrecacheEntry,
  precacheAndRoute,
} from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { appPath, buildVersion, pushNote, SW_MESSAGE } from "./pwa/push-message";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

const manifest = self.__WB_MANIFEST;
const VERSION = buildVersion(manifest);

precacheAndRoute(manifest);
cleanupOutdatedCaches();
registerRoute(
  new NavigationRoute(createHandlerBoundToURL("index.html"), { denylist: [/^\/api\//, /^\/socket\.io\//] }),
);

// The first install controls the open page at once, so it works offline without a reload; an
// update only activates when no page of the old version is left, so claiming disturbs nobody.
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("message", (event) => {
  if ((event.data as { type?: unknown } | null)?.type === SW_MESSAGE.version)
    event.ports[0]?.postMessage(VERSION);
});

self.addEventListener("push", (event) => {
  const note = pushNote(event.data?.text(), self.navigator.language);
  event.waitUntil(
    self.registration.showNotification(note.title, {
      tag: note.tag,
      data: { url: note.url, kind: note.kind },
      icon: "/icons/icon-192.png",
      badge: "/icons/badge-96.png",
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = appPath((event.notification.data as { url?: unknown } | null)?.url);
  event.waitUntil(openAt(url));
});

/** Bring an open window of the app forward and show `url` in it (in-app), or open a new one. */
async function openAt(url: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const client =
    windows.find((c) => c.focused) ?? windows.find((c) => c.visibilityState === "visible") ?? windows[0];
  if (!client) {
    await self.clients.openWindow(url);
    return;
  }
  // focus() needs the tap's user activation; without it the page still navigates
  await client.focus().catch(() => undefined);
  client.postMessage({ type: SW_MESSAGE.navigate, url });
}
