import { sql } from "@carecircle/server";
import type { Group } from "@carecircle/shared";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rooms } from "../../server/src/realtime/rooms.js";
import {
  type Account,
  assignSocialWorker,
  buildCaregiver,
  buildStaff,
  joinGroup,
  sqlRows,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

/*
 * Issue 13 §2 in a real browser at phone width: a caregiver's crisis talk reaches the on-duty
 * social worker, who claims it ("我来跟进"), calls the family from it (a tel: link) and acknowledges it; the other members then see a quiet
 * "社工已在跟进" mark on the message, nothing more.
 */

let e2e: E2E;
let sw: Account;
let mama: Account;
let nainai: Account;
let group: Group;

beforeAll(async () => {
  e2e = await startE2E();
  sw = await buildStaff(e2e.srv, "social_worker", "李社工");
  const res = await e2e.srv.http
    .post("/api/groups")
    .set("Authorization", sw.auth)
    .send({ name: "脑瘫儿童家长互助", description: "互相支持", topic: "cerebral_palsy" });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  group = res.body as Group;
  mama = await buildCaregiver(e2e.srv, { displayName: "乐乐外婆" });
  await assignSocialWorker(e2e.srv, mama.familyId!, sw.id);
  const phone = await e2e.srv.http
    .patch("/api/me")
    .set("Authorization", mama.auth)
    .send({ phone: "138 1234 5678" });
  expect(phone.status, JSON.stringify(phone.body)).toBe(200);
  nainai = await buildCaregiver(e2e.srv, { displayName: "朵朵奶奶" });
  await joinGroup(e2e.srv, mama, group.id);
  await joinGroup(e2e.srv, nainai, group.id);
});
afterAll(async () => {
  await e2e?.close();
});

const log = (page: Page) => page.getByRole("region", { name: "群消息" });

describe("an alert reaches a person who acts", () => {
  it("crisis talk: help for the author, the on-duty social worker claims and acknowledges, members see the marker", async () => {
    const swPage = (await e2e.newUser()).page;
    await loginViaUi(swPage, sw.email);
    // The social worker sets her on-duty hours in settings.
    await swPage.goto("/settings");
    const duty = swPage.getByRole("form", { name: "值班时间" });
    await duty.getByText("还没有设置值班时间。").waitFor();
    await duty.getByRole("button", { name: "添加时段" }).click();
    await duty.getByLabel("星期").selectOption("3");
    await duty.getByLabel("开始").fill("08:30");
    await duty.getByLabel("结束").fill("18:00");
    await duty.getByRole("button", { name: "保存" }).click();
    await duty.getByText("已保存").waitFor();
    const saved = await e2e.srv.http.get("/api/me/duty-hours").set("Authorization", sw.auth);
    expect(saved.body.shifts).toEqual([{ weekday: 3, start: "08:30", end: "18:00" }]);
    await expectAccessible(swPage, "duty-hours");
    await duty.scrollIntoViewIfNeeded();
    await screenshot(swPage, "duty-hours");

    const mamaPage = (await e2e.newUser()).page;
    const nainaiPage = (await e2e.newUser()).page;
    await loginViaUi(mamaPage, mama.email);
    await loginViaUi(nainaiPage, nainai.email);
    for (const p of [mamaPage, nainaiPage]) {
      await p.goto(`/groups/${group.id}`);
      await p.getByRole("heading", { level: 1, name: group.name }).waitFor();
    }
    await swPage.goto("/");
    // The live banner comes over the social worker's socket: wait until her page has one.
    const swSockets = async () =>
      (await e2e.srv.cc.deps.realtime.io.in(rooms.user(sw.id)).fetchSockets()).length;
    await expect.poll(swSockets).toBeGreaterThan(0);

    await mamaPage.getByLabel("写消息").fill("今天又被学校劝退了，活不下去了");
    await mamaPage.getByRole("button", { name: "发送", exact: true }).click();
    await mamaPage.getByRole("heading", { name: "我们很关心您" }).waitFor();

    const banner = swPage.getByRole("alert").filter({ hasText: group.name });
    await banner.waitFor();
    await banner.getByRole("link", { name: "去查看" }).click();
    await swPage.getByRole("heading", { level: 1, name: "需要人工跟进" }).waitFor();
    const card = swPage.getByRole("listitem").filter({ hasText: "活不下去了" });
    await card.getByText("情绪低落").waitFor();
    await card.getByText(/已等待 \d+ 分 \d+ 秒/).waitFor();
    await card.getByText("尚未升级").waitFor();
    await card.getByRole("button", { name: "我来跟进" }).click();
    await card.getByText("你正在跟进").waitFor();
    await expectAccessible(swPage, "alerts");
    await screenshot(swPage, "alerts-claimed");

    // She calls the family from the alert: the number is a tel: link (and the read is audited).
    await card.getByRole("button", { name: "查看电话" }).click();
    const call = card.getByRole("link", { name: /拨打 乐乐外婆 的电话/ });
    expect(await call.getAttribute("href")).toBe("tel:13812345678");
    const audited = await sqlRows<{ n: number }>(
      e2e.srv,
      sql`select count(*)::int as n from audit_log where action = 'phone_viewed' and actor_id = ${sw.id}`,
    );
    expect(Number(audited[0]!.n)).toBe(1);
    await screenshot(swPage, "alerts-call");

    await card.getByLabel("跟进情况").fill("已电话联系乐乐外婆，约好明天家访");
    await card.getByRole("button", { name: "已跟进" }).click();
    await swPage.getByText("没有提醒。").waitFor();

    const marked = log(nainaiPage).getByRole("listitem").filter({ hasText: "活不下去了" });
    await marked.getByText("社工已在跟进").waitFor();
    expect(await log(nainaiPage).getByText("家访").count()).toBe(0);
    await expectAccessible(nainaiPage, "chat-followed-up");
    await screenshot(nainaiPage, "chat-followed-up");

    await swPage.goto("/dashboard");
    const weeks = swPage.getByRole("region", { name: "每周提醒处理情况", exact: true });
    await weeks.getByRole("table").waitFor();
    await expectAccessible(swPage, "dashboard-alert-weeks");
    await weeks.scrollIntoViewIfNeeded();
    await screenshot(swPage, "dashboard-alert-weeks");
  });

  it("a stress 5 check-in reaches the family's social worker live; she writes to the family from the alert and the caregiver answers", async () => {
    const cg = await buildCaregiver(e2e.srv, { displayName: "小宝妈妈" });
    const assigned = await buildStaff(e2e.srv, "social_worker", "张社工");
    await assignSocialWorker(e2e.srv, cg.familyId!, assigned.id);
    const swPage = (await e2e.newUser()).page;
    await loginViaUi(swPage, assigned.email);
    await swPage.goto("/alerts");
    await swPage.getByRole("heading", { level: 1, name: "需要人工跟进" }).waitFor();
    await swPage.getByText("没有提醒。").waitFor();

    const cgPage = (await e2e.newUser()).page;
    await loginViaUi(cgPage, cg.email);
    await cgPage.goto("/checkin");
    await cgPage.getByRole("radio", { name: /5/ }).check();
    await cgPage.getByLabel("想说的话（可不填）").fill("孩子整夜不睡，我快撑不住了");
    await cgPage.getByRole("button", { name: "提交" }).click();

    const card = swPage.getByRole("listitem").filter({ hasText: "家庭压力" });
    await card.getByText("孩子整夜不睡，我快撑不住了").waitFor();
    await card.getByText("压力很大").waitFor();
    await card.getByText("压力自评：5 / 5").waitFor();
    await card.getByRole("link", { name: "查看家庭" }).waitFor();
    await card.getByRole("button", { name: "我来跟进" }).click();
    await card.getByText("你正在跟进").waitFor();
    await expectAccessible(swPage, "stress-alert");
    await screenshot(swPage, "stress-alert");

    // From the alert she opens a private conversation with the family, and the caregiver answers.
    await card.getByRole("button", { name: "给这家发私信" }).click();
    await swPage.getByRole("heading", { level: 1, name: "小宝妈妈 一家" }).waitFor();
    await swPage.getByLabel("写消息").fill("小宝妈妈，我是张社工，看到您的打卡了。今晚我给您打电话好吗？");
    await swPage.getByRole("button", { name: "发送", exact: true }).click();
    await cgPage.goto("/messages");
    const row = cgPage.getByRole("link", { name: /社工 张社工/ });
    await row.getByText("1 条未读").waitFor();
    await row.click();
    await log(cgPage).getByText("今晚我给您打电话好吗？").waitFor();
    await cgPage.getByLabel("写消息").fill("好的，谢谢张社工，八点以后都可以。");
    await cgPage.getByRole("button", { name: "发送", exact: true }).click();
    await log(swPage).getByText("八点以后都可以").waitFor();
    await expect.poll(() => log(swPage).locator("li[data-seq]").count()).toBe(2);
    await expectAccessible(cgPage, "conversation-from-alert");
    await screenshot(cgPage, "conversation-from-alert");
  });
});
