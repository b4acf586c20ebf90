import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Group } from "@carecircle/shared";
import { type BrowserContext, chromium, type Locator, type Page, type Worker } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, buildCaregiver, buildGroup, joinGroup, setLocale } from "../factories/index.js";
import { until } from "../setup/until.js";
import {
  CHROMIUM_LAUNCH,
  type E2E,
  expectAccessible,
  loginViaUi,
  PHONE,
  screenshot,
  startE2E,
} from "./support.js";

/*
 * The installable app (issue 16 §2, decision 104) in a real Chromium at phone width: the service
 * worker installs and controls the page, the app opens with the network off showing the kept
 * groups and a queued message, Chromium finds nothing against installing it, and a push delivered
 * through the DevTools protocol shows a generic notification whose tap opens the right page.
 */

// What the in-page scripts below use of the browser (the tests compile without the DOM types).
declare const navigator: {
  serviceWorker: { ready: Promise<unknown>; controller: { scriptURL: string } | null };
};
declare const caches: {
  keys(): Promise<string[]>;
  open(name: string): Promise<{ keys(): Promise<ReadonlyArray<{ url: string }>> }>;
};
declare const localStorage: {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
};

let e2e: E2E;
let grandma: Account;
let group: Group;
let context: BrowserContext;
let page: Page;
// A profile on disk, as an installed app has: Chromium never offers to install from a private window.
const profile = mkdtempSync(path.join(tmpdir(), "cc-pwa-"));

beforeAll(async () => {
  e2e = await startE2E();
  ({ group } = await buildGroup(e2e.srv, { name: "脑瘫儿童家长互助", topic: "cerebral_palsy" }));
  grandma = await buildCaregiver(e2e.srv, { displayName: "小宝奶奶" });
  await joinGroup(e2e.srv, grandma, group.id);
  context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM_LAUNCH,
    baseURL: e2e.srv.url,
    viewport: PHONE,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    // the worker shows notifications; the prompt for them is Settings' business (issue 16 §3)
    permissions: ["notifications"],
  });
  context.setDefaultTimeout(15_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (err) => console.error("[pageerror]", err.message));
});
afterAll(async () => {
  await context?.close();
  await e2e?.close();
  rmSync(profile, { recursive: true, force: true });
});

const groupCard = () => page.getByRole("listitem").filter({ hasText: "脑瘫儿童家长互助" });
const chatLog = () => page.getByRole("region", { name: "群消息" });

/** Wait until nothing matches `locator` any more. */
function gone(locator: Locator, what: string): Promise<void> {
  return until(async () => (await locator.count()) === 0, { what, timeoutMs: 20_000 });
}

/** The app's service worker (it controls `page` by then). */
async function appWorker(): Promise<Worker> {
  await until(() => context.serviceWorkers().length > 0, { what: "the service worker", timeoutMs: 15_000 });
  const [worker] = context.serviceWorkers();
  return worker!;
}

/**
 * Deliver a push message to the app's worker as a push service would, through the DevTools
 * protocol (it needs the registration id CDP knows the worker by).
 */
async function deliverPush(data: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  let id: string | undefined;
  cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
    const live = registrations.find((r) => !r.isDeleted && r.scopeURL === `${e2e.srv.url}/`);
    if (live) id = live.registrationId;
  });
  await cdp.send("ServiceWorker.enable");
  await until(() => id !== undefined, { what: "the worker's registration id" });
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: e2e.srv.url, registrationId: id!, data });
  await cdp.detach();
}

/** The notifications the worker shows, once there is at least one. */
async function notificationsShown(worker: Worker): Promise<NoteSeen[]> {
  let notes: NoteSeen[] = [];
  await until(
    async () => {
      notes = await worker.evaluate(notificationsNow);
      return notes.length > 0;
    },
    { what: "a notification to show" },
  );
  return notes;
}

interface NoteSeen {
  title: string;
  tag: string;
  data: { url?: string };
}

describe("an installable app that opens offline", () => {
  it("installs its service worker, controls the page and is installable", async () => {
    await loginViaUi(page, grandma.email);
    await page.goto("/groups");
    await groupCard().waitFor();
    // installed once active; the next open (a reload here) is served by it
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await groupCard().waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
      `${e2e.srv.url}/sw.js`,
    );
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send("Page.getAppManifest");
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data ?? "{}")).toMatchObject({ short_name: "关爱圈", display: "standalone" });
    // a CDP session left open keeps the page from taking the offline emulation across a reload
    await cdp.detach();
    // /api answers are never kept by the worker: only the shell and the built assets are
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      }
      return urls;
    });
    expect(cached).toContain("/index.html");
    expect(cached.some((u) => u.startsWith("/assets/") && u.endsWith(".js"))).toBe(true);
    expect(cached.filter((u) => u.startsWith("/api/") || u.startsWith("/socket.io/"))).toEqual([]);
  });

  it("opens with the network off: the groups list, the group and a queued message", async () => {
    await groupCard().getByRole("link", { name: "进入“脑瘫儿童家长互助”" }).click();
    await page.getByRole("heading", { level: 1, name: "脑瘫儿童家长互助" }).waitFor();
    await until(
      async () =>
        (await page.evaluate(() => localStorage.getItem("cc.offline") ?? "")).includes(
          `"group","${group.id}"`,
        ),
      { what: "the group to be kept for offline use" },
    );

    await context.setOffline(true);
    await page.getByLabel("写消息").fill("没网的时候写的");
    await page.getByRole("button", { name: "发送", exact: true }).click();
    await chatLog()
      .getByRole("listitem")
      .filter({ hasText: "没网的时候写的" })
      .getByText("等待发送")
      .waitFor();

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "脑瘫儿童家长互助" }).waitFor();
    await chatLog()
      .getByRole("listitem")
      .filter({ hasText: "没网的时候写的" })
      .getByText("等待发送")
      .waitFor();
    await page.getByText("现在没有网络").waitFor();
    await screenshot(page, "pwa-offline-chat");

    await page.goto("/groups");
    await groupCard().getByRole("link", { name: "进入“脑瘫儿童家长互助”" }).waitFor();
    await page.getByText("现在没有网络").waitFor();
    await screenshot(page, "pwa-offline-groups");
    await expectAccessible(page, "offline groups");
  });

  it("sends the queued message once the network is back", async () => {
    await groupCard().getByRole("link", { name: "进入“脑瘫儿童家长互助”" }).click();
    // Offline, the missing history is explained calmly, not as a red error.
    await page.getByText("联网后会显示聊天记录。").waitFor();
    expect(await page.getByText("网络连接不上").count()).toBe(0);
    await context.setOffline(false);
    await chatLog().getByText("没网的时候写的").waitFor();
    // the history the page could not load offline comes as soon as the network is back
    await gone(page.getByText("联网后会显示聊天记录。"), "the history to load");
    await gone(chatLog().getByText("等待发送"), "the queued message to be sent");
    const res = await e2e.srv.http
      .get(`/api/groups/${group.id}/messages?limit=50`)
      .set("Authorization", grandma.auth);
    const bodies = (res.body as { messages: { body: string }[] }).messages.map((m) => m.body);
    expect(bodies.filter((b) => b === "没网的时候写的")).toHaveLength(1);
  });

  it("says once, quietly, that the app was updated", async () => {
    // the page remembers the version it last ran; a different one means the new worker took over
    await page.evaluate(() => localStorage.setItem("cc.appVersion", "an-older-build"));
    await page.reload();
    await page.getByText("关爱圈已更新到新版本。").waitFor();
    await screenshot(page, "pwa-updated");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "脑瘫儿童家长互助" }).waitFor();
    await chatLog().getByText("没网的时候写的").waitFor();
    expect(await page.getByText("关爱圈已更新到新版本。").count()).toBe(0);
  });
});

describe("push notifications in the service worker", () => {
  it("shows a pushed notification with its generic title, and a tap opens its page", async () => {
    const worker = await appWorker();
    // start from no notifications, with the worker running (a push that wakes a stopped
    // worker under the DevTools protocol is sometimes lost in headless Chromium)
    await worker.evaluate(closeAllNotifications);
    const payload = {
      kind: "booking_confirmed",
      title: "您的预约已确认",
      url: "/bookings",
      tag: "booking-1",
    };
    await deliverPush(JSON.stringify(payload));
    expect(await notificationsShown(worker)).toEqual([
      { title: "您的预约已确认", tag: "booking-1", data: { url: "/bookings", kind: "booking_confirmed" } },
    ]);
    await worker.evaluate(clickFirstNotification);
    await page.waitForURL((u) => u.pathname === "/bookings");
    await page.getByRole("heading", { level: 1 }).first().waitFor();
  });

  it("shows a generic notification for a push it cannot read, opening the notifications", async () => {
    const worker = await appWorker();
    await worker.evaluate(closeAllNotifications);
    await deliverPush("not json");
    const [note] = await notificationsShown(worker);
    expect(note?.title).toMatch(/^关爱圈/);
    expect(note?.data.url).toBe("/notifications");
    await worker.evaluate(clickFirstNotification);
    await page.waitForURL((u) => u.pathname === "/notifications");
  });
});

describe("the same notes in English", () => {
  it("says the app was updated and that she is offline, in English", async () => {
    await setLocale(e2e.srv, grandma, "en");
    await page.goto("/groups");
    await page.getByRole("heading", { level: 1, name: "Groups" }).waitFor();
    await page.evaluate(() => localStorage.setItem("cc.appVersion", "an-older-build"));
    await page.reload();
    await page.getByText("CareCircle has been updated.").waitFor();
    await expectAccessible(page, "updated note (en)");
    await screenshot(page, "pwa-updated-en");

    await context.setOffline(true);
    await page.reload();
    await page.getByText("You are offline.", { exact: false }).waitFor();
    await groupCard().waitFor();
    await expectAccessible(page, "offline groups (en)");
    await screenshot(page, "pwa-offline-groups-en");
    await context.setOffline(false);
    await setLocale(e2e.srv, grandma, "zh-CN");
  });
});

/*
 * The functions below run inside the service worker (Playwright serialises them into
 * `worker.evaluate`), so they may use only what a worker has.
 */
interface WorkerScope {
  registration: {
    getNotifications(): Promise<Array<{ title: string; tag: string; data: unknown; close(): void }>>;
  };
  dispatchEvent(e: Event): boolean;
}
declare const NotificationEvent: new (type: string, init: { notification: unknown }) => Event;

async function notificationsNow(): Promise<NoteSeen[]> {
  const scope = globalThis as unknown as WorkerScope;
  const list = await scope.registration.getNotifications();
  return list.map((n) => ({ title: n.title, tag: n.tag, data: n.data as NoteSeen["data"] }));
}

async function closeAllNotifications(): Promise<void> {
  const scope = globalThis as unknown as WorkerScope;
  for (const n of await scope.registration.getNotifications()) n.close();
}

/**
 * Tap the first notification: a `notificationclick` dispatched in the worker. A script-made event
 * cannot extend its lifetime, so `waitUntil` is collected here and awaited instead.
 */
async function clickFirstNotification(): Promise<void> {
  const scope = globalThis as unknown as WorkerScope;
  const [notification] = await scope.registration.getNotifications();
  const event = new NotificationEvent("notificationclick", { notification });
  const pending: Promise<unknown>[] = [];
  Object.defineProperty(event, "waitUntil", { value: (p: Promise<unknown>) => pending.push(p) });
  scope.dispatchEvent(event);
  await Promise.all(pending);
}
