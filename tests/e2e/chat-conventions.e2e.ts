/// <reference lib="dom" />
// page.evaluate callbacks run in the browser
import { sql } from "@carecircle/server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildGroup,
  buildStaff,
  type ClientSocket,
  connectSocket,
  joinGroup,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

let e2e: E2E;
let groupId: string;
let mama: Account;
let nainai: Account;
let nainaiSocket: ClientSocket;
let auntieSocket: ClientSocket;

const LINK = "https://www.example.org/guide?id=3";
const LONG =
  "复诊挂号的流程我写在这里了，大家可以看一看，有问题再问我，我们一起想办法，孩子的事慢慢来，不要着急";

beforeAll(async () => {
  e2e = await startE2E();
  const { group } = await buildGroup(e2e.srv, { name: "脑瘫康复家长群" });
  groupId = group.id;
  mama = await buildCaregiver(e2e.srv, { displayName: "豆豆妈妈" });
  nainai = await buildCaregiver(e2e.srv, { displayName: "朵朵奶奶" });
  await joinGroup(e2e.srv, mama, groupId);
  await joinGroup(e2e.srv, nainai, groupId);
  nainaiSocket = await connectSocket(e2e.srv, nainai.token);
  // sends are limited per person (10 at a time), so the chatter comes from several members
  const papa = await buildCaregiver(e2e.srv, { displayName: "小雨爸爸" });
  const auntie = await buildCaregiver(e2e.srv, { displayName: "周阿姨" });
  await joinGroup(e2e.srv, papa, groupId);
  await joinGroup(e2e.srv, auntie, groupId);
  const papaSocket = await connectSocket(e2e.srv, papa.token);
  auntieSocket = await connectSocket(e2e.srv, auntie.token);
  // yesterday's talk, which mama has read
  const old1 = await sendOk(nainaiSocket, groupId, "昨天的康复课大家觉得怎么样？");
  const old2 = await sendOk(nainaiSocket, groupId, "老师说要每天练习十分钟");
  await sqlRows(
    e2e.srv,
    sql`update messages set created_at = created_at - interval '1 day' where id in (${old1.id}, ${old2.id})`,
  );
  const read = await e2e.srv.http
    .post(`/api/groups/${groupId}/read`)
    .set("Authorization", mama.auth)
    .send({ seq: old2.seq });
  expect(read.status).toBe(200);
  // today's, unread: enough to scroll, a link, a phone number
  for (let i = 1; i <= 8; i++) await sendOk(papaSocket, groupId, `闲聊 ${i}：今天天气不错`);
  papaSocket.close();
  await sendOk(
    nainaiSocket,
    groupId,
    `挂号指南在这里 ${LINK} 不懂就打 13800001234，javascript:alert(1) 不是链接`,
  );
  await sendOk(nainaiSocket, groupId, LONG);
  for (let i = 1; i <= 6; i++) await sendOk(nainaiSocket, groupId, `第 ${i} 条：今天孩子练了站立`);
});
afterAll(async () => {
  nainaiSocket?.close();
  auntieSocket?.close();
  await e2e?.close();
});

const log = (page: Page) => page.getByRole("region", { name: "群消息" });
const row = (page: Page, text: string) => log(page).getByRole("listitem").filter({ hasText: text }).last();

/** The page does not scroll sideways, and the message log is the only thing that scrolls. */
async function expectOneScrollArea(page: Page) {
  const m = await page.evaluate(() => {
    const el = document.querySelector(".chat-log") as HTMLElement;
    return {
      pageScroll: document.documentElement.scrollHeight - document.documentElement.clientHeight,
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      logScrolls: el.scrollHeight > el.clientHeight,
    };
  });
  expect(m.sideways).toBeLessThanOrEqual(0);
  expect(m.pageScroll).toBeLessThanOrEqual(1);
  expect(m.logScrolls).toBe(true);
}

/** Wrap speechSynthesis.speak so the test sees what would be read (the real one still runs). */
async function recordSpeech(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { spoken: { text: string; lang: string }[] };
    w.spoken = [];
    const real = window.speechSynthesis.speak.bind(window.speechSynthesis);
    window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
      w.spoken.push({ text: u.text, lang: u.lang });
      real(u);
    };
  });
}
const spoken = (page: Page) =>
  page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);

describe("chat the way caregivers already chat", () => {
  let page: Page;

  it("opens at the new-messages divider, with day separators, others on the left, mine on the right", async () => {
    page = (await e2e.newUser()).page;
    await loginViaUi(page, mama.email, mama.password);
    await page.goto(`/groups/${groupId}`);
    const divider = log(page).getByText("以下是新消息");
    await divider.waitFor();
    await expect.poll(() => divider.isVisible()).toBe(true);
    // the rows around the divider come first, the rest of the page a few at a time after it
    await expect
      .poll(() =>
        log(page)
          .locator(".time-sep")
          .filter({ hasText: /^昨天 \d\d:\d\d$/ })
          .count(),
      )
      .toBe(1);
    await expect.poll(() => log(page).locator(".time-sep").count()).toBe(2);
    // scrolled up to the divider: the jump button counts the new messages below
    await page.getByRole("button", { name: "↓ 16 条新消息" }).click();
    await expect.poll(() => page.getByRole("button", { name: /新消息|回到最新/ }).count()).toBe(0);

    await page.getByLabel("写消息").fill("谢谢奶奶！");
    await page.getByRole("button", { name: "发送", exact: true }).click();
    const mine = row(page, "谢谢奶奶！");
    await expect.poll(() => mine.getAttribute("class")).toBe("msg-row mine");
    const theirs = row(page, "第 6 条");
    expect(await theirs.locator(".avatar").textContent()).toBe("朵");
    expect(await theirs.locator(".msg-name").textContent()).toContain("朵朵奶奶");
    const logBox = (await log(page).boundingBox())!;
    const mineBox = (await mine.locator(".bubble").boundingBox())!;
    const theirsBox = (await theirs.locator(".bubble").boundingBox())!;
    expect(logBox.x + logBox.width - (mineBox.x + mineBox.width)).toBeLessThan(24);
    expect(theirsBox.x - logBox.x).toBeGreaterThan(40);
    await expectOneScrollArea(page);
    await expectAccessible(page, "chat-conventions");
    await screenshot(page, "chat-conventions-zh");
  });

  it("links open safely, phone numbers dial, and other text stays text", async () => {
    const msg = row(page, "挂号指南在这里");
    const link = msg.getByRole("link", { name: LINK });
    expect(await link.getAttribute("href")).toBe(LINK);
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await link.getAttribute("target")).toBe("_blank");
    expect(await msg.getByRole("link", { name: "13800001234" }).getAttribute("href")).toBe("tel:13800001234");
    expect(await msg.getByRole("link").count()).toBe(2);
  });

  it("the ⋯ menu offers read-aloud (spoken on the device in zh-CN) and a reply whose bar stays one line", async () => {
    await recordSpeech(page);
    const msg = row(page, "复诊挂号的流程");
    await msg.getByRole("button", { name: "操作（朵朵奶奶的消息）" }).click();
    await msg.getByRole("button", { name: "朗读" }).click();
    await expect.poll(() => spoken(page)).toEqual([{ text: LONG, lang: "zh-CN" }]);
    await msg.getByRole("button", { name: "操作（朵朵奶奶的消息）" }).click();
    await msg.getByRole("button", { name: "回复" }).click();
    const bar = page.locator(".reply-bar");
    await bar.waitFor();
    const m = await bar.evaluate((el) => {
      const text = el.querySelector(".reply-text") as HTMLElement;
      const lh = Number.parseFloat(getComputedStyle(text).lineHeight);
      return { h: text.getBoundingClientRect().height, lh, cut: text.scrollWidth > text.clientWidth };
    });
    expect(m.h).toBeLessThan(m.lh * 1.5);
    expect(m.cut).toBe(true);
    await page.getByRole("button", { name: "不回复了" }).click();
  });

  it("a long press on a message opens the same menu", async () => {
    const bubble = row(page, "第 5 条").locator(".bubble");
    const box = (await bubble.boundingBox())!;
    const at = { pointerType: "touch", isPrimary: true, clientX: box.x + 10, clientY: box.y + 10 };
    await bubble.dispatchEvent("pointerdown", at);
    await row(page, "第 5 条").getByRole("button", { name: "朗读" }).waitFor();
    await bubble.dispatchEvent("pointerup", at);
    expect(
      await row(page, "第 5 条")
        .getByRole("button", { name: "操作（朵朵奶奶的消息）" })
        .getAttribute("aria-expanded"),
    ).toBe("true");
  });

  it("scrolled up, new messages are counted on the jump-to-latest button", async () => {
    await log(page).evaluate((el) => {
      el.scrollTop = 0;
    });
    await page.getByRole("button", { name: "↓ 回到最新" }).waitFor();
    await sendOk(auntieSocket, groupId, "又来了一条");
    await sendOk(auntieSocket, groupId, "再来一条");
    await page.getByRole("button", { name: "↓ 2 条新消息" }).click();
    await row(page, "再来一条").waitFor();
    await expect.poll(() => row(page, "再来一条").isVisible()).toBe(true);
  });

  it("at 390 px too, in English and in care mode (screenshots)", async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await expectOneScrollArea(page);
    await page.setViewportSize({ width: 360, height: 760 });
    const patch = (body: object) =>
      e2e.srv.http.patch("/api/me").set("Authorization", mama.auth).send(body).expect(200);
    await patch({ locale: "en" });
    await page.reload();
    await page.getByRole("region", { name: "Messages" }).getByText("再来一条").waitFor();
    await screenshot(page, "chat-conventions-en");
    await patch({ careMode: true });
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.care)).toBe("on");
    await page.getByRole("region", { name: "Messages" }).getByText("再来一条").waitFor();
    await expectOneScrollArea(page);
    await screenshot(page, "chat-care-en");
    await patch({ locale: "zh-CN" });
    await page.reload();
    await page.getByLabel("写消息").waitFor();
    await expectAccessible(page, "chat-care");
    await screenshot(page, "chat-care-zh");
    await patch({ careMode: false });
  });

  it("a social worker sees how many members read each announcement, without names", async () => {
    const sw = await buildStaff(e2e.srv, "social_worker", "李社工");
    const { group } = await buildGroup(e2e.srv, { moderator: sw, kind: "announcement", name: "站点通知" });
    await joinGroup(e2e.srv, mama, group.id);
    await joinGroup(e2e.srv, nainai, group.id);
    const swSocket = await connectSocket(e2e.srv, sw.token);
    const notice = await sendOk(swSocket, group.id, "本周六站点开放，欢迎预约");
    swSocket.close();
    await e2e.srv.http
      .post(`/api/groups/${group.id}/read`)
      .set("Authorization", mama.auth)
      .send({ seq: notice.seq })
      .expect(200);
    const swPage = (await e2e.newUser()).page;
    await loginViaUi(swPage, sw.email, sw.password);
    await swPage.goto(`/groups/${group.id}`);
    await row(swPage, "本周六站点开放").getByText("已读 1/2 人").waitFor();
    await expectAccessible(swPage, "announcement-read-count");
    await screenshot(swPage, "chat-announcement-reads");
  });
});
