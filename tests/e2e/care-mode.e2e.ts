/// <reference lib="dom" />
// page.evaluate callbacks run in the browser
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assignSocialWorker,
  buildCaregiver,
  buildGroup,
  buildStaff,
  connectSocket,
  joinGroup,
  login,
  sendOk,
} from "../factories/index.js";
import { type E2E, expectAccessible, PASSWORD, screenshot, startE2E, uniqueEmail } from "./support.js";

let e2e: E2E;
let groupId: string;

beforeAll(async () => {
  e2e = await startE2E();
  groupId = (await buildGroup(e2e.srv, { name: "孤独症家长互助" })).group.id;
});
afterAll(async () => {
  await e2e?.close();
});

/** Type, spacing and no sideways scroll as care mode promises (decision 116). */
async function expectCareLayout(page: Page, name: string) {
  const m = await page.evaluate(() => {
    const body = getComputedStyle(document.body);
    const small = [...document.querySelectorAll<HTMLElement>(".btn, .msg-more, .reaction")].filter(
      (b) => b.offsetParent !== null && b.getBoundingClientRect().height < 47.5,
    );
    return {
      care: document.documentElement.dataset.care,
      font: Number.parseFloat(body.fontSize),
      spacing: Number.parseFloat(body.lineHeight) / Number.parseFloat(body.fontSize),
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      small: small.map((b) => b.textContent),
    };
  });
  expect(m.care, name).toBe("on");
  expect(m.font, name).toBeGreaterThanOrEqual(20);
  expect(m.spacing, name).toBeGreaterThanOrEqual(1.5);
  expect(m.sideways, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  expect(m.small, `${name}: touch targets under 48 px`).toEqual([]);
  await expectAccessible(page, `${name} (care mode)`);
}

describe("care mode (关怀模式)", () => {
  let page: Page;
  let email: string;

  it("is offered at registration and applies at once", async () => {
    page = (await e2e.newUser()).page;
    email = uniqueEmail("care");
    await page.goto("/register");
    await page.getByLabel("显示的名字").fill("豆豆奶奶");
    await page.getByLabel("电子邮箱").fill(email);
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("checkbox", { name: /关怀模式/ }).check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.care)).toBe("on");
    await expectCareLayout(page, "register");
    await screenshot(page, "care-register");
    await page.getByRole("button", { name: "注册" }).click();
    await page.getByRole("heading", { level: 1, name: "孩子档案" }).waitFor();
    const me = await page.evaluate(() => document.documentElement.dataset.care);
    expect(me).toBe("on");
  });

  it("every caregiver page passes axe with no sideways scroll at 360 px", async () => {
    await page.goto("/groups");
    await page.getByRole("button", { name: "加入“孤独症家长互助”" }).click();
    await page.getByLabel("写消息").waitFor();
    // a private conversation with the family's social worker
    const sw = await buildStaff(e2e.srv, "social_worker", "李社工");
    const grandma = await login(e2e.srv, email, PASSWORD);
    await assignSocialWorker(e2e.srv, grandma.familyId ?? "", sw.id);
    await page.goto("/messages");
    await page.getByRole("button", { name: /李社工/ }).click();
    await page.waitForURL(/\/messages\/.+/);
    const directPath = new URL(page.url()).pathname;
    const pages: [string, string][] = [
      ["/", "home"],
      ["/groups", "groups"],
      [`/groups/${groupId}`, "group-chat"],
      ["/messages", "messages"],
      [directPath, "direct-chat"],
      ["/book", "book"],
      ["/bookings", "bookings"],
      ["/checkin", "checkin"],
      ["/children", "children"],
      ["/children/new", "child-new"],
      ["/family", "family"],
      ["/notifications", "notifications"],
      ["/settings", "settings"],
    ];
    for (const [path, name] of pages) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.waitForLoadState("networkidle");
      await expectCareLayout(page, name);
    }
  });

  it("in an open chat, new messages from others are read aloud on request", async () => {
    await page.goto(`/groups/${groupId}`);
    await page.getByLabel("写消息").waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { spoken: string[] };
      w.spoken = [];
      window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) =>
        void w.spoken.push(`${u.lang} ${u.text}`);
    });
    const toggle = page.getByRole("button", { name: "朗读新消息" });
    await toggle.click();
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    const other = await buildCaregiver(e2e.srv, { displayName: "朵朵奶奶" });
    await joinGroup(e2e.srv, other, groupId);
    const socket = await connectSocket(e2e.srv, other.token);
    await sendOk(socket, groupId, "明天的康复课改到下午三点");
    socket.close();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken))
      .toEqual(["zh-CN 朵朵奶奶说：明天的康复课改到下午三点"]);
    await screenshot(page, "care-chat");
  });

  it("is turned off in Settings at once, and stays off", async () => {
    await page.goto("/settings");
    const box = page.getByRole("checkbox", { name: "打开关怀模式" });
    await box.waitFor();
    // The page may still be settling its first data when the tap lands (seen once in CI with the
    // box re-rendered under the click); the tap is repeated until the box is off, which is what
    // a person does, and everything below checks the setting really went off and stayed off.
    await expect
      .poll(async () => {
        await box.uncheck({ timeout: 2_000 }).catch(() => undefined);
        return box.isChecked();
      })
      .toBe(false);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.care)).toBeUndefined();
    await page.getByText("已保存").waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "设置" }).waitFor();
    expect(await page.getByRole("checkbox", { name: "打开关怀模式" }).isChecked()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.dataset.care)).toBeUndefined();
  });
});
