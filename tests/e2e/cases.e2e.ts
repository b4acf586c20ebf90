import { sql } from "@carecircle/server";
import type { PolicyCard } from "@carecircle/shared";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildPolicyCard,
  buildStaff,
  dayFromToday,
  setLocale,
  sqlOne,
} from "../factories/index.js";
import { DESKTOP, type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

/*
 * Case work in the browser (issue 18 §1 and §6): a grandmother's stress-5 check-in opens a case;
 * her social worker opens it from the notification, fills the intake, writes a three-domain plan,
 * asks for sign-off, the supervisor approves, the social worker records a shared home visit and a
 * subsidy application linked to a policy card and marks it approved; the grandmother sees the plan
 * and the shared visit in plain words at 360 px, never the unshared note.
 */

let e2e: E2E;
let sw: Account;
let grandma: Account;
let card: PolicyCard;
let caseId: string;
const PROBLEM_NOTE = "奶奶一个人照顾孙子，最近睡不好";
const SHARED_NOTE = "和奶奶一起练习了孩子的康复动作，奶奶做得很好。";
const INTERNAL_NOTE = "帮奶奶准备低保证明材料，她担心邻居知道（内部记录）";
const GOALS = [
  ["belief_systems", "奶奶看到自己照顾孩子的力量", "每次家访肯定奶奶做得好的地方", ""],
  ["organisational_patterns", "每月有两次喘息时间", "预约站点托管", "2"],
  ["communication_processes", "家里人一起商量照顾的分工", "开一次家庭会议", ""],
] as const;

beforeAll(async () => {
  e2e = await startE2E();
  sw = await buildStaff(e2e.srv, "social_worker", "陈社工");
  grandma = await buildCaregiver(e2e.srv, { displayName: "王奶奶" });
  await assignSocialWorker(e2e.srv, grandma.familyId!, sw.id);
  card = await buildPolicyCard(e2e.srv, sw, { title: "困难残疾人生活补贴", kind: "subsidy" });
});
afterAll(async () => {
  await e2e?.close();
});

async function expectNoSideScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
  expect(overflow).toBeLessThanOrEqual(0);
}

const stageIs = (page: Page, stage: string) =>
  page.getByRole("heading", { level: 2, name: `现在的阶段：${stage}` }).waitFor();

async function addGoal(page: Page, [domain, goal, action, respite]: (typeof GOALS)[number]) {
  const form = page.locator("form.add-goal");
  await form.getByLabel("属于哪个方面").selectOption(domain);
  await form.getByLabel("目标", { exact: true }).fill(goal);
  await form.getByLabel("计划做的事").fill(action);
  await form.getByLabel("目标日期").fill(dayFromToday(60));
  if (respite) await form.getByLabel("喘息服务（每月次数，可不填）").fill(respite);
  await form.getByRole("button", { name: "添加目标" }).click();
  await page.locator(".goal-list").getByText(goal).waitFor();
}

async function addRecord(form: Locator, fill: (form: Locator) => Promise<void>) {
  await fill(form);
  await form.getByRole("button", { name: "保存记录" }).click();
  await form.getByText("记录已保存。").waitFor();
}

describe("case work", () => {
  it("a stress-5 check-in opens a case; the social worker runs intake and the plan, the supervisor signs off", async () => {
    const cg = await e2e.newUser();
    await loginViaUi(cg.page, grandma.email, grandma.password);
    await cg.page.goto("/checkin");
    await cg.page.getByLabel("快撑不住了").check();
    await cg.page.getByRole("button", { name: "提交" }).click();
    await cg.page.getByText("谢谢您告诉我们。").waitFor();
    const opened = await sqlOne<{ id: string; source: string }>(
      e2e.srv,
      sql`select id, source from cases where family_id = ${grandma.familyId}`,
    );
    expect(opened.source).toBe("alert");
    caseId = opened.id;

    // The social worker, on her phone, follows the notification to the case.
    const { page } = await e2e.newUser();
    await loginViaUi(page, sw.email, sw.password);
    await page.goto("/notifications");
    await page.getByRole("link", { name: "一条安全提醒为一个家庭开了个案，请跟进。" }).click();
    await page.waitForURL((u) => u.pathname === `/cases/${caseId}`);
    await page.getByRole("heading", { level: 1, name: "个案：王奶奶" }).waitFor();
    await stageIs(page, "接案");
    await page.getByText("照顾者压力打卡很高，发出了压力提醒").waitFor();

    await page.getByRole("button", { name: "填写 / 修改接案信息" }).click();
    const intake = page.locator("form").filter({ hasText: "保存接案信息" });
    await intake.getByLabel("经济困难").check();
    await intake.getByLabel("照护负担重").check();
    await intake.getByLabel("问题说明").fill(PROBLEM_NOTE);
    await intake.getByLabel("家庭的长处").fill("奶奶很有耐心，邻居愿意帮忙");
    await expectAccessible(page, "case-intake-edit");
    await page.getByRole("button", { name: "保存接案信息" }).click();
    await page.getByText("接案信息已保存。").waitFor();
    await page.getByText("经济困难、照护负担重").waitFor();

    await page.getByRole("button", { name: "进入下一阶段：需求评估" }).click();
    await stageIs(page, "需求评估");
    await page.getByRole("button", { name: "进入下一阶段：服务计划" }).click();
    await stageIs(page, "服务计划");

    // An empty goal is refused at the field; then one goal per Walsh domain.
    await page.locator("form.add-goal").getByRole("button", { name: "添加目标" }).click();
    await page.locator("form.add-goal").getByText("请填写这一项").waitFor();
    for (const g of GOALS) await addGoal(page, g);
    await page.getByText("喘息服务计划：每月 2 次").waitFor();
    await page.getByRole("button", { name: "进入介入（提交督导审批）" }).click();
    await page.getByText("等待督导审批：进入介入").waitFor();
    await stageIs(page, "服务计划");

    // The supervisor approves from the list of cases waiting for sign-off.
    const admin = await buildAdmin(e2e.srv);
    const sup = await e2e.newUser({ viewport: DESKTOP });
    await loginViaUi(sup.page, admin.email, admin.password);
    await sup.page.goto("/cases");
    await sup.page.getByLabel("显示", { exact: true }).selectOption("pending");
    const item = sup.page.getByRole("listitem").filter({ hasText: "待审批：进入介入" });
    await item.getByRole("link", { name: "王奶奶" }).click();
    await sup.page.getByRole("button", { name: "批准" }).click();
    await stageIs(sup.page, "介入");
    await expectAccessible(sup.page, "case-page-supervisor");
    await screenshot(sup.page, "case-page-zh");
  });

  it("the social worker records a shared home visit and a subsidy application, and follows it up", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, sw.email, sw.password);
    await page.goto("/cases");
    await page.getByRole("link", { name: "王奶奶" }).click();
    await stageIs(page, "介入");
    const form = page.locator("form.add-record");
    await addRecord(form, async (f) => {
      await f.getByLabel("时长（分钟）").fill("90");
      await f.getByLabel(GOALS[0][1]).check();
      await f.getByLabel("服务记录", { exact: true }).fill(SHARED_NOTE);
      await f.getByLabel("给家庭看这条记录").check();
    });
    await addRecord(form, async (f) => {
      await f.getByLabel("服务类型").selectOption("resource_linking");
      await f.getByLabel("对应的政策卡").selectOption(card.id);
      expect(await f.getByLabel("事项").inputValue()).toBe(card.title);
      await f.getByLabel("服务记录", { exact: true }).fill(INTERNAL_NOTE);
    });
    const application = page.locator(".record").filter({ hasText: INTERNAL_NOTE });
    await application.getByText("办理进度：").waitFor();
    await application.getByRole("button", { name: "已获批" }).click();
    await application.locator('button[aria-pressed="true"]', { hasText: "已获批" }).waitFor();
    const row = await sqlOne<{ follow_up_status: string; policy_card_id: string }>(
      e2e.srv,
      sql`select follow_up_status, policy_card_id from case_records where case_id = ${caseId} and kind = 'resource_linking'`,
    );
    expect(row).toEqual({ follow_up_status: "approved", policy_card_id: card.id });
    await page.getByText("新增服务记录：家访").waitFor();
    await expectNoSideScroll(page);
    await expectAccessible(page, "case-page");
    await screenshot(page, "case-page-zh");
  });

  it("a new family's case is opened from the family page with the intake form (360 px, zh-CN)", async () => {
    const mum = await buildCaregiver(e2e.srv, { displayName: "李妈妈" });
    await assignSocialWorker(e2e.srv, mum.familyId!, sw.id);
    const { page } = await e2e.newUser();
    await loginViaUi(page, sw.email, sw.password);
    await page.goto(`/families/${mum.familyId}`);
    await page.getByRole("link", { name: "开个案" }).click();
    await page.getByRole("heading", { level: 1, name: "开个案（接案）" }).waitFor();
    await page.getByRole("button", { name: "开个案" }).click();
    await page.getByText("请至少选一项").waitFor();
    await expectAccessible(page, "case-intake");
    await expectNoSideScroll(page);
    await screenshot(page, "case-intake-zh");
    await page.getByLabel("社会孤立").check();
    await page.getByLabel("个案来源").selectOption("self");
    await page.getByRole("button", { name: "开个案" }).click();
    await page.getByRole("heading", { level: 1, name: "个案：李妈妈" }).waitFor();
    await stageIs(page, "接案");
  });

  it("the grandmother sees the plan and the shared visit in plain words, not the unshared notes (360 px)", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, grandma.email, grandma.password);
    await page.goto("/family");
    const plan = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: "我们的服务计划" }) });
    await plan.getByText("服务计划正在进行中。").waitFor();
    for (const [, goal] of GOALS) await plan.getByText(goal).waitFor();
    await plan.getByText("奶奶很有耐心，邻居愿意帮忙").waitFor();
    await plan.getByText(SHARED_NOTE).waitFor();
    expect(await page.getByText(INTERNAL_NOTE).count()).toBe(0);
    expect(await page.getByText(PROBLEM_NOTE).count()).toBe(0);
    await expectNoSideScroll(page);
    await expectAccessible(page, "family-case");
    await screenshot(page, "family-case-zh");
  });

  it("in English: the case page with the intake form, and the caregiver's card (360 px)", async () => {
    await setLocale(e2e.srv, sw, "en");
    await setLocale(e2e.srv, grandma, "en");
    const staff = await e2e.newUser({ locale: "en" });
    await loginViaUi(staff.page, sw.email, sw.password);
    await staff.page.goto(`/cases/${caseId}`);
    await staff.page.getByRole("heading", { level: 1, name: "Case: 王奶奶" }).waitFor();
    await staff.page.getByRole("button", { name: "Fill in / change the intake" }).click();
    await staff.page.getByLabel("Money problems").waitFor();
    await expectNoSideScroll(staff.page);
    await expectAccessible(staff.page, "case-page-en");
    await screenshot(staff.page, "case-page-en");

    const cg = await e2e.newUser({ locale: "en" });
    await loginViaUi(cg.page, grandma.email, grandma.password);
    await cg.page.goto("/family");
    await cg.page.getByRole("heading", { name: "Our plan" }).waitFor();
    await cg.page.getByText("The plan is under way.").waitFor();
    expect(await cg.page.getByText(INTERNAL_NOTE).count()).toBe(0);
    await expectAccessible(cg.page, "family-case-en");
    await screenshot(cg.page, "family-case-en");
  });

  it("a colleague assigned to the family but not on its case is told who leads it, not offered a second intake (360 px)", async () => {
    const colleague = await buildStaff(e2e.srv, "social_worker", "刘社工");
    await assignSocialWorker(e2e.srv, grandma.familyId!, colleague.id);
    const { page } = await e2e.newUser();
    await loginViaUi(page, colleague.email, colleague.password);
    await page.goto(`/families/${grandma.familyId}`);
    await page.getByText(/这个家庭已有个案（.+），由陈社工负责。您还不在这个个案里/).waitFor();
    expect(await page.getByRole("link", { name: "开个案" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: /打开个案/ }).count()).toBe(0);
    await expectNoSideScroll(page);
    await expectAccessible(page, "family-case-colleague");
    await screenshot(page, "family-case-colleague-zh");
  });
});
