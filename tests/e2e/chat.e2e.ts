import type { Group, HistoryPage } from "@carecircle/shared";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, buildCaregiver, buildChild, buildStaff } from "../factories/index.js";
import {
  DESKTOP,
  type E2E,
  expectAccessible,
  loginViaUi,
  registerViaUi,
  screenshotBoth,
  startE2E,
} from "./support.js";

let e2e: E2E;
let socialWorker: Account;
let autismGroup: Group;

beforeAll(async () => {
  e2e = await startE2E();
  socialWorker = await buildStaff(e2e.srv, "social_worker", "王社工");
  const res = await e2e.srv.http
    .post("/api/groups")
    .set("Authorization", socialWorker.auth)
    .send({ name: "孤独症家长互助", description: "交流护理经验，互相鼓励。", topic: "autism" });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  autismGroup = res.body as Group;
  const other = await e2e.srv.http
    .post("/api/groups")
    .set("Authorization", socialWorker.auth)
    .send({ name: "听障家庭互助", topic: "hearing" });
  expect(other.status).toBe(201);
});
afterAll(async () => {
  await e2e?.close();
});

/** The message list of the open conversation. */
const log = (page: Page) => page.getByRole("region", { name: "群消息" });

async function sendMessage(page: Page, text: string) {
  await page.getByLabel("写消息").fill(text);
  await page.getByRole("button", { name: "发送", exact: true }).click();
}

async function history(account: Account, groupId: string) {
  const res = await e2e.srv.http
    .get(`/api/groups/${groupId}/messages?limit=100`)
    .set("Authorization", account.auth);
  expect(res.status).toBe(200);
  return (res.body as HistoryPage).messages;
}

describe("chat in the browser", () => {
  let mama: Account;
  let mamaPage: Page;
  let nainaiPage: Page;
  let swPage: Page;

  it("a new caregiver adds a child, joins the suggested group and chats live with another caregiver", async () => {
    const a = await e2e.newUser();
    mamaPage = a.page;
    const email = await registerViaUi(mamaPage, { displayName: "小宇妈妈" });
    await mamaPage.getByRole("link", { name: "添加孩子" }).first().click();
    await mamaPage.getByLabel("孩子的小名").fill("小宇");
    await mamaPage.getByLabel("出生年份").fill("2016");
    await mamaPage.getByRole("checkbox", { name: "孤独症" }).check();
    await mamaPage.getByRole("button", { name: "保存" }).click();
    await mamaPage.getByRole("heading", { level: 2, name: "小宇" }).waitFor();

    await mamaPage.goto("/groups");
    const card = mamaPage.getByRole("listitem").filter({ hasText: "孤独症家长互助" });
    await card.getByText("为您推荐").waitFor();
    expect(
      await mamaPage.getByRole("listitem").filter({ hasText: "听障家庭互助" }).getByText("为您推荐").count(),
    ).toBe(0);
    await expectAccessible(mamaPage, "groups");
    await screenshotBoth(mamaPage, "groups");
    await card.getByRole("button", { name: "加入“孤独症家长互助”" }).click();
    await mamaPage.getByRole("heading", { level: 1, name: "孤独症家长互助" }).waitFor();
    await log(mamaPage).getByText("还没有人说话").waitFor();

    // the second caregiver, in another browser context, already has an account and a child
    const nainai = await buildCaregiver(e2e.srv, { displayName: "朵朵奶奶" });
    await buildChild(e2e.srv, nainai, { nickname: "朵朵", disabilityTypes: ["autism", "intellectual"] });
    const b = await e2e.newUser({ viewport: DESKTOP });
    nainaiPage = b.page;
    await loginViaUi(nainaiPage, nainai.email, nainai.password);
    await nainaiPage.goto("/groups");
    await nainaiPage.getByRole("button", { name: "加入“孤独症家长互助”" }).click();
    await nainaiPage.getByRole("heading", { level: 1, name: "孤独症家长互助" }).waitFor();

    await sendMessage(mamaPage, "大家好，我是小宇妈妈");
    await log(nainaiPage).getByText("大家好，我是小宇妈妈").waitFor();
    await sendMessage(nainaiPage, "欢迎！@小宇妈妈 有问题随时问");
    await log(mamaPage).getByText("欢迎！").waitFor();
    await expect.poll(() => log(mamaPage).locator(".mention", { hasText: "@小宇妈妈" }).count()).toBe(1);

    // typing is shown to the other member
    await nainaiPage.getByLabel("写消息").pressSequentially("我想", { delay: 50 });
    await mamaPage.getByText("朵朵奶奶 正在输入…").waitFor();
    await nainaiPage.getByLabel("写消息").fill("");

    // reply and react
    const first = log(nainaiPage).getByRole("listitem").filter({ hasText: "大家好，我是小宇妈妈" });
    await first.getByRole("button", { name: "操作（小宇妈妈的消息）" }).click();
    await first.getByRole("button", { name: "用 👍 回应" }).click();
    await log(mamaPage).getByRole("button", { name: "👍 1 人" }).waitFor();
    // an action closes the menu: open it again to reply
    await first.getByRole("button", { name: "操作（小宇妈妈的消息）" }).click();
    await first.getByRole("button", { name: "回复" }).click();
    await sendMessage(nainaiPage, "我家朵朵也是这样");
    const reply = log(mamaPage).getByRole("listitem").filter({ hasText: "我家朵朵也是这样" });
    await reply.getByText("回复 小宇妈妈：").waitFor();

    await expectAccessible(mamaPage, "chat");
    await screenshotBoth(mamaPage, "chat");
    mama = { email } as Account;
    expect(mama.email).toBe(email);
  });

  it("a message containing HTML shows as text and runs nothing", async () => {
    let dialogs = 0;
    nainaiPage.on("dialog", () => dialogs++);
    const payload = "<img src=x onerror=alert(1)>";
    await sendMessage(mamaPage, payload);
    await log(nainaiPage).getByText(payload, { exact: true }).waitFor();
    expect(await log(nainaiPage).locator("img").count()).toBe(0);
    expect(await log(mamaPage).locator("img").count()).toBe(0);
    await nainaiPage.waitForTimeout(300);
    expect(dialogs).toBe(0);
  });

  it("a deleted message disappears live for the other member", async () => {
    await sendMessage(mamaPage, "这条我马上删掉");
    const mine = log(mamaPage).getByRole("listitem").filter({ hasText: "这条我马上删掉" });
    await log(nainaiPage).getByText("这条我马上删掉").waitFor();
    await mine.getByRole("button", { name: "操作（小宇妈妈的消息）" }).click();
    await mine.getByRole("button", { name: "删除", exact: true }).click();
    await expect.poll(() => log(nainaiPage).getByText("这条我马上删掉").count()).toBe(0);
    expect(await log(nainaiPage).getByText("这条消息已删除").count()).toBeGreaterThan(0);
  });

  it("going offline queues a message and delivers it exactly once when back", async () => {
    const context = mamaPage.context();
    await context.setOffline(true);
    await mamaPage.getByText("现在没有网络").waitFor();
    await sendMessage(mamaPage, "断网时写的消息");
    await log(mamaPage)
      .getByRole("listitem")
      .filter({ hasText: "断网时写的消息" })
      .getByText("等待发送")
      .waitFor();
    await mamaPage.getByText("有 1 条消息等待发送").waitFor();
    await mamaPage.waitForTimeout(1500);
    expect(await log(nainaiPage).getByText("断网时写的消息").count()).toBe(0);

    await context.setOffline(false);
    await log(nainaiPage).getByText("断网时写的消息").waitFor({ timeout: 30_000 });
    await expect.poll(() => log(mamaPage).getByText("等待发送").count(), { timeout: 20_000 }).toBe(0);
    await mamaPage.waitForTimeout(1000);
    expect(await log(nainaiPage).getByText("断网时写的消息").count()).toBe(1);
    expect(await log(mamaPage).getByText("断网时写的消息").count()).toBe(1);
    const stored = (await history(socialWorker, autismGroup.id)).filter((m) => m.body === "断网时写的消息");
    expect(stored).toHaveLength(1);
  });

  it("a member who was away catches up on what happened, and unread badges count it", async () => {
    await nainaiPage.goto("/groups");
    await nainaiPage.getByRole("heading", { level: 1, name: "互助群" }).waitFor();
    await sendMessage(mamaPage, "你不在的时候我说了这句");
    const card = nainaiPage.getByRole("listitem").filter({ hasText: "孤独症家长互助" }).first();
    await card.getByText("1 条未读消息").waitFor();
    await card.getByRole("link", { name: "进入“孤独症家长互助”" }).click();
    await log(nainaiPage).getByText("你不在的时候我说了这句").waitFor();
  });

  it("a moderator deletes a message and it disappears live; a muted member sees the reason and time left", async () => {
    const sw = await e2e.newUser({ viewport: DESKTOP });
    swPage = sw.page;
    await loginViaUi(swPage, socialWorker.email, socialWorker.password);
    await swPage.goto(`/groups/${autismGroup.id}`);
    await swPage.getByText("您是本群社工").waitFor();

    await sendMessage(nainaiPage, "加我微信买特效药，便宜");
    const bad = log(swPage).getByRole("listitem").filter({ hasText: "加我微信买特效药" });
    await bad.waitFor();
    await log(mamaPage).getByText("加我微信买特效药").waitFor();
    await bad.getByRole("button", { name: "操作（朵朵奶奶的消息）" }).click();
    await bad.getByRole("button", { name: "删除（社工）" }).click();
    const dialog = swPage.getByRole("dialog", { name: "删除这条消息" });
    await dialog.getByRole("button", { name: "删除", exact: true }).click();
    await dialog.getByText("请写下原因").waitFor();
    await dialog.getByLabel("原因").fill("广告，不允许在群里卖药");
    await expectAccessible(swPage, "moderator-delete-dialog");
    await dialog.getByRole("button", { name: "删除", exact: true }).click();
    await expect.poll(() => log(mamaPage).getByText("加我微信买特效药").count()).toBe(0);
    await expect.poll(() => log(nainaiPage).getByText("加我微信买特效药").count()).toBe(0);

    // mute the author for an hour
    const last = log(swPage).getByRole("listitem").filter({ hasText: "我家朵朵也是这样" });
    await last.getByRole("button", { name: "操作（朵朵奶奶的消息）" }).click();
    await last.getByRole("button", { name: "处理 朵朵奶奶" }).click();
    const sanction = swPage.getByRole("dialog", { name: "处理 朵朵奶奶" });
    await sanction.getByLabel("原因").fill("请先冷静一下，注意群规");
    await sanction.getByLabel("禁言多久").selectOption("60");
    await sanction.getByRole("button", { name: "禁言", exact: true }).click();
    await sanction.waitFor({ state: "hidden" });

    const notice = nainaiPage.getByTestId("mute-notice");
    // live: the mute notification makes the open conversation fetch the group again
    await notice.waitFor({ timeout: 15_000 });
    await notice.getByText("原因：请先冷静一下，注意群规").waitFor();
    expect(await notice.textContent()).toMatch(/还剩 (1 小时|60 分钟|59 分钟)/);
    expect(await nainaiPage.getByLabel("写消息").count()).toBe(0);
    await screenshotBoth(nainaiPage, "chat-muted");
  });

  it("a crisis word shows the author private help and raises a live visual alert for the moderator", async () => {
    await swPage.goto("/words");
    await swPage.getByRole("heading", { level: 1, name: "关注词" }).waitFor();
    await swPage.getByLabel("词或短语").fill("撑不下去了");
    await swPage.getByLabel("处理方式").selectOption("crisis");
    await swPage.getByRole("button", { name: "添加关注词" }).last().click();
    await swPage.getByLabel("查找关注词").fill("撑不下去");
    await swPage
      .getByRole("list", { name: /关注词/ })
      .getByText("撑不下去了", { exact: true })
      .waitFor();
    await swPage.getByLabel("要测试的文字").fill("我真的撑不下去了");
    await swPage.getByRole("button", { name: "测试", exact: true }).click();
    await swPage.getByText("处理方式：危机提醒").waitFor();
    await swPage.getByText("通过原文匹配：“撑不下去了”").waitFor();
    await expectAccessible(swPage, "words");

    await sendMessage(mamaPage, "我真的撑不下去了");
    await mamaPage.getByRole("heading", { name: "我们很关心您" }).waitFor();
    await mamaPage.getByText("这段话只有您能看到。").waitFor();
    expect(await nainaiPage.getByRole("heading", { name: "我们很关心您" }).count()).toBe(0);

    const banner = swPage.getByRole("alert").filter({ hasText: "危机提醒" });
    await banner.waitFor();
    await banner.getByRole("link", { name: "去查看" }).click();
    await swPage.getByRole("heading", { level: 1, name: "需要人工跟进" }).waitFor();
    await swPage.getByText("我真的撑不下去了").waitFor();
    await expectAccessible(swPage, "alerts");
    await screenshotBoth(swPage, "alerts");
    await swPage.getByLabel("跟进情况").fill("已电话联系小宇妈妈，约好明天家访");
    await swPage.getByRole("button", { name: "已跟进" }).click();
    await swPage.getByText("没有提醒。").waitFor();

    await swPage.goto("/audit");
    await swPage.getByText("跟进危机提醒").first().waitFor();
    await swPage.getByText("禁言", { exact: true }).first().waitFor();
    // Every entry is named in words, never by its key.
    expect(await swPage.getByText(/mod\.audit\./).count()).toBe(0);
    await expectAccessible(swPage, "audit");
    await swPage.goto("/dashboard");
    await swPage.getByRole("heading", { level: 1, name: "数据看板" }).waitFor();
    await swPage.getByText("待跟进的危机提醒").waitFor();
    await expectAccessible(swPage, "dashboard");
    await screenshotBoth(swPage, "dashboard");

    // a social worker creates an announcement group; caregivers can read but not post there
    await swPage.goto("/groups");
    await swPage.getByLabel("群名称").fill("政策与补贴通知");
    await swPage.getByLabel("群类型").selectOption("announcement");
    await swPage.getByRole("button", { name: "创建", exact: true }).click();
    await swPage.getByRole("heading", { level: 1, name: "政策与补贴通知" }).waitFor();
    await sendMessage(swPage, "低保家庭护理补贴开始申请，带户口本到街道办理");
    await mamaPage.goto("/groups");
    await mamaPage.getByRole("button", { name: "加入“政策与补贴通知”" }).click();
    await log(mamaPage).getByText("低保家庭护理补贴开始申请").waitFor();
    await mamaPage.getByText("这是通知群，只有社工可以发消息").waitFor();
    expect(await mamaPage.getByLabel("写消息").count()).toBe(0);
  });
});
