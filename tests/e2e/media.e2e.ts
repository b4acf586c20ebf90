/// <reference lib="dom" />
// page.evaluate callbacks run in the browser
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
let mama: Account;

/** A JPEG of a child's drawing, with where it was taken in its EXIF (as phones write it). */
async function photoWithGps(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#e7b04a" } })
    .withExif({
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "39/1 54/1 2/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "116/1 23/1 0/1",
      },
    })
    .jpeg()
    .toBuffer();
  expect(jpeg.includes(Buffer.from("GPS"))).toBe(false); // tags are numbers: check by sharp instead
  expect((await sharp(jpeg).metadata()).exif).toBeDefined();
  return jpeg;
}

async function setMe(who: Account, body: Record<string, unknown>) {
  const res = await e2e.srv.http.patch("/api/me").set("Authorization", who.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const log = (page: Page) => page.locator(".chat-log");

/** Press the "hold to talk" button with the pointer, do `whileHeld` (the pointer still down), let go. */
async function holdToTalk(page: Page, whileHeld: (x: number, y: number) => Promise<void>) {
  const b = (await page.getByRole("button", { name: "按住 说话" }).boundingBox())!;
  const [x, y] = [b.x + b.width / 2, b.y + b.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.getByRole("button", { name: "松开 发送" }).waitFor();
  // 3 s on the button's clock: the recorder starts a moment after the press, later under load
  await expect.poll(() => page.getByRole("timer").textContent(), { timeout: 10_000 }).toMatch(/^0:0[3-9]$/);
  await whileHeld(x, y);
  await page.mouse.up();
  await page.getByRole("button", { name: "按住 说话" }).waitFor();
}

/** Voice messages stored in the group. */
const voiceCount = async () =>
  (
    await sqlOne<{ n: number }>(
      e2e.srv,
      sql`select count(*)::int as n from messages g join media m on m.id = g.media_id where m.kind = 'voice'`,
    )
  ).n;

/**
 * The chat at 360 px as WeChat's care mode has it: the log takes most of the screen, and the
 * header's menu, the "+" sheet and the voice button each fit. Screenshots of each.
 */
async function layoutShots(page: Page, name: string) {
  const { log: h, screen } = await page.evaluate(() => ({
    log: (document.querySelector(".chat-log") as HTMLElement).getBoundingClientRect().height,
    screen: window.innerHeight,
  }));
  expect(h / screen, `${name}: the log's share of the screen`).toBeGreaterThan(0.55);
  await chatShot(page, name);
  await page.getByRole("button", { name: /^(更多：在线|More: who)/ }).click();
  await screenshot(page, `${name}-menu`);
  await page.keyboard.press("Escape");
  const plus = page.getByRole("button", { name: /^(更多：照片|More: photo)/ });
  await plus.click();
  await page.locator("#attach-sheet").waitFor();
  await screenshot(page, `${name}-sheet`);
  await plus.click();
  await page.getByRole("button", { name: /^(语音|Voice)$/ }).click();
  await page.getByRole("button", { name: /^(按住 说话|Hold to talk)$/ }).waitFor();
  await screenshot(page, `${name}-voice`);
  await page.getByRole("button", { name: /^(改为打字|Back to typing)$/ }).click();
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(sideways, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** Screenshot the chat scrolled to the newest message. */
async function chatShot(page: Page, name: string) {
  await page.evaluate(() => {
    const el = document.querySelector(".chat-log") as HTMLElement;
    el.scrollTop = el.scrollHeight;
  });
  await screenshot(page, name);
}

beforeAll(async () => {
  e2e = await startE2E();
  const { group } = await buildGroup(e2e.srv, { name: "脑瘫康复家长群" });
  groupId = group.id;
  nainai = await buildCaregiver(e2e.srv, { displayName: "朵朵奶奶" });
  mama = await buildCaregiver(e2e.srv, { displayName: "Doudou's mum", locale: "en" });
  await joinGroup(e2e.srv, nainai, groupId);
  await joinGroup(e2e.srv, mama, groupId);
  await setMe(nainai, { careMode: true });
}, 120_000);
afterAll(async () => {
  await e2e?.close();
});

describe("photos and voice messages in the chat", () => {
  let gran: Page;
  let mum: Page;

  it("a grandmother in care mode records a voice message with tap-to-record", async () => {
    gran = (await e2e.newUser()).page;
    await loginViaUi(gran, nainai.email, nainai.password);
    await gran.goto(`/groups/${groupId}`);
    await expect.poll(() => gran.evaluate(() => document.documentElement.dataset.care)).toBe("on");
    await gran.getByRole("button", { name: "语音", exact: true }).click();
    await gran.getByRole("button", { name: "点一下开始录音" }).click();
    const timer = gran.getByRole("timer");
    await timer.waitFor();
    await expect.poll(() => timer.textContent(), { timeout: 10_000 }).toMatch(/^0:0[2-9]$/);
    await gran.getByRole("button", { name: "发送", exact: true }).first().click();
    const voice = log(gran).locator(".msg-row.mine:not(.pending) [data-testid=voice]");
    await voice.waitFor({ timeout: 20_000 });
    const row = await sqlOne<{ kind: string; duration_ms: number }>(
      e2e.srv,
      sql`select m.kind, m.duration_ms from media m join messages g on g.media_id = m.id where g.group_id = ${groupId}`,
    );
    expect(row.kind).toBe("voice");
    expect(row.duration_ms).toBeGreaterThan(1500);
    // her own message has no "not played" dot, and read-aloud is not offered for a voice message
    expect(await voice.getByRole("img", { name: "还没听" }).count()).toBe(0);
  }, 60_000);

  it("she sends a photo with GPS in it; the copy anyone downloads has no EXIF at all", async () => {
    await gran.getByTestId("photo-input").setInputFiles({
      name: "drawing.jpg",
      mimeType: "image/jpeg",
      buffer: await photoWithGps(),
    });
    const dialog = gran.getByRole("dialog", { name: "发送照片" });
    await dialog.getByLabel("说明（可不填）").fill("孩子画的画");
    await dialog.getByRole("button", { name: "发送" }).click();
    const thumb = log(gran).locator(".msg-row.mine:not(.pending) .photo-thumb img");
    await thumb.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => thumb.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0))
      .toBe(true);
    // full screen, then Escape closes it
    await log(gran).getByRole("button", { name: "全屏查看照片" }).click();
    const viewer = gran.getByRole("dialog", { name: "照片" });
    const full = viewer.getByRole("img");
    await expect.poll(() => full.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(900);
    const bytes = await full.evaluate(async (i: HTMLImageElement) => {
      const res = await fetch(i.src);
      return [...new Uint8Array(await res.arrayBuffer())];
    });
    const meta = await sharp(Buffer.from(bytes)).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(900);
    await gran.keyboard.press("Escape");
    await expect.poll(() => viewer.count()).toBe(0);
  }, 60_000);

  it("passes axe in care mode and is saved at 360 px (care mode, zh-CN)", async () => {
    await expectAccessible(gran, "chat with a photo and a voice message (care mode)");
    const sideways = await gran.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways).toBeLessThanOrEqual(0);
    await layoutShots(gran, "media-chat-care-zh");
  });

  it("another member at 390 px plays it: the unplayed dot goes and the server keeps the mark", async () => {
    mum = (await e2e.newUser({ viewport: { width: 390, height: 800 }, locale: "en" })).page;
    await loginViaUi(mum, mama.email, mama.password);
    await mum.goto(`/groups/${groupId}`);
    const voice = log(mum).locator("[data-testid=voice]");
    await voice.waitFor();
    await voice.getByRole("img", { name: "Not played yet" }).waitFor();
    expect(await log(mum).getByRole("button", { name: "Open the photo full screen" }).count()).toBe(1);
    await voice.getByRole("button", { name: /^▶ Play/ }).click();
    await expect.poll(() => voice.getByRole("img", { name: "Not played yet" }).count()).toBe(0);
    await until(async () => {
      const res = await e2e.srv.http.get(`/api/groups/${groupId}/messages`).set("Authorization", mama.auth);
      return res.body.messages.some((m: { media: { played?: boolean } | null }) => m.media?.played === true);
    });
    await expectAccessible(mum, "chat with media (en)");
  }, 60_000);

  it("she holds to talk and lets go: the other member gets it live and plays it", async () => {
    await gran.getByRole("button", { name: "语音", exact: true }).click();
    await holdToTalk(gran, async () => {
      await gran.getByText("手指上滑，取消发送").waitFor();
    });
    await expect.poll(voiceCount, { timeout: 20_000 }).toBe(2);
    const held = log(mum).locator("[data-testid=voice]").nth(1);
    await held.getByRole("img", { name: "Not played yet" }).waitFor({ timeout: 20_000 });
    await held.getByRole("button", { name: /^▶ Play/ }).click();
    // it really plays: the audio runs on, and the unplayed dot goes
    await expect
      .poll(() => held.locator("audio").evaluate((a: HTMLAudioElement) => a.currentTime))
      .toBeGreaterThan(0);
    await expect.poll(() => held.getByRole("img", { name: "Not played yet" }).count()).toBe(0);
    const row = await sqlOne<{ duration_ms: number }>(
      e2e.srv,
      sql`select duration_ms from media where kind = 'voice' order by created_at desc limit 1`,
    );
    expect(row.duration_ms).toBeGreaterThan(1500);
  }, 60_000);

  it("sliding the finger up while holding cancels: nothing is sent", async () => {
    await holdToTalk(gran, async (x, y) => {
      await gran.mouse.move(x, y - 120, { steps: 5 });
      await gran.getByText("松开手指，取消发送").waitFor();
    });
    // a text after it goes through the same outbox in order: once it is stored, a recording
    // that had been queued before it would be stored too
    await gran.getByRole("button", { name: "改为打字" }).click();
    await gran.getByLabel("写消息").fill("刚才那条语音不发了");
    await gran.getByRole("button", { name: "发送", exact: true }).click();
    await log(mum).getByText("刚才那条语音不发了").waitFor();
    expect(await voiceCount()).toBe(2);
    expect(await log(mum).locator("[data-testid=voice]").count()).toBe(2);
  }, 60_000);

  it("is saved at 360 px in the other mode and language", async () => {
    await mum.setViewportSize({ width: 360, height: 760 });
    await layoutShots(mum, "media-chat-normal-en");
    await setMe(mama, { careMode: true });
    await mum.reload();
    await log(mum).locator("[data-testid=voice]").first().waitFor();
    await layoutShots(mum, "media-chat-care-en");
    await setMe(nainai, { careMode: false });
    await gran.reload();
    await log(gran).locator("[data-testid=voice]").first().waitFor();
    await layoutShots(gran, "media-chat-normal-zh");
  }, 60_000);
});
