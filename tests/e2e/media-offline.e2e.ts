/// <reference lib="dom" />
// page.evaluate callbacks run in the browser
/*
 * A photo sent with no network waits in the outbox (its file in IndexedDB, issue 17 §1), is still
 * there after the page is reloaded offline (the service worker serves the app), and is delivered
 * exactly once, with its real bytes, when the network is back.
 */
import { sql } from "@carecircle/server";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, buildCaregiver, buildGroup, joinGroup, sqlOne } from "../factories/index.js";
import { until } from "../setup/until.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

let e2e: E2E;
let groupId: string;
let nainai: Account;
let page: Page;

const log = () => page.locator(".chat-log");
const waiting = () => log().locator(".msg-row.pending").filter({ hasText: "等待发送" });

/** How many files wait in the outbox's IndexedDB store. */
const filesKept = () =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open("cc-outbox");
        req.onsuccess = () => {
          const count = req.result.transaction("files").objectStore("files").count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );

/** Photo messages stored in the group, with the stored width of each. */
const photos = () =>
  sqlOne<{ n: number; widths: number[] | null }>(
    e2e.srv,
    sql`select count(*)::int as n, array_agg(m.width) as widths
        from messages g join media m on m.id = g.media_id where g.group_id = ${groupId} and m.kind = 'photo'`,
  );

beforeAll(async () => {
  e2e = await startE2E();
  groupId = (await buildGroup(e2e.srv, { name: "唐氏综合征家长群" })).group.id;
  nainai = await buildCaregiver(e2e.srv, { displayName: "乐乐奶奶" });
  await joinGroup(e2e.srv, nainai, groupId);
}, 120_000);
afterAll(async () => {
  await e2e?.close();
});

describe("a photo queued offline", () => {
  it("waits in the outbox with its file while there is no network", async () => {
    page = (await e2e.newUser()).page;
    await loginViaUi(page, nainai.email, nainai.password);
    await page.goto(`/groups/${groupId}`);
    await page.getByLabel("写消息").waitFor();
    // the service worker controls the page after one reload; the group is kept for offline use
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await page.getByLabel("写消息").waitFor();
    await until(
      async () => (await page.evaluate(() => localStorage.getItem("cc.offline") ?? "")).includes(groupId),
      { what: "the group to be kept for offline use" },
    );

    await page.context().setOffline(true);
    await page.getByText("现在没有网络").waitFor();
    await page.getByRole("button", { name: "更多：照片、拍照" }).click();
    await page.getByTestId("photo-input").setInputFiles({
      name: "form.jpg",
      mimeType: "image/jpeg",
      buffer: await sharp({ create: { width: 640, height: 480, channels: 3, background: "#5a8fd0" } })
        .jpeg()
        .toBuffer(),
    });
    const dialog = page.getByRole("dialog", { name: "发送照片" });
    await dialog.getByLabel("说明（可不填）").fill("医院的表格");
    await dialog.getByRole("button", { name: "发送" }).click();
    await waiting().filter({ hasText: "医院的表格" }).waitFor();
    expect(await filesKept()).toBe(1);
    expect((await photos()).n).toBe(0);
  }, 60_000);

  it("is still queued, file and all, after the page is reloaded offline", async () => {
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "唐氏综合征家长群" }).waitFor();
    await waiting().filter({ hasText: "医院的表格" }).waitFor();
    await page.getByText("现在没有网络").waitFor();
    expect(await filesKept()).toBe(1);
    await expectAccessible(page, "offline chat with a queued photo");
    await screenshot(page, "media-offline-queued");
  }, 60_000);

  it("is sent once the network is back, exactly once, with its real picture", async () => {
    await page.context().setOffline(false);
    await log().locator(".msg-row.mine:not(.pending) .photo-thumb img").waitFor({ timeout: 30_000 });
    await expect.poll(() => waiting().count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(filesKept).toBe(0);
    const stored = await photos();
    expect(stored.n).toBe(1);
    expect(stored.widths).toEqual([640]);
    const res = await e2e.srv.http.get(`/api/groups/${groupId}/messages`).set("Authorization", nainai.auth);
    const sent = (res.body.messages as { body: string | null }[]).filter((m) => m.body === "医院的表格");
    expect(sent).toHaveLength(1);
  }, 60_000);
});
