import type { Slot, Station } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  bookOk,
  buildCaregiver,
  buildChild,
  buildStaff,
} from "../factories/index.js";
import { DESKTOP, type E2E, expectAccessible, loginViaUi, screenshotBoth, startE2E } from "./support.js";

// Issue 14 #5: a booking station staff make for a family opens no care notes until a caregiver
// confirms it; the family is told at once and confirms on the bookings page.
let e2e: E2E;
let socialWorker: Account;
let staff: Account;
let station: Station;

/** `days` days from today at `hour`:00 in Shanghai, as an ISO instant. */
function dayAt(days: number, hour: number): string {
  const shanghai = new Date(Date.now() + 8 * 3600_000);
  return new Date(
    Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate() + days, hour - 8),
  ).toISOString();
}

async function slotAt(days: number, capacity = 3): Promise<Slot> {
  const res = await e2e.srv.http
    .post("/api/slots")
    .set("Authorization", socialWorker.auth)
    .send({
      stationId: station.id,
      serviceType: "respite",
      startsAt: dayAt(days, 9),
      endsAt: dayAt(days, 12),
      capacity,
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Slot;
}

beforeAll(async () => {
  e2e = await startE2E();
  socialWorker = await buildStaff(e2e.srv, "social_worker", "王社工");
  staff = await buildStaff(e2e.srv, "station_staff", "李老师");
  const st = await e2e.srv.http
    .post("/api/stations")
    .set("Authorization", socialWorker.auth)
    .send({
      name: "幸福街道托管站",
      district: "幸福街道",
      address: "幸福路 8 号",
      phone: "021-55550002",
      disabilityTypes: ["autism"],
      serviceTypes: ["respite"],
    });
  expect(st.status, JSON.stringify(st.body)).toBe(201);
  station = st.body as Station;
  const attach = await e2e.srv.http
    .post(`/api/stations/${station.id}/staff`)
    .set("Authorization", socialWorker.auth)
    .send({ userId: staff.id });
  expect(attach.status, JSON.stringify(attach.body)).toBe(200);
});
afterAll(async () => {
  await e2e?.close();
});

describe("a booking made by station staff for the family", () => {
  it("stays without care notes on the roster until the grandmother confirms it on her phone", async () => {
    const nainai = await buildCaregiver(e2e.srv, { displayName: "豆豆奶奶" });
    const child = await buildChild(e2e.srv, nainai, { nickname: "豆豆" });
    // The family booked a visit here before, so the station may book for it.
    await bookOk(e2e.srv, nainai, (await slotAt(6)).id, child.id);

    const g = await e2e.newUser();
    await loginViaUi(g.page, nainai.email, nainai.password);
    await g.page.goto("/bookings");
    await g.page.getByRole("heading", { level: 1, name: "我的预约" }).waitFor();

    const tomorrow = await slotAt(1);
    await bookOk(e2e.srv, staff, tomorrow.id, child.id);

    // Told at once, without reloading.
    await g.page.getByText("工作人员替豆豆预约了托管，请确认").first().waitFor();
    const item = g.page.locator("li.booking").filter({ hasText: "幸福街道托管站" }).first();
    const notice = item.getByText("幸福街道托管站的工作人员替您预约了这次托管。");
    await notice.waitFor();
    // Not "confirmed" to her until she confirms it.
    await item.getByText("待您确认", { exact: true }).waitFor();
    expect(await item.getByText("已确认", { exact: true }).count()).toBe(0);

    // The station sees the booking as unconfirmed, without the notes or the phone number.
    const s = await e2e.newUser({ viewport: DESKTOP });
    await loginViaUi(s.page, staff.email, staff.password);
    await s.page.goto("/roster");
    const date = new Date(Date.parse(tomorrow.startsAt) + 8 * 3600_000).toISOString().slice(0, 10);
    await s.page.getByLabel("日期").fill(date);
    const entry = s.page.locator("li.roster-item").filter({ hasText: "豆豆" }).first();
    await entry.getByText("待家长确认").waitFor();
    expect(await entry.getByText("已确认", { exact: true }).count()).toBe(0);
    await entry.getByText("这是工作人员代为预约的，家长确认后才显示照护说明。").waitFor();
    expect(await entry.getByText("安静的角落").count()).toBe(0);
    await expectAccessible(s.page, "roster-awaiting-family");
    await screenshotBoth(s.page, "roster-awaiting-family");

    await expectAccessible(g.page, "bookings-on-behalf");
    await screenshotBoth(g.page, "bookings-on-behalf");
    await item.getByRole("button", { name: "确认这次预约" }).click();
    await notice.waitFor({ state: "detached" });
    await item.getByText("已确认", { exact: true }).waitFor();

    await s.page.reload();
    await s.page.getByLabel("日期").fill(date);
    const confirmed = s.page.locator("li.roster-item").filter({ hasText: "豆豆" }).first();
    await confirmed.getByText("安静的角落").waitFor();
    expect(await confirmed.getByText("待家长确认").count()).toBe(0);
  });
});

describe("check-ins around waitlist moments", () => {
  it("the social worker sees a check-in made just before the family joined a waitlist", async () => {
    const mama = await buildCaregiver(e2e.srv, { displayName: "小雨妈妈" });
    const child = await buildChild(e2e.srv, mama, { nickname: "小雨" });
    await assignSocialWorker(e2e.srv, mama.familyId!, socialWorker.id);
    const full = await slotAt(3, 1);
    const other = await buildCaregiver(e2e.srv, { displayName: "别的家长" });
    await bookOk(e2e.srv, other, full.id, (await buildChild(e2e.srv, other, { nickname: "阳阳" })).id);
    const res = await e2e.srv.http.post("/api/checkins").set("Authorization", mama.auth).send({ stress: 5 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await bookOk(e2e.srv, mama, full.id, child.id, true);

    const { page } = await e2e.newUser();
    await loginViaUi(page, socialWorker.email, socialWorker.password);
    await page.goto(`/families/${mama.familyId}`);
    const history = page.getByRole("list", { name: "最近的打卡" });
    await history.getByText("加入候补前 1 小时内打卡").waitFor();
    await expectAccessible(page, "family-checkin-before-waitlist");
    await screenshotBoth(page, "family-checkin-before-waitlist");
  });
});
