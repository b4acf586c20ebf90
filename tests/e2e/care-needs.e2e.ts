import type { Slot, Station } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, buildCaregiver, buildChild, buildStaff } from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

let e2e: E2E;
let socialWorker: Account;
let staff: Account;
let station: Station;
let slot: Slot;

/** Tomorrow at `hour`:00 in Shanghai, as an ISO instant. */
function tomorrowAt(hour: number): string {
  const shanghai = new Date(Date.now() + 8 * 3600_000);
  return new Date(
    Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate() + 1, hour - 8),
  ).toISOString();
}

beforeAll(async () => {
  e2e = await startE2E();
  socialWorker = await buildStaff(e2e.srv, "social_worker", "王社工");
  staff = await buildStaff(e2e.srv, "station_staff", "李护士");
  const st = await e2e.srv.http
    .post("/api/stations")
    .set("Authorization", socialWorker.auth)
    .send({
      name: "阳光街道康复站",
      district: "阳光街道",
      address: "阳光路 12 号一楼",
      phone: "021-55550001",
      disabilityTypes: ["autism", "intellectual", "cerebral_palsy"],
      serviceTypes: ["respite"],
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
      capacity: 4,
    });
  expect(sl.status, JSON.stringify(sl.body)).toBe(201);
  slot = sl.body as Slot;
});
afterAll(async () => {
  await e2e?.close();
});

describe("care needs in the browser", () => {
  it("a child needing tube feeding cannot be booked until a qualified nurse is on shift", async () => {
    const nainai = await buildCaregiver(e2e.srv, { displayName: "豆豆奶奶" });
    const child = await buildChild(e2e.srv, nainai, {
      nickname: "豆豆",
      disabilityTypes: ["cerebral_palsy"],
    });
    const { page } = await e2e.newUser();
    await loginViaUi(page, nainai.email, nainai.password);

    // The grandmother ticks tube feeding on her grandson's profile and says how.
    await page.goto(`/children/${child.id}`);
    await page.getByRole("heading", { name: "特殊照护需要" }).waitFor();
    await page.getByRole("checkbox", { name: "鼻饲/管饲" }).check();
    await page.getByLabel("鼻饲/管饲：具体怎么做").fill("每天11点喂一次，流食温热，喂完坐直半小时");
    await page.getByRole("button", { name: "保存照护需要" }).click();
    await page.getByText("照护需要已保存。").waitFor();
    await expectAccessible(page, "child-care-needs");
    await screenshot(page, "child-care-needs");

    // Nobody qualified is on shift: the slot says why and offers no booking.
    // (a session the child cannot book is behind "show all", with its reason)
    await page.goto("/book");
    await page.locator(`[data-date="${slot.localDate}"]`).click();
    await page.getByRole("button", { name: /显示全部/ }).click();
    const card = page.getByRole("listitem").filter({ hasText: "阳光街道康复站" }).first();
    await card.getByText("没有能照顾孩子特殊需要的老师值班").waitFor();
    expect(await card.getByRole("button", { name: "预约这个时段" }).count()).toBe(0);
    await expectAccessible(page, "book-needs-unmet");
    await screenshot(page, "book-needs-unmet");

    // The social worker records the nurse's tube-feeding certificate and puts her on shift.
    const sw = (await e2e.newUser()).page;
    await loginViaUi(sw, socialWorker.email, socialWorker.password);
    await sw.goto(`/stations/${station.id}/staffing`);
    await sw.getByRole("heading", { level: 1, name: "值班与资质" }).waitFor();
    await sw.getByText("还没有值班安排：有特殊照护需要的孩子暂时无法预约。").waitFor();
    await sw.getByRole("button", { name: "为李护士添加资质" }).click();
    const qualification = sw.getByRole("form", { name: "为李护士添加资质" });
    await qualification.getByLabel("照护需要").selectOption("tube_feeding");
    await qualification.getByLabel("有效期至").fill("2099-12-31");
    await qualification.getByRole("button", { name: "添加资质" }).click();
    await sw.getByText("鼻饲/管饲，有效期至 2099-12-31").waitFor();
    const weekday = new Date(`${slot.localDate}T00:00:00Z`).getUTCDay() || 7;
    await sw.getByRole("button", { name: "添加每周值班" }).click();
    const shift = sw.getByRole("form", { name: "添加每周值班" });
    await shift.getByLabel("星期").selectOption(String(weekday));
    await shift.getByRole("button", { name: "添加每周值班" }).click();
    await sw.getByText("08:00–17:00：李护士").waitFor();
    await expectAccessible(sw, "station-staffing");
    await screenshot(sw, "station-staffing");

    await page.reload();
    await page.locator(`[data-date="${slot.localDate}"]`).click();
    const again = page.getByRole("listitem").filter({ hasText: "阳光街道康复站" }).first();
    await again.getByRole("button", { name: "预约这个时段" }).click();
    await page.getByRole("button", { name: "确认预约" }).click();
    await page.getByRole("heading", { name: "预约成功！" }).waitFor();
    await screenshot(page, "book-needs-met");
    const booked = await e2e.srv.http.get("/api/bookings").set("Authorization", nainai.auth);
    expect(booked.body.bookings.map((b: { status: string }) => b.status)).toEqual(["confirmed"]);

    // On the roster the nurse sees the need first, how to do it, and who on shift is trained for it.
    const nurse = (await e2e.newUser()).page;
    await loginViaUi(nurse, staff.email, staff.password);
    await nurse.goto("/roster");
    await nurse.getByLabel("日期").fill(slot.localDate);
    const needs = nurse.getByRole("region", { name: "特殊照护需要" });
    await needs.getByText("鼻饲/管饲").waitFor();
    await needs.getByText("每天11点喂一次，流食温热，喂完坐直半小时").waitFor();
    await needs.getByText("今天在班、受过训练的：李护士").waitFor();
    await expectAccessible(nurse, "roster-care-needs");
    await screenshot(nurse, "roster-care-needs");
  });
});
