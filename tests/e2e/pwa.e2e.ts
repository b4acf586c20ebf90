import type { Group } from "@carecircle/shared";
import type { BrowserContext, CDPSession, Page, Worker } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, buildCaregiver, buildGroup, joinGroup } from "../factories/index.js";
import { until } from "../setup/until.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

/*
 * The installable app (issue 16 §2, decision 104) in a real Chromium at phone width: the service
 * worker installs and controls the page, the app opens with the network off showing the kept
 * groups and a queued message, Chromium finds nothing against installing it, and a push delivered
 * through the DevTools protocol shows a generic notification whose tap opens the right page.
 */

let e2e: E2E;
let grandma: Account;
let group: Group;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  e2e = await startE2E();
  ({ group } = await buildGroup(e2e.srv, { name: "脑瘫儿童家长互助", topic: "cerebral_palsy" }));
  grandma = await buildCaregiver(e2e.srv, { displayName: "小宝奶奶" });
  await joinGroup(e2e.srv, grandma, group.id);
  ({ context, page } = await e2e.newUser());
});
afterAll(async () => {
  await e2e?.close();
});

const groupCard = () => page.getByRole("listitem").filter({ hasText: "脑瘫儿童家长互助" });
const chatLog = () => page.getByRole("region", { name: "群消息" });

/** The app's service worker (it controls `page` by then). */
async function appWorker(): Promise<Worker> {
  await until(() => context.serviceWorkers().length > 0, { what: "the service worker", timeoutMs: 15_000 });
  const [worker] = context.serviceWorkers();
  return worker!;
}

/** The registration id CDP knows the app's worker by (needed to deliver a push to it). */
async function registrationId(cdp: CDPSession): Promise<string> {
  let id: string | undefined;
  cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
    const live = registrations.find((r) => !r.isDeleted && r.scopeURL === `${e2e.srv.url}/`);
    if (live) id = live.registrationId;
  });
  await cdp.send("ServiceWorker.enable");
  await until(() => id !== undefined, { what: "the worker's registration id" });
  return id!;
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
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send("Page.getAppManifest");
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data ?? "{}")).toMatchObject({ short_name: "关爱圈", display: "standalone" });
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
        (await page.evaluate(() => localStorage.getItem("cc.offline") ?? "")).includes(`"group","${group.id}"`),
      { what: "the group to be kept for offline use" },
    );

    await context.setOffline(true);
    await page.getByLabel("写消息").fill("没网的时候写的");
    await page.getByRole("button", { name: "发送", exact: true }).click();
    await chatLog().getByRole("listitem").filter({ hasText: "没网的时候写的" }).getByText("等待发送").waitFor();

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "脑瘫儿童家长互助" }).waitFor();
    await chatLog().getByRole("listitem").filter({ hasText: "没网的时候写的" }).getByText("等待发送").waitFor();
    await page.getByText("现在没有网络").waitFor();

    await page.goto("/groups");
    await groupCard().getByRole("link", { name: "进入“脑瘫儿童家长互助”" }).waitFor();
    await page.getByText("现在没有网络").waitFor();
    await screenshot(page, "pwa-offline-groups");
    await expectAccessible(page, "offline groups");
  });

  it("sends the queued message once the network is back", async () => {
    await context.setOffline(false);
    await groupCard().getByRole("link", { name: "进入“脑瘫儿童家长互助”" }).click();
    await chatLog().getByText("没网的时候写的").waitFor();
    await until(() => chatLog().getByText("等待发送").count().then((n) => n === 0), {
      what: "the queued message to be sent",
      timeoutMs: 20_000,
    });
    const res = await e2e.srv.http.get(`/api/groups/${group.id}/messages?limit=50`).set("Authorization", grandma.auth);
    const bodies = (res.body as { messages: { body: string }[] }).messages.map((m) => m.body);
    expect(bodies.filter((b) => b === "没网的时候写的")).toHaveLength(1);
  });

  it("says once, quietly, that the app was updated", async () => {
    // the page remembers the version it last ran; a different one means the new worker took over
    await page.evaluate(() => localStorage.setItem("cc.appVersion", "an-older-build"));
    await page.reload();
    await page.getByText("关爱圈已更新到新版本。").waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "脑瘫儿童家长互助" }).waitFor();
    await chatLog().getByText("没网的时候写的").waitFor();
    expect(await page.getByText("关爱圈已更新到新版本。").count()).toBe(0);
  });
});

describe("push notifications in the service worker", () => {
  it("shows a pushed notification with its generic title, and a tap opens its page", async () => {
    await context.grantPermissions(["notifications"], { origin: e2e.srv.url });
    const cdp = await context.newCDPSession(page);
    const id = await registrationId(cdp);
    const worker = await appWorker();
    const payload = { kind: "booking_confirmed", title: "您的预约已确认", url: "/bookings", tag: "booking-1" };
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: e2e.srv.url,
      registrationId: id,
      data: JSON.stringify(payload),
    });
    let notes: NoteSeen[] = [];
    await until(
      async () => {
        notes = await worker.evaluate(notificationsNow);
        return notes.length > 0;
      },
      { what: "the notification to show" },
    );
    expect(notes).toEqual([{ title: "您的预约已确认", tag: "booking-1", data: { url: "/bookings", kind: "booking_confirmed" } }]);

    await worker.evaluate(clickFirstNotification);
    await page.waitForURL((u) => u.pathname === "/bookings");
    await page.getByRole("heading", { level: 1 }).first().waitFor();
  });

  it("shows a generic notification for a push it cannot read, opening the notifications", async () => {
    const cdp = await context.newCDPSession(page);
    const id = await registrationId(cdp);
    const worker = await appWorker();
    await worker.evaluate(closeAllNotifications);
    await cdp.send("ServiceWorker.deliverPushMessage", { origin: e2e.srv.url, registrationId: id, data: "not json" });
    let notes: NoteSeen[] = [];
    await until(
      async () => {
        notes = await worker.evaluate(notificationsNow);
        return notes.length > 0;
      },
      { what: "the generic notification to show" },
    );
    expect(notes[0]?.title).toMatch(/^关爱圈/);
    expect(notes[0]?.data.url).toBe("/notifications");
    await worker.evaluate(clickFirstNotification);
    await page.waitForURL((u) => u.pathname === "/notifications");
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
  const scope = self as unknown as WorkerScope;
  const list = await scope.registration.getNotifications();
  return list.map((n) => ({ title: n.title, tag: n.tag, data: n.data as NoteSeen["data"] }));
}

async function closeAllNotifications(): Promise<void> {
  const scope = self as unknown as WorkerScope;
  for (const n of await scope.registration.getNotifications()) n.close();
}

/**
 * Tap the first notification: a `notificationclick` dispatched in the worker. A script-made event
 * cannot extend its lifetime, so `waitUntil` is collected here and awaited instead.
 */
async function clickFirstNotification(): Promise<void> {
  const scope = self as unknown as WorkerScope;
  const [notification] = await scope.registration.getNotifications();
  const event = new NotificationEvent("notificationclick", { notification });
  const pending: Promise<unknown>[] = [];
  Object.defineProperty(event, "waitUntil", { value: (p: Promise<unknown>) => pending.push(p) });
  scope.dispatchEvent(event);
  await Promise.all(pending);
}
