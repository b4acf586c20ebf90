import { fileURLToPath } from "node:url";
import { sql } from "@carecircle/server";
import type { Station } from "@carecircle/shared";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActivity, signUpActivity } from "../factories/group-activities.js";
import {
  type Account,
  assignSocialWorker,
  buildCaregiver,
  buildStaff,
  buildStation,
  joinFamily,
  openCase,
  shanghaiDay,
  sqlOne,
  sqlRows,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

/*
 * Group activities in the browser (issue 19 §4, decision 141): a social worker creates a parent
 * training with 2 seats (errors at the field first); a grandmother signs up on her phone, a
 * father (in English) takes the last seat and the grandmother's daughter-in-law queues; the
 * grandmother withdraws behind a confirmation and the queue's head gets the seat at once; once it
 * has started the social worker records who came, and the family's case timeline shows it.
 */

let e2e: E2E;
let sw: Account;
let grandma: Account;
let mum: Account;
let dad: Account;
let station: Station;
let caseId: string;
let activityId: string;
let mumPage: Page;
const TOPIC = "孤独症孩子的情绪安抚";
const DAY = shanghaiDay(7);
const [, MONTH, DATE] = DAY.split("-").map(Number);

async function expectNoSideScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The activity's card on the list page. */
async function openCard(page: Page, who: Account, heading = "小组活动"): Promise<Locator> {
  await loginViaUi(page, who.email, who.password);
  await page.goto("/activities");
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  const card = page.getByRole("listitem", { name: TOPIC });
  await card.waitFor();
  return card;
}

beforeAll(async () => {
  e2e = await startE2E();
  sw = await buildStaff(e2e.srv, "social_worker", "陈社工");
  grandma = await buildCaregiver(e2e.srv, { displayName: "王奶奶" });
  mum = await joinFamily(e2e.srv, grandma, { displayName: "乐乐妈妈" });
  dad = await buildCaregiver(e2e.srv, { displayName: "Leo's dad", locale: "en" });
  await assignSocialWorker(e2e.srv, grandma.familyId!, sw.id);
  caseId = (await openCase(e2e.srv, sw, grandma.familyId!)).id;
  station = await buildStation(e2e.srv, { name: "阳光托管站", address: "阳光路 12 号" });
});
afterAll(async () => {
  await e2e?.close();
});

describe("group activities", () => {
  it("a social worker creates a parent training with 2 seats, errors at the field first (360 px, zh-CN)", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, sw.email, sw.password);
    await page.getByRole("button", { name: "菜单" }).click();
    await page.getByRole("navigation", { name: "主菜单" }).getByRole("link", { name: "小组活动" }).click();
    await page.getByRole("heading", { level: 1, name: "小组活动" }).waitFor();
    await page.getByRole("button", { name: "新建活动" }).click();
    const form = page.locator("form").filter({ hasText: "发布活动" });
    await form.getByRole("button", { name: "发布活动" }).click();
    await form.getByText("请填写这一项").first().waitFor();

    await form.getByLabel("类型").selectOption({ label: "家长培训" });
    await form.getByLabel("主题").fill(TOPIC);
    await form.getByLabel("带领人").fill("李老师");
    await form.getByLabel("站点").selectOption({ label: station.name });
    await form.getByLabel("具体地点（可不填）").fill("二楼活动室");
    await form.getByLabel("名额").fill("2");
    await form.getByLabel("日期").fill(shanghaiDay(-1));
    await form.getByLabel("开始时间").fill("14:00");
    await form.getByLabel("结束时间").fill("16:00");
    await form.getByRole("button", { name: "发布活动" }).click();
    // the server refuses a start in the past: said under the start time
    await form.getByText("这个日期已经过去了，请选今天或以后的日期").waitFor();
    await expectAccessible(page, "activity-form");
    await screenshot(page, "activity-form-zh");

    await form.getByLabel("日期").fill(DAY);
    await form.getByRole("button", { name: "发布活动" }).click();
    await page.getByText("活动已发布，大家可以报名了。").waitFor();
    const card = page.getByRole("listitem", { name: TOPIC });
    await card.getByText("还剩 2 个名额").waitFor();
    await card.getByRole("link", { name: "名单和到场" }).waitFor();
    const row = await sqlOne<{ id: string; capacity: number; kind: string }>(
      e2e.srv,
      sql`select id, capacity, kind from group_activities where topic = ${TOPIC}`,
    );
    expect(row).toMatchObject({ capacity: 2, kind: "parent_training" });
    activityId = row.id;
  });

  it("a grandmother signs up on her phone: the date first, big buttons (360 px, zh-CN)", async () => {
    const { page } = await e2e.newUser();
    const card = await openCard(page, grandma);
    await card.getByText(`${MONTH}月${DATE}日`).waitFor();
    await card.getByText("下午2:00-4:00").waitFor();
    await card.getByText("家长培训").waitFor();
    await card.getByText("带领人：李老师").waitFor();
    await card.getByText("阳光路 12 号").waitFor();
    await card.getByText("具体地点：二楼活动室").waitFor();
    await card.getByText("还剩 2 个名额").waitFor();
    await expectNoSideScroll(page);
    await expectAccessible(page, "activities-list");
    await screenshot(page, "activities-list-zh");

    await card.getByRole("button", { name: "报名", exact: true }).click();
    await card.getByText("已报名").waitFor();
    await card.getByText("还剩 1 个名额").waitFor();
    await card.getByRole("button", { name: "取消报名" }).waitFor();
    await screenshot(page, "activities-signed-up-zh");
  });

  it("a father takes the last seat (360 px, en); the daughter-in-law queues first in line (zh-CN)", async () => {
    const en = await e2e.newUser({ locale: "en" });
    const card = await openCard(en.page, dad, "Group activities");
    await card.getByText("Seats left: 1").waitFor();
    await card.getByRole("button", { name: "Sign up" }).click();
    await card.getByText("Signed up", { exact: true }).waitFor();
    // She has her seat: "full", without telling her she can queue.
    await card.getByText("Full", { exact: true }).waitFor();
    await expectNoSideScroll(en.page);
    await expectAccessible(en.page, "activities-list-en");
    await screenshot(en.page, "activities-list-en");

    mumPage = (await e2e.newUser()).page;
    const mine = await openCard(mumPage, mum);
    await mine.getByText("已满，可排队").waitFor();
    await mine.getByRole("button", { name: "排队", exact: true }).click();
    await mine.getByText("排队第 1 位").waitFor();
    await mine.getByText("已满（1 人在排队）").waitFor();
    await screenshot(mumPage, "activities-queued-zh");
  });

  it("the grandmother withdraws behind a confirmation; the queue's head has the seat at once", async () => {
    const { page } = await e2e.newUser();
    const card = await openCard(page, grandma);
    await card.getByRole("button", { name: "取消报名" }).click();
    const dialog = page.getByRole("dialog", { name: "取消报名？" });
    await dialog.getByText("取消后，名额会给排队的下一位。").waitFor();
    await expectAccessible(page, "activity-leave-dialog");
    await screenshot(page, "activity-leave-dialog-zh");
    await dialog.getByRole("button", { name: "确定取消" }).click();
    await dialog.waitFor({ state: "hidden" });
    await card.getByRole("button", { name: "排队", exact: true }).waitFor();
    expect(await card.getByText("已报名").count()).toBe(0);

    // The daughter-in-law's open page turns without a reload (the promotion is a notification).
    const mine = mumPage.getByRole("listitem", { name: TOPIC });
    await mine.getByText("已报名").waitFor();
    await mine.getByRole("button", { name: "取消报名" }).waitFor();
    const statuses = await sqlRows<{ name: string; status: string }>(
      e2e.srv,
      sql`select u.display_name as name, s.status from activity_signups s join users u on u.id = s.user_id
          where s.activity_id = ${activityId}::uuid order by s.created_at`,
    );
    expect(statuses).toEqual([
      { name: "王奶奶", status: "cancelled" },
      { name: "Leo's dad", status: "confirmed" },
      { name: "乐乐妈妈", status: "confirmed" },
    ]);
  });

  it("once it has started the social worker records who came; the family's case timeline shows it (360 px)", async () => {
    // The session started a moment after the case was opened (both are in the past now).
    await sqlRows(
      e2e.srv,
      sql`update group_activities a set starts_at = c.opened_at + interval '1 second', ends_at = now() + interval '2 hours'
          from cases c where c.id = ${caseId}::uuid and a.id = ${activityId}::uuid`,
    );
    const { page } = await e2e.newUser();
    await loginViaUi(page, sw.email, sw.password);
    await page.goto("/activities");
    await page.getByRole("listitem", { name: TOPIC }).getByRole("link", { name: "名单和到场" }).click();
    await page.getByRole("heading", { level: 1, name: TOPIC }).waitFor();
    await page.getByRole("heading", { level: 2, name: "已报名 2 / 2 人" }).waitFor();
    await page.getByText("活动已经开始").waitFor();
    const mumRow = page.getByRole("group", { name: "乐乐妈妈 来了吗" });
    const dadRow = page.getByRole("group", { name: "Leo's dad 来了吗" });
    await mumRow.getByRole("button", { name: "来了" }).click();
    await dadRow.getByRole("button", { name: "没来" }).click();
    await expect
      .poll(() => mumRow.getByRole("button", { name: "来了" }).getAttribute("aria-pressed"))
      .toBe("true");
    await expect
      .poll(() => dadRow.getByRole("button", { name: "没来" }).getAttribute("aria-pressed"))
      .toBe("true");
    await expectNoSideScroll(page);
    await expectAccessible(page, "activity-attendance");
    await screenshot(page, "activity-attendance-zh");
    const attended = await sqlRows<{ name: string; attended: boolean }>(
      e2e.srv,
      sql`select u.display_name as name, s.attended from activity_signups s join users u on u.id = s.user_id
          where s.activity_id = ${activityId}::uuid and s.status = 'confirmed' order by u.display_name`,
    );
    expect(attended).toEqual([
      { name: "Leo's dad", attended: false },
      { name: "乐乐妈妈", attended: true },
    ]);

    await page.goto(`/cases/${caseId}`);
    const timeline = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: "个案时间线" }) });
    await timeline.getByText(`参加了小组活动“${TOPIC}”`).waitFor();
    await timeline.scrollIntoViewIfNeeded();
    await timeline.screenshot({
      path: fileURLToPath(new URL("./screenshots/case-timeline-entry-360.png", import.meta.url)),
    });
    await expectAccessible(page, "case-timeline-activity");
    await screenshot(page, "case-timeline-activity-zh");
  });

  it("the social worker calls a session off, saying why; the grandmother is told and sees it cancelled (360 px)", async () => {
    const other = await createActivity(e2e.srv, sw, { topic: "家长喘息茶话会", kind: "caregiver_respite" });
    expect((await signUpActivity(e2e.srv, grandma, other.id)).status).toBe(201);
    const { page } = await e2e.newUser();
    await loginViaUi(page, sw.email, sw.password);
    await page.goto(`/activities/${other.id}`);
    await page.getByRole("heading", { level: 1, name: "家长喘息茶话会" }).waitFor();
    await page.getByRole("button", { name: "取消这次活动" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "确定取消活动" }).click();
    await dialog.getByText("请写下原因").waitFor();
    await dialog.getByLabel("取消的原因").fill("带领老师生病了，下周再约");
    await expectAccessible(page, "activity-cancel-dialog");
    await screenshot(page, "activity-cancel-dialog-zh");
    await dialog.getByRole("button", { name: "确定取消活动" }).click();
    await page.getByText("已取消：带领老师生病了，下周再约").waitFor();
    expect(await page.getByRole("button", { name: "取消这次活动" }).count()).toBe(0);

    const nainai = (await e2e.newUser()).page;
    await loginViaUi(nainai, grandma.email, grandma.password);
    await nainai.goto("/notifications");
    await nainai
      .getByRole("link", { name: /家长喘息茶话会|取消/ })
      .first()
      .click();
    await nainai.waitForURL((u) => u.pathname === `/activities/${other.id}`);
    await nainai.getByText("已取消：带领老师生病了，下周再约").waitFor();
    expect(await nainai.getByRole("button", { name: /报名|取消报名/ }).count()).toBe(0);
    await expectNoSideScroll(nainai);
    await expectAccessible(nainai, "activity-cancelled");
    await screenshot(nainai, "activity-cancelled-zh");
  });
});
