import type { Slot, Station } from "@carecircle/shared";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, buildCaregiver, buildChild, buildStaff, shanghaiDay } from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

let e2e: E2E;
let staff: Account;
let home: Station;
const ALL_WEEK = Object.fromEntries(
  ["1", "2", "3", "4", "5", "6", "7"].map((d) => [d, [["08:00", "18:00"]]]),
);

/** `hh:00` Shanghai time on the local day `days` from today. */
const at = (days: number, hh: number) => `${shanghaiDay(days)}T${String(hh).padStart(2, "0")}:00:00+08:00`;

async function station(name: string, extra: object = {}): Promise<Station> {
  const res = await e2e.srv.http
    .post("/api/stations")
    .set("Authorization", staffBoss.auth)
    .send({
      name,
      district: "阳光街道",
      address: "阳光路 12 号一楼",
      phone: "021-55550001",
      openingHours: ALL_WEEK,
      disabilityTypes: ["autism"],
      serviceTypes: ["respite"],
      ...extra,
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Station;
}

async function slot(st: Station, startsAt: string, capacity = 4): Promise<Slot> {
  const res = await e2e.srv.http
    .post("/api/slots")
    .set("Authorization", staffBoss.auth)
    .send({
      stationId: st.id,
      serviceType: "respite",
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 3 * 3600_000).toISOString(),
      capacity,
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Slot;
}

/** No sideways scroll at phone width (care mode makes everything larger). */
async function fitsPhone(page: Page, name: string): Promise<void> {
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(sideways, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
}

let staffBoss: Account;
let tomorrowSlot: Slot;
let neighbourSlot: Slot;
beforeAll(async () => {
  e2e = await startE2E();
  staffBoss = await buildStaff(e2e.srv, "social_worker", "王社工");
  staff = await buildStaff(e2e.srv, "station_staff", "李老师");
  home = await station("阳光街道托管站", { mapQuery: "阳光社区服务中心" });
  const attach = await e2e.srv.http
    .post(`/api/stations/${home.id}/staff`)
    .set("Authorization", staffBoss.auth)
    .send({ userId: staff.id });
  expect(attach.status).toBe(200);
  const neighbour = await station("和平里托管站", { address: "和平路 3 号" });
  const other = await station("康复中心站", { disabilityTypes: ["physical"] });
  tomorrowSlot = await slot(home, at(1, 9));
  await slot(other, at(1, 14));
  neighbourSlot = await slot(neighbour, at(2, 9));
});
afterAll(async () => {
  await e2e?.close();
});

describe("booking as easy as a hospital appointment", () => {
  it("a grandmother in care mode books through the date strip with a note; staff read it; cancel, then book again", async () => {
    const nainai = await buildCaregiver(e2e.srv, { displayName: "乐乐奶奶" });
    await buildChild(e2e.srv, nainai, { nickname: "乐乐", disabilityTypes: ["autism"] });
    await e2e.srv.http
      .patch("/api/me")
      .set("Authorization", nainai.auth)
      .send({ careMode: true })
      .expect(200);
    const { page } = await e2e.newUser();
    await loginViaUi(page, nainai.email, nainai.password);
    await page.goto("/book");
    await page.getByRole("heading", { level: 1, name: "预约托管" }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.care)).toBe("on");

    // the strip: tomorrow is bookable and chosen; the day after today has nothing
    const chip = page.locator(`[data-date="${shanghaiDay(1)}"]`);
    expect(await chip.getAttribute("aria-pressed")).toBe("true");
    expect(await chip.textContent()).toContain("可以约 1 个时段");
    expect(await page.locator(`[data-date="${shanghaiDay(5)}"]`).textContent()).toContain("这天约不了");
    const card = page.getByRole("listitem").filter({ hasText: "阳光街道托管站" }).first();
    await card.getByText("还剩 4 个名额（共 4 个）").waitFor();
    const map = card.getByRole("link", { name: "地图" });
    expect(await map.getAttribute("href")).toBe(
      `https://uri.amap.com/search?keyword=${encodeURIComponent("阳光社区服务中心")}`,
    );
    expect(await card.getByRole("link", { name: "021-55550001" }).getAttribute("href")).toBe(
      "tel:02155550001",
    );
    await card.getByText("开放时间 08:00–18:00").waitFor();
    // the station that does not take her grandchild is hidden until asked for, with the reason
    expect(await page.getByText("康复中心站").count()).toBe(0);
    await fitsPhone(page, "book strip");
    await expectAccessible(page, "book strip (care mode)");
    await screenshot(page, "book-flow-strip");
    await page.getByRole("button", { name: "显示全部（还有 1 个约不了的）" }).click();
    await page
      .getByRole("listitem")
      .filter({ hasText: "康复中心站" })
      .getByText("这个站点暂时不接收这类孩子")
      .waitFor();

    await card.getByRole("button", { name: "预约这个时段" }).click();
    await page.getByRole("heading", { name: "请确认这次预约" }).waitFor();
    await page.getByText(/之前可以免费取消/).waitFor();
    await page.getByLabel("给站点老师的话（选填）").fill("她今天有点咳嗽，中午请提醒她喝水");
    await fitsPhone(page, "book confirm");
    await expectAccessible(page, "book confirm (care mode)");
    await screenshot(page, "book-flow-confirm");
    await page.getByRole("button", { name: "确认预约" }).click();
    await page.getByRole("heading", { name: "预约成功！" }).waitFor();
    await page.getByText("给老师的话：她今天有点咳嗽，中午请提醒她喝水").waitFor();
    await screenshot(page, "book-flow-done");

    // the station's staff read the note on the roster line
    const s = await e2e.newUser();
    await loginViaUi(s.page, staff.email, staff.password);
    await s.page.goto("/roster");
    await s.page.getByLabel("日期").fill(tomorrowSlot.localDate);
    await s.page.getByText("家长留言：她今天有点咳嗽，中午请提醒她喝水").waitFor();
    await screenshot(s.page, "book-flow-roster-note");

    // cancel, then book again from the nearest alternatives
    await page.getByRole("link", { name: "查看我的预约" }).click();
    const booking = page.getByRole("listitem").filter({ hasText: "乐乐" }).first();
    await booking.getByRole("button", { name: "取消预约" }).click();
    const cancelled = page.locator(".booking[data-status=cancelled]").first();
    await cancelled.getByRole("button", { name: "再约一次" }).click();
    const again = cancelled.getByRole("link", { name: /和平里托管站/ });
    await again.waitFor();
    await fitsPhone(page, "book again");
    await expectAccessible(page, "book again (care mode)");
    await screenshot(page, "book-flow-again");
    await again.click();
    await page.getByRole("heading", { name: "请确认这次预约" }).waitFor();
    await page.getByText("和平路 3 号").first().waitFor();
    await page.getByRole("button", { name: "确认预约" }).click();
    await page.getByRole("heading", { name: "预约成功！" }).waitFor();
    const mine = await e2e.srv.http.get("/api/bookings").set("Authorization", nainai.auth);
    const statuses = (mine.body.bookings as { slotId: string; status: string; note: string | null }[]).map(
      (b) => [b.slotId, b.status, b.note],
    );
    expect(statuses).toEqual(
      expect.arrayContaining([
        [tomorrowSlot.id, "cancelled", "她今天有点咳嗽，中午请提醒她喝水"],
        [neighbourSlot.id, "confirmed", null],
      ]),
    );
  });

  it("a grandmother books the same session for 4 weeks with a note; each week is told, staff read the note each day", async () => {
    const weekly = [3, 10, 17, 24].map((d) => at(d, 9));
    const slots: Slot[] = [];
    for (const w of weekly) slots.push(await slot(home, w));
    const nainai = await buildCaregiver(e2e.srv, { displayName: "豆豆奶奶" });
    await buildChild(e2e.srv, nainai, { nickname: "豆豆", disabilityTypes: ["autism"] });
    const { page } = await e2e.newUser();
    await loginViaUi(page, nainai.email, nainai.password);
    await page.goto("/book");
    await page.locator(`[data-date="${shanghaiDay(3)}"]`).click();
    const card = page.getByRole("listitem").filter({ hasText: "阳光街道托管站" }).first();
    await card.getByRole("button", { name: "预约这个时段" }).click();
    await page.getByRole("heading", { name: "请确认这次预约" }).waitFor();
    await page.getByLabel("每周同一时间").selectOption("4");
    await page.getByLabel("给站点老师的话（选填）").fill("豆豆怕吵，请让他坐在靠窗的位置");
    await fitsPhone(page, "series confirm");
    await screenshot(page, "book-flow-series-confirm");
    await page.getByRole("button", { name: "确认预约" }).click();
    await page.getByRole("heading", { name: "连续 4 周：约上了 4 周" }).waitFor();
    expect(await page.locator(".series-week.confirmed").count()).toBe(4);
    // the four weeks' news is one toast that counts them, not four stacked over the buttons
    const news = page.locator(".toast").filter({ hasText: "豆豆的预约已确认" });
    await news.filter({ hasText: "（共 4 条）" }).waitFor();
    expect(await news.count()).toBe(1);
    await fitsPhone(page, "series done");
    await expectAccessible(page, "series done");
    await screenshot(page, "book-flow-series-done");

    // every week is its own booking, each carrying the note to that day's roster
    const mine = await e2e.srv.http.get("/api/bookings").set("Authorization", nainai.auth);
    const rows = (mine.body.bookings as { slotId: string; status: string; note: string | null }[]).filter(
      (b) => slots.some((x) => x.id === b.slotId),
    );
    expect(rows.map((b) => [b.status, b.note])).toEqual(
      Array(4).fill(["confirmed", "豆豆怕吵，请让他坐在靠窗的位置"]),
    );
    const s = await e2e.newUser();
    await loginViaUi(s.page, staff.email, staff.password);
    await s.page.goto("/roster");
    await s.page.getByLabel("日期").fill(slots[3]!.localDate);
    await s.page.getByText("家长留言：豆豆怕吵，请让他坐在靠窗的位置").waitFor();
  });

  it("reads in English at 360 px: the strip, the cards and the confirmation", async () => {
    const mum = await buildCaregiver(e2e.srv, { displayName: "Lele's mum" });
    await buildChild(e2e.srv, mum, { nickname: "乐乐", disabilityTypes: ["autism"] });
    await e2e.srv.http.patch("/api/me").set("Authorization", mum.auth).send({ locale: "en" }).expect(200);
    const { page } = await e2e.newUser({ locale: "en" });
    await loginViaUi(page, mum.email, mum.password);
    await page.goto("/book");
    await page.getByText("Booking for 乐乐: pick a day, then a session.").waitFor();
    const card = page.getByRole("listitem").filter({ hasText: "阳光街道托管站" }).first();
    await card.getByRole("link", { name: "Map" }).waitFor();
    await expectAccessible(page, "book strip (en)");
    await screenshot(page, "book-flow-strip-en");
    await card.getByRole("button", { name: "Book this slot" }).click();
    await page.getByRole("heading", { name: "Please confirm this booking" }).waitFor();
    await page.getByText(/You can cancel for free until/).waitFor();
    await expectAccessible(page, "book confirm (en)");
    await screenshot(page, "book-flow-confirm-en");
  });
});
