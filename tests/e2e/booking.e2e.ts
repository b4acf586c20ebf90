import type { Slot, Station } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, buildCaregiver, buildChild, buildStaff } from "../factories/index.js";
import { DESKTOP, type E2E, expectAccessible, loginViaUi, screenshotBoth, startE2E } from "./support.js";

let e2e: E2E;
let socialWorker: Account;
let staff: Account;
let station: Station;
let slot: Slot;

/** Tomorrow 09:00-12:00 in Shanghai, as an ISO instant. */
function tomorrowAt(hour: number): string {
  const now = new Date();
  const shanghai = new Date(now.getTime() + 8 * 3600_000);
  const d = new Date(
    Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate() + 1, hour - 8),
  );
  return d.toISOString();
}

beforeAll(async () => {
  e2e = await startE2E();
  socialWorker = await buildStaff(e2e.srv, "social_worker", "王社工");
  staff = await buildStaff(e2e.srv, "station_staff", "李老师");
  const st = await e2e.srv.http
    .post("/api/stations")
    .set("Authorization", socialWorker.auth)
    .send({
      name: "阳光街道未成年人保护站",
      district: "阳光街道",
      address: "阳光路 12 号一楼",
      phone: "021-55550001",
      disabilityTypes: ["autism", "intellectual"],
      serviceTypes: ["respite", "trusteeship"],
    });
  expect(st.status, JSON.stringify(st.body)).toBe(201);
  station = st.body as Station;
  const attach = await e2e.srv.http
    .post(`/api/stations/${station.id}/staff`)
    .set("Authorization", socialWorker.auth)
    .send({ userId: staff.id });
  expect(attach.status, JSON.stringify(attach.body)).toBe(200);
  const sl = await e2e.srv.http
    .post("/api/slots")
    .set("Authorization", socialWorker.auth)
    .send({
      stationId: station.id,
      serviceType: "respite",
      startsAt: tomorrowAt(9),
      endsAt: tomorrowAt(12),
      capacity: 1,
    });
  expect(sl.status, JSON.stringify(sl.body)).toBe(201);
  slot = sl.body as Slot;
});
afterAll(async () => {
  await e2e?.close();
});

describe("booking in the browser", () => {
  it("one family books the last seat, another joins the waitlist and is promoted live when the first cancels", async () => {
    const mama = await buildCaregiver(e2e.srv, { displayName: "小宇妈妈" });
    await buildChild(e2e.srv, mama, { nickname: "小宇", disabilityTypes: ["autism"] });
    const nainai = await buildCaregiver(e2e.srv, { displayName: "朵朵奶奶" });
    await buildChild(e2e.srv, nainai, { nickname: "朵朵", disabilityTypes: ["intellectual"] });

    const a = await e2e.newUser();
    await loginViaUi(a.page, mama.email, mama.password);
    await a.page.goto("/book");
    await a.page.getByRole("heading", { level: 1, name: "预约托管" }).waitFor();
    const slotA = a.page.getByRole("listitem").filter({ hasText: "阳光街道未成年人保护站" }).first();
    await slotA.getByText("还剩 1 个名额（共 1 个）").waitFor();
    await slotA.getByText("09:00–12:00").waitFor();
    await expectAccessible(a.page, "book");
    await screenshotBoth(a.page, "book");
    await slotA.getByRole("button", { name: "预约这个时段" }).click();
    // the confirmation step shows what will be booked before anything is
    await a.page.getByRole("heading", { name: "请确认这次预约" }).waitFor();
    await a.page.getByText("阳光路 12 号一楼").first().waitFor();
    await a.page.getByRole("button", { name: "确认预约" }).click();
    await a.page.getByText("预约成功！").waitFor();

    const b = await e2e.newUser({ viewport: DESKTOP });
    await loginViaUi(b.page, nainai.email, nainai.password);
    await b.page.goto("/book");
    const slotB = b.page.getByRole("listitem").filter({ hasText: "阳光街道未成年人保护站" }).first();
    await slotB.getByText("已约满，0 人在候补").waitFor();
    expect(await slotB.getByRole("button", { name: "预约这个时段" }).count()).toBe(0);
    await slotB.getByRole("button", { name: "排队候补" }).click();
    await b.page.getByRole("button", { name: "确认候补" }).click();
    await b.page.getByText("已加入候补，目前排第 1 位").waitFor();
    await b.page.getByRole("link", { name: "查看我的预约" }).click();
    const bookingB = b.page.getByRole("listitem").filter({ hasText: "朵朵" }).first();
    await bookingB.getByText("候补中").waitFor();
    await bookingB.getByText("排第 1 位").waitFor();
    await expectAccessible(b.page, "bookings");

    await a.page.goto("/bookings");
    const bookingA = a.page.getByRole("listitem").filter({ hasText: "小宇" }).first();
    await bookingA.getByText("已确认").waitFor();
    await screenshotBoth(a.page, "bookings");
    await bookingA.getByRole("button", { name: "取消预约" }).click();
    await bookingA.getByText("已取消").waitFor();

    // the waiting family sees the promotion without reloading
    await bookingB.getByText("已确认").waitFor({ timeout: 15_000 });
    await b.page.getByText("朵朵的预约已确认").first().waitFor();
    const after = await e2e.srv.http.get(`/api/slots/${slot.id}`).set("Authorization", nainai.auth);
    expect((after.body as Slot).confirmedCount).toBe(1);

    // the promotion is also in the notification list, in plain words
    await b.page.goto("/notifications");
    await b.page.getByText("好消息：朵朵从候补转为正式预约了（阳光街道未成年人保护站）。").waitFor();
    await expectAccessible(b.page, "notifications");
    await screenshotBoth(b.page, "notifications");
  });

  it("a caregiver records a stress check-in; staff see tomorrow's roster with care notes", async () => {
    const cg = await buildCaregiver(e2e.srv, { displayName: "乐乐爸爸" });
    const { page } = await e2e.newUser();
    await loginViaUi(page, cg.email, cg.password);
    await page.goto("/checkin");
    await page.getByRole("heading", { level: 1, name: "压力打卡" }).waitFor();
    await page.getByRole("radio", { name: /4/ }).check();
    await page.getByRole("button", { name: "提交" }).click();
    await page.getByText("谢谢您，已经记下了").waitFor();
    await page.getByText("压力 4").waitFor();
    await expectAccessible(page, "checkin");
    await screenshotBoth(page, "checkin");

    const s = await e2e.newUser({ viewport: DESKTOP });
    await loginViaUi(s.page, staff.email, staff.password);
    await s.page.goto("/roster");
    await s.page.getByRole("heading", { level: 1, name: "今日名单" }).waitFor();
    const tomorrow = new Date(Date.parse(slot.startsAt) + 8 * 3600_000).toISOString().slice(0, 10);
    await s.page.getByLabel("日期").fill(tomorrow);
    await s.page.getByText("朵朵 ·").first().waitFor();
    await s.page.getByText("安静的角落").waitFor();
    await s.page.getByText("13800001234").waitFor();
    await expectAccessible(s.page, "roster");
    await screenshotBoth(s.page, "roster");

    await s.page.goto("/slots");
    await s.page.getByRole("heading", { level: 1, name: "时段管理" }).waitFor();
    await expectAccessible(s.page, "slots");
    await screenshotBoth(s.page, "slots");
  });
});
