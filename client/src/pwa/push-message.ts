/*
 * What the service worker shows for a push, and where a tap on it leads: pure functions shared by
 * `src/sw.ts` and the page, so they can be tested without a browser. The payload contract
 * (decision 104, built with the server's push sender) is `{ kind, title, url, tag }`: a short
 * generic title, never message text or names.
 */

/** A notification ready for `registration.showNotification`. */
export interface PushNote {
  kind: string;
  title: string;
  /** An in-app path (`notificationLink`: `/groups/<id>?at=<seq>`, `/bookings?booking=<id>`, `/alerts?alert=<id>`). */
  url: string;
  tag?: string | undefined;
}

/** Where a notification without a usable target leads. */
export const FALLBACK_PATH = "/notifications";
const MAX_TITLE = 120;
const MAX_TAG = 100;
const MAX_PATH = 500;

/** The title shown when the payload is missing or unreadable, in the browser's language. */
export function fallbackTitle(language: string): string {
  return language.toLowerCase().startsWith("zh")
    ? "关爱圈：您有一条新通知"
    : "关爱圈: you have a new notification";
}

/**
 * `url` when it is a path inside this app, else the notifications page: a payload must never
 * send the user to another site (`//evil.example`, `https://…`, `javascript:`).
 */
export function appPath(url: unknown): string {
  if (typeof url !== "string" || url.length > MAX_PATH || !url.startsWith("/")) return FALLBACK_PATH;
  if (url.startsWith("//") || url.startsWith("/\\")) return FALLBACK_PATH;
  const base = "https://app.invalid";
  try {
    const parsed = new URL(url, base);
    if (parsed.origin !== base) return FALLBACK_PATH;
    return parsed.pathname + parsed.search + parsed.hash;
  } catch {
    return FALLBACK_PATH;
  }
}

function text(v: unknown, max: number): string | undefined {
  return typeof v === "string" && v.trim() !== "" && v.length <= max ? v : undefined;
}

/** The notification for a push's data text; anything unreadable gets the generic one. */
export function pushNote(data: string | null | undefined, language: string): PushNote {
  const fallback: PushNote = { kind: "unknown", title: fallbackTitle(language), url: FALLBACK_PATH };
  if (!data) return fallback;
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return fallback;
  }
  if (!raw || typeof raw !== "object") return fallback;
  const o = raw as Record<string, unknown>;
  const title = text(o.title, MAX_TITLE);
  if (!title) return fallback;
  return { kind: text(o.kind, 40) ?? "unknown", title, url: appPath(o.url), tag: text(o.tag, MAX_TAG) };
}

/** Messages between the service worker and the page. */
export const SW_MESSAGE = {
  /** page -> worker, answered on the given port with the worker's build version. */
  version: "cc:version",
  /** worker -> page: a notification was tapped; open `url` in the app. */
  navigate: "cc:navigate",
} as const;

/** The in-app path of a `cc:navigate` message, or null for any other message. */
export function navigateTarget(data: unknown): string | null {
  if (!data || typeof data !== "object") return null;
  const o = data as { type?: unknown; url?: unknown };
  return o.type === SW_MESSAGE.navigate ? appPath(o.url) : null;
}

/** A short fingerprint of the precache list: it changes whenever any shipped file does. */
export function buildVersion(
  entries: ReadonlyArray<string | { url: string; revision?: string | null }>,
): string {
  let h = 0x811c9dc5;
  for (const e of entries) {
    const s = typeof e === "string" ? e : `${e.url}@${e.revision ?? ""}`;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return (h >>> 0).toString(36);
}
