import type { Group, PolicyCard } from "@carecircle/shared";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildCaregiver,
  buildChild,
  buildPolicyCard,
  buildStaff,
  dayFromToday,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

/*
 * The policy library in a phone's browser (issue 18 §5): a grandmother finds the card that fits
 * her grandson, asks her social worker about it and shares it into her group, where another
 * member taps the rich card; a social worker edits a card (errors at the field) and sees review flags.
 */

let e2e: E2E;
let sw: Account;
let granny: Account;
let mum: Account;
let group: Group;
let rehab: PolicyCard;
let stale: PolicyCard;
const thisYear = new Date().getUTCFullYear();

async function expectNoSideScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
  expect(overflow).toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  e2e = await startE2E();
  sw = await buildStaff(e2e.srv, "social_worker", "李社工");
  granny = await buildCaregiver(e2e.srv, { displayName: "乐乐奶奶" });
  mum = await buildCaregiver(e2e.srv, { displayName: "Leo's mum", locale: "en" });
  await buildChild(e2e.srv, granny, {
    nickname: "乐乐",
    birthYear: thisYear - 5,
    disabilityTypes: ["autism"],
  });
  await assignSocialWorker(e2e.srv, granny.familyId!, sw.id);
  const res = await e2e.srv.http
    .post("/api/groups")
    .set("Authorization", sw.auth)
    .send({ name: "孤独症家长互助", description: "交流护理经验", topic: "autism" });
  group = res.body as Group;
  for (const who of [granny, mum])
    await e2e.srv.http.post(`/api/groups/${group.id}/join`).set("Authorization", who.auth).expect(200);
  rehab = await buildPolicyCard(e2e.srv, sw);
  stale = await buildPolicyCard(e2e.srv, sw, {
    title: "困难残疾人生活补贴",
    summary: "低保或低收入家庭中的残疾人，每月可领生活补贴。",
    kind: "subsidy",
    eligibility: {
      distressTypes: [],
      disabilityTypes: [],
      ageMin: null,
      ageMax: null,
      householdStatuses: ["dibao"],
    },
    deadline: null,
    keywords: [],
    reviewBy: dayFromToday(-2),
  });
});
afterAll(async () => {
  await e2e?.close();
});

describe("policies and help", () => {
  it("a grandmother finds the fitting card, asks her social worker and shares it to her group (360 px, zh-CN)", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, granny.email, granny.password);
    await page.goto("/policies");
    await page.getByRole("heading", { level: 1, name: "政策与资源" }).waitFor();
    const fitting = page
      .getByRole("region")
      .or(page.locator("section"))
      .filter({ hasText: "适合您家孩子的" });
    const first = fitting.getByRole("listitem").first();
    await first.getByText("适合乐乐：孤独症，5岁").waitFor();
    await first.getByText("要带的材料").waitFor();
    await first.getByText("户口本").waitFor();
    await expectNoSideScroll(page);
    await expectAccessible(page, "policies-zh");
    await screenshot(page, "policies-zh");

    await page.getByLabel("搜索政策").fill("康復");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await page.getByRole("link", { name: rehab.title }).click();
    await page.getByRole("heading", { level: 1, name: rehab.title }).waitFor();
    await page.getByRole("button", { name: "问问我的社工" }).click();
    await page.getByText("已发给您的社工。").waitFor();
    await page.getByLabel("分享到群").selectOption(group.id);
    await page.getByRole("button", { name: "分享", exact: true }).click();
    await page.getByText("已分享到群里。").waitFor();
    await expectNoSideScroll(page);
    await expectAccessible(page, "policy-detail-zh");
    await screenshot(page, "policy-detail-zh");

    const convs = await e2e.srv.http.get("/api/conversations").set("Authorization", sw.auth);
    expect(convs.body.conversations).toHaveLength(1);
  });

  it("another member taps the rich card in the chat and reads the card (360 px, en)", async () => {
    const { page } = await e2e.newUser({ locale: "en" });
    await loginViaUi(page, mum.email, mum.password);
    await page.goto(`/groups/${group.id}`);
    const card = page.locator(".msg-card").filter({ hasText: rehab.title });
    await card.waitFor();
    await card.getByText("Policy card").waitFor();
    await expectNoSideScroll(page);
    await expectAccessible(page, "policy-chat-card-en");
    await screenshot(page, "policy-chat-card-en");
    await card.click();
    await page.waitForURL((u) => u.pathname === `/policies/${rehab.id}`);
    await page.getByRole("heading", { level: 1, name: rehab.title }).waitFor();
    await page.getByText("How to apply").waitFor();
    await screenshot(page, "policy-detail-en");
  });

  it("a social worker sees the review flag and edits a card, with errors at the field (360 px, zh-CN)", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, sw.email, sw.password);
    await page.goto("/policies");
    await page.getByRole("heading", { level: 1, name: "政策资料库" }).waitFor();
    const item = page.getByRole("listitem").filter({ hasText: stale.title });
    await item.getByText(`${stale.reviewBy} 起需要复核`).waitFor();
    await expectAccessible(page, "policy-library-zh");
    await screenshot(page, "policy-library-zh");

    await item.getByRole("link", { name: stale.title }).click();
    await page.getByRole("link", { name: "修改" }).click();
    await page.getByRole("heading", { level: 1, name: "修改政策卡" }).waitFor();
    await page.getByLabel("标题（中文）").fill("");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("请填写这一项").first().waitFor();
    await expectAccessible(page, "policy-edit-zh");
    await screenshot(page, "policy-edit-zh");
    await page.getByLabel("标题（中文）").fill(stale.title);
    await page.getByLabel("下次复核日期").fill(dayFromToday(180));
    await page.getByLabel("简介（中文）").fill("已核实：低保或低收入家庭中的残疾人，每月可领生活补贴。");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL((u) => u.pathname === `/policies/${stale.id}`);
    await page.getByText("已核实：低保或低收入家庭中的残疾人").waitFor();
    await expectNoSideScroll(page);
  });
});
