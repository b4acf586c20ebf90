import { showToast } from "../components/toasts";
import i18n, { i18nReady } from "../i18n";
import { SW_MESSAGE } from "./push-message";

const VERSION_KEY = "cc.appVersion";

/**
 * Register `/sw.js` once the page has loaded (the first screen never waits for it). Development
 * builds have no worker: Vite serves sources, not the precached build.
 */
export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !("serviceWorker" in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // no worker (private mode, blocked): the app works online as before
    });
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

/** The build version of the worker controlling this page, or null when there is none. */
function controllerVersion(): Promise<string | null> {
  const controller = navigator.serviceWorker?.controller;
  if (!controller) return Promise.resolve(null);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(typeof e.data === "string" ? e.data : null);
    controller.postMessage({ type: SW_MESSAGE.version }, [channel.port2]);
  });
}

/**
 * Once per new version: when this page is served by a newer worker than the last page was, say
 * so quietly. The first install is not an update and says nothing.
 */
export async function announceUpdate(): Promise<void> {
  const version = await controllerVersion();
  if (!version) return;
  const seen = localStorage.getItem(VERSION_KEY);
  if (seen === version) return;
  localStorage.setItem(VERSION_KEY, version);
  if (seen === null) return;
  // The worker can answer before an English visitor's strings have loaded (they are their own chunk).
  await i18nReady;
  showToast(i18n.t("pwa.updated"));
}
