import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  bookOk,
  buildCaregiver,
  buildChild,
  buildSlot,
  buildStaff,
  buildStation,
  hoursFromNow,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

let e2e: E2E;
let sw: Account;
let mama: Account;

beforeAll(async () => {
  e2e = await startE2E();
  sw = await buildStaff(e2e.srv, "social_worker", "李社工");
  mama = await buildCaregiver(e2e.srv, { displayName: "小宇妈妈" });
  await buildChild(e2e.srv, mama, { nickname: "小宇" });
  await assignSocialWorker(e2e.srv, mama.familyId!, sw.id);
});
afterAll(async () => {
  await e2e?.close();
});

const log = (page: Page) => page.getByRole("region", { name: "群消息" });

async function sendMessage(page: Page, text: string) {
  await page.getByLabel("写消息").fill(text);
  await page.getByRole("button", { name: "发送", exact: true }).click();
}

describe("the social worker can reach the family", () => {
  let mamaPage: Page;
  let swPage: Page;

  it("a caregiver adds her phone number in settings; a wrong one is explained at the field", async () => {
    mamaPage = (await e2e.newUser()).page;
    await loginViaUi(mamaPage, mama.email, mama.password);
    await mamaPage.goto("/settings");
    const phone = mamaPage.getByLabel("我的电话（选填）");
    await phone.fill("12345");
    await mamaPage.getByRole("button", { name: "保存" }).first().click();
    await mamaPage.getByText("请填写正确的电话号码").waitFor();
    await expect.poll(() => phone.getAttribute("aria-invalid")).toBe("true");
    await screenshot(mamaPage, "direct-settings-error");
    await phone.fill("138 1234 5678");
    await mamaPage.getByRole("button", { name: "保存" }).first().click();
    await mamaPage.getByText("已保存").first().waitFor();
    await expect.poll(() => phone.inputValue()).toBe("13812345678");
    await expectAccessible(mamaPage, "settings with phone");
    await screenshot(mamaPage, "direct-settings");
  });

  it("the social worker sees the number as a tel: link on the family page and opens a private conversation", async () => {
    swPage = (await e2e.newUser()).page;
    await loginViaUi(swPage, sw.email, sw.password);
    await swPage.goto(`/families/${mama.familyId}`);
    await swPage.getByRole("heading", { level: 1, name: "小宇妈妈" }).waitFor();
    await swPage.getByRole("button", { name: "查看电话" }).click();
    const tel = swPage.getByRole("link", { name: "拨打 小宇妈妈 的电话 13812345678" });
    expect(await tel.getAttribute("href")).toBe("tel:13812345678");
    // one line: the number never wraps at phone width
    const box = await tel.boundingBox();
    expect(box!.height).toBeLessThan(60);
    await expectAccessible(swPage, "family detail with contacts");
    await screenshot(swPage, "direct-family");

    await swPage.getByRole("button", { name: "给这家发私信" }).click();
    await swPage.getByRole("heading", { level: 1, name: "小宇妈妈 一家" }).waitFor();
    await log(swPage).getByText("还没有人说话").waitFor();
    await sendMessage(swPage, "小宇妈妈您好，我是李社工。最近还好吗？");
    await log(swPage).getByText("最近还好吗？").waitFor();
  });

  it("the caregiver sees the unread conversation, answers, and both see every message once", async () => {
    await mamaPage.goto("/messages");
    const row = mamaPage.getByRole("link", { name: /社工 李社工/ });
    await row.getByText("1 条未读").waitFor();
    await expectAccessible(mamaPage, "private messages list");
    await screenshot(mamaPage, "direct-list");
    await row.click();
    await mamaPage.getByRole("heading", { level: 1, name: "社工 李社工" }).waitFor();
    await log(mamaPage).getByText("小宇妈妈您好，我是李社工。最近还好吗？").waitFor();
    await sendMessage(mamaPage, "谢谢李社工，这周有点累，想约个时间聊聊。");
    await log(swPage).getByText("这周有点累").waitFor();
    await expect.poll(() => log(mamaPage).locator("li[data-seq]").count()).toBe(2);
    await expect.poll(() => log(swPage).locator("li[data-seq]").count()).toBe(2);
    expect(await mamaPage.getByRole("button", { name: "退出本群" }).count()).toBe(0);
    await expectAccessible(mamaPage, "private conversation");
    await screenshot(mamaPage, "direct-chat");
    await screenshot(swPage, "direct-chat-sw");
  });

  it("crisis talk in the conversation shows her help and alerts her social worker, who returns to it from the alert", async () => {
    await sendMessage(mamaPage, "我真的不想活了");
    await mamaPage.getByRole("heading", { level: 2, name: "我们很关心您" }).waitFor();
    await swPage.getByText("危机提醒：“私信”里有人可能需要帮助").waitFor();
    await swPage.goto("/alerts");
    const card = swPage.getByRole("listitem").filter({ hasText: "我真的不想活了" });
    await card.getByRole("button", { name: "给这家发私信" }).click();
    await swPage.getByRole("heading", { level: 1, name: "小宇妈妈 一家" }).waitFor();
    await log(swPage).getByText("我真的不想活了").waitFor();
    await screenshot(mamaPage, "direct-crisis-help");
  });

  it("station staff see the number as a tel: link on the roster while the child is booked there", async () => {
    const staff = await buildStaff(e2e.srv, "station_staff", "周老师");
    const station = await buildStation(e2e.srv, {}, { staff: [staff] });
    const startsAt = hoursFromNow(2);
    const { slot } = await buildSlot(e2e.srv, { station, startsAt });
    const child = (await e2e.srv.http.get("/api/children").set("Authorization", mama.auth)).body.children[0];
    await bookOk(e2e.srv, mama, slot.id, child.id);
    const page = (await e2e.newUser()).page;
    await loginViaUi(page, staff.email, staff.password);
    await page.goto("/roster");
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(startsAt));
    await page.getByLabel("日期").fill(day);
    await page.getByRole("button", { name: "查看电话" }).click();
    const tel = page.getByRole("link", { name: "拨打 小宇妈妈 的电话 13812345678" });
    expect(await tel.getAttribute("href")).toBe("tel:13812345678");
    await expectAccessible(page, "roster with contacts");
    await screenshot(page, "direct-roster");
  });
});
