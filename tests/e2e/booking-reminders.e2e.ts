import { afterAll, beforeAll, expect, it } from "vitest";
import {
  bookOk,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  makeRemindersDue,
  setLocale,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

/*
 * Issue 16 §4 in a phone-width browser: staff cancel a slot with a reason in a dialog (not a
 * native prompt); the family reads which slot, where and why, sees its reminder, and finds the
 * booking listed as cancelled rather than under past bookings. Once in zh-CN, once in en.
 */

let e2e: E2E;

/** 09:00 Shanghai time two days from now. */
function inTwoDaysAt9(): string {
  const shanghai = new Date(Date.now() + 8 * 3600_000);
  return new Date(
    Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate() + 2, 1),
  ).toISOString();
}

/** What each language run types, clicks and expects to read. */
const RUNS = [
  {
    locale: "zh-CN",
    suffix: "",
    station: "阳光街道保护站",
    reason: "暖气坏了，非常抱歉",
    cancel: "取消时段",
    dialog: "取消这个时段",
    confirm: "取消时段并通知家庭",
    required: "请填写这一项",
    reasonLabel: "取消原因（已预约的家庭都会看到）",
    notice: /阳光街道保护站取消了.*09:00的时段，乐乐的预约也一起取消了。原因：暖气坏了，非常抱歉/,
    reminder: /提醒：乐乐明天在阳光街道保护站有预约/,
    cancelled: "已取消的预约",
    past: "以前的预约",
  },
  {
    locale: "en",
    suffix: "-en",
    station: "Sunshine Street Station",
    reason: "The heating is broken, we are very sorry",
    cancel: "Cancel slot",
    dialog: "Cancel this slot",
    confirm: "Cancel the slot and tell the families",
    required: "Please fill this in",
    reasonLabel: "Reason (every booked family reads it)",
    notice:
      /Sunshine Street Station cancelled the session on .*09:00, so 乐乐's booking is cancelled\. Reason: The heating is broken/,
    reminder: /Reminder: 乐乐 has a booking at Sunshine Street Station tomorrow/,
    cancelled: "Cancelled",
    past: "Past bookings",
  },
] as const;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

for (const run of RUNS) {
  it(`staff cancel a slot with a reason; the family reads the reminder and the notice and sees the booking cancelled (${run.locale})`, async () => {
    const staff = await buildStaff(e2e.srv, "station_staff", "李老师");
    await setLocale(e2e.srv, staff, run.locale);
    const station = await buildStation(
      e2e.srv,
      { name: run.station, serviceTypes: ["respite"] },
      { staff: [staff] },
    );
    const startsAt = inTwoDaysAt9();
    const endsAt = new Date(Date.parse(startsAt) + 3 * 3600_000).toISOString();
    const { slot } = await buildSlot(e2e.srv, { station, startsAt, endsAt, capacity: 4 });
    const { caregiver, child } = await buildFamily(e2e.srv, { nickname: "乐乐" });
    await setLocale(e2e.srv, caregiver, run.locale);
    const booking = await bookOk(e2e.srv, caregiver, slot.id, child.id);
    await makeRemindersDue(e2e.srv, [booking.id], "evening");
    expect(await e2e.srv.cc.services.reminders.runDue()).toBe(1);

    const s = await e2e.newUser({ locale: run.locale });
    await loginViaUi(s.page, staff.email, staff.password);
    await s.page.goto("/slots");
    const dialog = s.page.getByRole("dialog", { name: run.dialog });
    // the slot list may still be redrawing as its data arrives: tap again until the dialog is open
    await expect
      .poll(async () => {
        if (!(await dialog.isVisible()))
          await s.page.getByRole("button", { name: run.cancel }).first().click();
        return dialog.isVisible();
      })
      .toBe(true);
    await dialog.getByRole("button", { name: run.confirm }).click();
    await dialog.getByText(run.required).waitFor();
    await dialog.getByLabel(run.reasonLabel).fill(run.reason);
    await expectAccessible(s.page, `cancel slot dialog${run.suffix}`);
    await screenshot(s.page, `slot-cancel-dialog${run.suffix}`);
    await dialog.getByRole("button", { name: run.confirm }).click();
    await dialog.waitFor({ state: "hidden" });
    const after = await e2e.srv.http.get(`/api/slots/${slot.id}`).set("Authorization", staff.auth);
    expect(after.body).toMatchObject({ cancelled: true, cancelReason: run.reason });

    const c = await e2e.newUser({ locale: run.locale });
    await loginViaUi(c.page, caregiver.email, caregiver.password);
    await c.page.goto("/notifications");
    await c.page.getByText(run.reason).waitFor();
    const notice = await c.page.getByText(run.notice).first().textContent();
    expect(notice).toMatch(run.notice);
    await c.page.getByText(run.reminder).waitFor();
    await expectAccessible(c.page, `notifications with reminder and cancellation${run.suffix}`);
    await screenshot(c.page, `reminder-and-cancel-notices${run.suffix}`);

    await c.page.goto("/bookings");
    const cancelled = c.page.getByRole("region", { name: run.cancelled });
    await cancelled.getByText("乐乐").waitFor();
    await expect(c.page.getByRole("region", { name: run.past }).getByText("乐乐").count()).resolves.toBe(0);
    await expectAccessible(c.page, `bookings with a cancelled future booking${run.suffix}`);
    await screenshot(c.page, `bookings-cancelled-ahead${run.suffix}`);
  });
}
