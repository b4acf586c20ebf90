import type { Slot, Station } from "@carecircle/shared";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  addQualification,
  addShift,
  assignSocialWorker,
  bookOk,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  nineAm,
  setNeeds,
  shanghaiDay,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

/** A calendar day as the pages say it: "12月4日 周五". */
function dayZh(localDate: string): string {
  const [, m, d] = localDate.split("-").map(Number);
  const weekday = new Intl.DateTimeFormat("zh-CN", { weekday: "short", timeZone: "UTC" }).format(
    new Date(`${localDate}T12:00:00Z`),
  );
  return `${m}月${d}日 ${weekday}`;
}
let e2e: E2E;
let manager: Account;
let nurse: Account;
let socialWorker: Account;
let station: Station;
let slot: Slot;

async function expectNoSideScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
  expect(overflow).toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  e2e = await startE2E();
  manager = await buildStaff(e2e.srv, "admin", "周主任");
  nurse = await buildStaff(e2e.srv, "station_staff", "李护士");
  const aide = await buildStaff(e2e.srv, "station_staff", "张阿姨");
  station = await buildStation(e2e.srv, { name: "阳光街道康复站" }, { staff: [nurse, aide] });
  ({ slot } = await buildSlot(e2e.srv, { station, startsAt: nineAm(3), endsAt: nineAm(3, 2) }));
  for (const s of [nurse, aide]) await addShift(e2e.srv, station.id, s, { date: slot.localDate });
  // Only the nurse can tube-feed; the aide's certificates are about to run out, or have.
  await addQualification(e2e.srv, nurse, "tube_feeding", "2099-12-31");
  await addQualification(e2e.srv, aide, "seizure_rescue", shanghaiDay(10));
  await addQualification(e2e.srv, aide, "insulin", shanghaiDay(-5));
  const { caregiver, child } = await buildFamily(e2e.srv, { nickname: "豆豆" });
  await setNeeds(e2e.srv, caregiver, child.id, ["tube_feeding"]);
  socialWorker = await buildStaff(e2e.srv, "social_worker", "王社工");
  await assignSocialWorker(e2e.srv, caregiver.familyId!, socialWorker.id);
  expect((await bookOk(e2e.srv, caregiver, slot.id, child.id)).status).toBe("confirmed");
  await e2e.srv.http.patch("/api/me").set("Authorization", nurse.auth).send({ locale: "en" }).expect(200);
});
afterAll(async () => {
  await e2e?.close();
});

describe("a station's staffing week in the browser (360 px)", () => {
  let alertUrl = "";

  it("the only tube-feeding nurse takes the day off: the page says the booking is uncovered and lists it", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, manager.email, manager.password);
    await page.goto(`/stations/${station.id}/staffing`);
    await page.getByRole("heading", { level: 1, name: "值班与资质" }).waitFor();
    // Expired and expiring certificates say so in words, not only in colour.
    const aide = page.getByRole("listitem").filter({ hasText: "张阿姨" }).first();
    await aide.getByText("已过期").waitFor();
    await aide.getByText("即将过期").waitFor();
    await expectNoSideScroll(page);
    await expectAccessible(page, "staffing-page");
    await screenshot(page, "staffing-page");

    // Forms open on demand, with the focus on their first field.
    await page.getByRole("button", { name: "添加请假或加班" }).click();
    const form = page.getByRole("form", { name: "添加请假或加班" });
    expect(await form.getByLabel("类型").evaluate((el) => el === document.activeElement)).toBe(true);
    await form.getByLabel("类型").selectOption("off");
    await form.getByLabel("老师", { exact: true }).selectOption({ label: "李护士" });
    await form.getByRole("button", { name: "添加请假或加班" }).click();
    await form.locator(".field-error").waitFor();
    await form.getByLabel("日期").fill(slot.localDate);
    await form.getByRole("button", { name: "添加请假或加班" }).click();
    const notice = page.getByRole("alert").filter({ hasText: "有 1 个预约现在缺少合适的照护老师。" });
    await notice.waitFor();
    await page.getByText(`${dayZh(slot.localDate)}：李护士请假`).waitFor();
    // Saved: the form closes again.
    await form.waitFor({ state: "detached" });
    await expectAccessible(page, "staffing-uncovered");
    await screenshot(page, "staffing-uncovered");

    await notice.getByRole("link", { name: "查看名单" }).click();
    await page.getByRole("heading", { level: 1, name: "缺少照护的预约" }).waitFor();
    alertUrl = new URL(page.url()).pathname;
    expect(alertUrl).toMatch(/^\/coverage-alerts\/[0-9a-f-]{36}$/);
    const item = page.getByRole("listitem").filter({ hasText: "豆豆" });
    await item.getByText("当班老师中没有人能做：鼻饲/管饲").waitFor();
    await item.getByText(`${dayZh(slot.localDate)} 09:00–11:00`).waitFor();
    await page.getByText(/安排一位有资质的老师值班.*或者和家庭沟通/).waitFor();
    const roster = item.getByRole("link", { name: "打开当天的名单" });
    expect(await roster.getAttribute("href")).toBe(`/roster?station=${station.id}&date=${slot.localDate}`);
    await expectNoSideScroll(page);
    await expectAccessible(page, "coverage-alert");
    await screenshot(page, "coverage-alert");
  });

  it("the family's social worker opens it from the notification and reaches the family", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, socialWorker.email, socialWorker.password);
    await page.goto("/notifications");
    await page.getByRole("link", { name: /排班变动后，有已预约的孩子缺少合适的照护老师/ }).click();
    await page.getByRole("heading", { level: 1, name: "缺少照护的预约" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(alertUrl);
    const item = page.getByRole("listitem").filter({ hasText: "豆豆" });
    await item.getByText("当班老师中没有人能做：鼻饲/管饲").waitFor();
    await item.getByRole("link", { name: "打开这个家庭的预约" }).click();
    await page.waitForURL((u) => u.pathname.startsWith("/families/"));
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "缺少照护的预约" }).waitFor();
    await expectAccessible(page, "coverage-alert-social-worker");
    await screenshot(page, "coverage-alert-social-worker");
  });

  it("the nurse reads the same list in English and opens the roster of the day", async () => {
    const { page } = await e2e.newUser({ locale: "en" });
    await loginViaUi(page, nurse.email, nurse.password);
    await page.goto(alertUrl);
    await page.getByRole("heading", { level: 1, name: "Bookings without the care they need" }).waitFor();
    const item = page.getByRole("listitem").filter({ hasText: "豆豆" });
    await item.getByText("Nobody qualified on shift for: Tube feeding").waitFor();
    await expectNoSideScroll(page);
    await expectAccessible(page, "coverage-alert-en");
    await screenshot(page, "coverage-alert-en");
    await item.getByRole("link", { name: "Open the roster of that day" }).click();
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    expect(await page.getByLabel("Date").inputValue()).toBe(slot.localDate);
    await page.getByText("豆豆").first().waitFor();
  });

  it("the manager sets a ratio and renews a certificate (a past date is refused at the field)", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, manager.email, manager.password);
    await page.goto(`/stations/${station.id}/staffing`);
    const ratio = page.getByRole("form", { name: "喘息服务：每位老师照看的孩子数" });
    await ratio.getByLabel("喘息服务：每位老师照看的孩子数").fill("3");
    await ratio.getByRole("button", { name: "保存" }).click();
    await ratio.getByText("目前：每位老师 3 个孩子。").waitFor();

    await page.getByRole("button", { name: "为张阿姨续期：癫痫急救用药" }).click();
    const dialog = page.getByRole("dialog", { name: "为张阿姨续期：癫痫急救用药" });
    await dialog.getByLabel("新的有效期至").fill(shanghaiDay(-1));
    await dialog.getByRole("button", { name: "续期" }).click();
    await dialog.getByText("请选择今天或以后的日期。").waitFor();
    await expectAccessible(page, "staffing-renew-error");
    await screenshot(page, "staffing-renew-error");
    await dialog.getByLabel("新的有效期至").fill("2028-06-30");
    await dialog.getByRole("button", { name: "续期" }).click();
    await page.getByText("癫痫急救用药，有效期至 2028-06-30").waitFor();
    const aide = page.getByRole("listitem").filter({ hasText: "癫痫急救用药，有效期至 2028-06-30" });
    expect(await aide.getByText("即将过期").count()).toBe(0);
    const saved = await e2e.srv.http
      .get(`/api/stations/${station.id}/staffing`)
      .set("Authorization", manager.auth);
    expect(saved.body.ratios).toEqual([{ serviceType: "respite", childrenPerStaff: 3 }]);
    await expectNoSideScroll(page);
    await expectAccessible(page, "staffing-after");
    await screenshot(page, "staffing-after");
  });
});
