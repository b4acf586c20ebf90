import type { Slot, Station } from "@carecircle/shared";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type Account,
  bookOk,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  makeRemindersDue,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

/*
 * Issue 16 §4 in a phone-width browser: staff cancel a slot with a reason in a dialog (not a
 * native prompt); the family reads which slot, where and why, sees its reminder, and finds the
 * booking listed as cancelled rather than under past bookings.
 */

let e2e: E2E;
let staff: Account;
let station: Station;
let slot: Slot;

/** 09:00 Shanghai time two days from now. */
function inTwoDaysAt9(): string {
  const shanghai = new Date(Date.now() + 8 * 3600_000);
  return new Date(
    Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate() + 2, 1),
  ).toISOString();
}

beforeAll(async () => {
  e2e = await startE2E();
  staff = await buildStaff(e2e.srv, "station_staff", "李老师");
  station = await buildStation(
    e2e.srv,
    { name: "阳光街道保护站", serviceTypes: ["respite"] },
    { staff: [staff] },
  );
  const startsAt = inTwoDaysAt9();
  const endsAt = new Date(Date.parse(startsAt) + 3 * 3600_000).toISOString();
  slot = (await buildSlot(e2e.srv, { station, startsAt, endsAt, capacity: 4 })).slot;
});
afterAll(async () => {
  await e2e?.close();
});

it("staff cancel a slot with a reason; the family reads the reminder and the notice and sees the booking cancelled", async () => {
  const { caregiver, child } = await buildFamily(e2e.srv, { nickname: "乐乐" });
  const booking = await bookOk(e2e.srv, caregiver, slot.id, child.id);
  await makeRemindersDue(e2e.srv, [booking.id], "evening");
  expect(await e2e.srv.cc.services.reminders.runDue()).toBe(1);

  const s = await e2e.newUser();
  await loginViaUi(s.page, staff.email, staff.password);
  await s.page.goto("/slots");
  await s.page.getByRole("button", { name: "取消时段" }).first().click();
  const dialog = s.page.getByRole("dialog", { name: "取消这个时段" });
  await expect(dialog.isVisible()).resolves.toBe(true);
  await dialog.getByRole("button", { name: "取消时段并通知家庭" }).click();
  await dialog.getByText("请填写这一项").waitFor();
  await dialog.getByLabel("取消原因（已预约的家庭都会看到）").fill("暖气坏了，非常抱歉");
  await expectAccessible(s.page, "cancel slot dialog");
  await screenshot(s.page, "slot-cancel-dialog");
  await dialog.getByRole("button", { name: "取消时段并通知家庭" }).click();
  await dialog.waitFor({ state: "hidden" });
  const after = await e2e.srv.http.get(`/api/slots/${slot.id}`).set("Authorization", staff.auth);
  expect(after.body).toMatchObject({ cancelled: true, cancelReason: "暖气坏了，非常抱歉" });

  const c = await e2e.newUser();
  await loginViaUi(c.page, caregiver.email, caregiver.password);
  await c.page.goto("/notifications");
  await c.page.getByText("暖气坏了，非常抱歉").waitFor();
  const notice = await c.page
    .getByText(/阳光街道保护站取消了/)
    .first()
    .textContent();
  expect(notice).toMatch(
    /阳光街道保护站取消了.*09:00的时段，乐乐的预约也一起取消了。原因：暖气坏了，非常抱歉/,
  );
  await c.page.getByText(/提醒：乐乐明天在阳光街道保护站有预约/).waitFor();
  await expectAccessible(c.page, "notifications with reminder and cancellation");
  await screenshot(c.page, "reminder-and-cancel-notices");

  await c.page.goto("/bookings");
  const cancelled = c.page.getByRole("region", { name: "已取消的预约" });
  await cancelled.getByText("乐乐").waitFor();
  await expect(c.page.getByRole("region", { name: "以前的预约" }).getByText("乐乐").count()).resolves.toBe(0);
  await expectAccessible(c.page, "bookings with a cancelled future booking");
  await screenshot(c.page, "bookings-cancelled-ahead");
});
