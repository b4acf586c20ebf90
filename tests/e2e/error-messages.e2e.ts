import type { Slot, Station } from "@carecircle/shared";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, buildCaregiver, buildChild, buildStaff } from "../factories/accounts.js";
import { bookOk, buildSlot, buildStation } from "../factories/booking.js";
import { buildGroup, joinGroup } from "../factories/chat.js";
import {
  type E2E,
  expectAccessible,
  loginViaUi,
  PASSWORD,
  screenshot,
  startE2E,
  uniqueEmail,
} from "./support.js";

// Each refusal a new user met with a generic sentence (issue 15) now says what to fix, next to the
// field it is about (decision 093). Every case runs at phone width.

let e2e: E2E;
let staff: Account;
let station: Station;
let slot: Slot;

/** Tomorrow at `hour` in Shanghai, as an ISO instant. */
function tomorrowAt(hour: number): string {
  const shanghai = new Date(Date.now() + 8 * 3600_000);
  return new Date(
    Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate() + 1, hour - 8),
  ).toISOString();
}

/** The error text tied to the control labelled `label` (aria-describedby), once it shows. */
async function fieldError(page: Page, scope: Page | Locator, label: string, text: string): Promise<void> {
  const control = scope.getByLabel(label, { exact: true });
  await scope.getByText(text).first().waitFor();
  expect(await control.getAttribute("aria-invalid"), `${label} is marked invalid`).toBe("true");
  const errId = ((await control.getAttribute("aria-describedby")) ?? "")
    .split(" ")
    .find((id) => id.endsWith("-err"));
  expect(errId, `${label} has an error tied to it`).toBeTruthy();
  expect(await page.locator(`[id="${errId}"]`).textContent()).toBe(text);
}

/** Fill the registration form (phone width) and send it. */
async function register(page: Page, v: { email: string; password: string; inviteCode?: string }) {
  await page.goto("/register");
  await page.getByLabel("显示的名字").fill("新来的妈妈");
  await page.getByLabel("电子邮箱").fill(v.email);
  await page.getByLabel("密码").fill(v.password);
  if (v.inviteCode) await page.getByLabel("家庭邀请码（可不填）").fill(v.inviteCode);
  await page.getByRole("button", { name: "注册" }).click();
}

beforeAll(async () => {
  e2e = await startE2E();
  staff = await buildStaff(e2e.srv, "station_staff", "李老师");
  station = await buildStation(e2e.srv, { name: "阳光街道保护站" }, { staff: [staff] });
  ({ slot } = await buildSlot(e2e.srv, {
    station,
    startsAt: tomorrowAt(9),
    endsAt: tomorrowAt(12),
    capacity: 2,
  }));
});
afterAll(async () => {
  await e2e?.close();
});

describe("error messages say what to fix", () => {
  it("registration: a taken email, a wrong invite code, a too short and a too common password", async () => {
    const existing = await buildCaregiver(e2e.srv, { displayName: "老用户" });
    const { page } = await e2e.newUser();

    await register(page, { email: existing.email, password: "another-long-password-7" });
    await fieldError(
      page,
      page,
      "电子邮箱（可不填）",
      "如果这个手机号或邮箱已经注册过，请直接用原来的密码登录（忘记密码请找您的社工要一个重设码）。",
    );
    await page.getByText("有几项需要修改，请看标红的提示。").waitFor();

    await register(page, { email: uniqueEmail("code"), password: PASSWORD, inviteCode: "ZZZZ9999" });
    await fieldError(page, page, "家庭邀请码（可不填）", "邀请码不对或已过期，请向家人要一个新的");

    await register(page, { email: uniqueEmail("short"), password: "short" });
    await fieldError(page, page, "密码", "至少需要 10 个字符");

    await register(page, { email: uniqueEmail("common"), password: "password123" });
    await fieldError(page, page, "密码", "这个密码太常见，很容易被猜到，请换一个不常见的密码");
    await expectAccessible(page, "register-common-password");
    await screenshot(page, "error-register-common-password");
  });

  it("a new slot: the end before the start, a date in the past, no seats; a capacity below the seats taken", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, staff.email, staff.password);
    await page.goto("/slots");
    const form = page.getByRole("form", { name: "添加一个时段" });
    await form.waitFor();

    await form.getByLabel("开始时间").fill("14:00");
    await form.getByLabel("结束时间").fill("13:00");
    await form.getByRole("button", { name: "添加时段" }).click();
    await fieldError(page, form, "结束时间", "结束时间要晚于开始时间");

    await form.getByLabel("结束时间").fill("16:00");
    await form.getByLabel("名额").fill("0");
    await form.getByRole("button", { name: "添加时段" }).click();
    await fieldError(page, form, "名额", "不能小于 1");

    await form.getByLabel("名额").fill("3");
    await form.getByLabel("日期").fill("2024-01-02");
    await form.getByRole("button", { name: "添加时段" }).click();
    await fieldError(page, form, "开始时间", "开始时间已经过去了，请选一个以后的日期或时间");
    await form.getByText("有几项需要修改，请看标红的提示。").waitFor();
    await expectAccessible(page, "slot-form-errors");
    await screenshot(page, "error-slot-form");

    // two seats of the existing slot are taken: it cannot go down to one
    for (const name of ["小宇", "朵朵"]) {
      const cg = await buildCaregiver(e2e.srv);
      const child = await buildChild(e2e.srv, cg, { nickname: name, disabilityTypes: ["autism"] });
      await bookOk(e2e.srv, cg, slot.id, child.id);
    }
    await page.reload();
    const row = page.locator("li.list-item").filter({ hasText: "已约 2 / 2" }).first();
    await row.getByLabel("名额").fill("1");
    await row.getByRole("button", { name: "保存名额" }).click();
    await fieldError(page, row, "名额", "已经有 2 个名额被约了，名额不能少于 2（或先取消一些预约）");
  });

  it("the roster: a no-show marked before the slot started", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, staff.email, staff.password);
    await page.goto("/roster");
    await page.getByRole("heading", { level: 1, name: "今日名单" }).waitFor();
    await page.getByLabel("日期").fill(tomorrowAt(12).slice(0, 10));
    const entry = page.locator("li.roster-item").filter({ hasText: "小宇" }).first();
    await entry.getByRole("button", { name: "小宇 没来" }).click();
    await entry.getByRole("alert").getByText("这个时段还没开始。时段开始后才能记为未到。").waitFor();
    await expectAccessible(page, "roster-no-show-too-early");
  });

  it("the chat: a message over 2,000 characters", async () => {
    const { group } = await buildGroup(e2e.srv, { name: "孤独症家长互助" });
    const cg = await buildCaregiver(e2e.srv, { displayName: "乐乐爸爸" });
    await joinGroup(e2e.srv, cg, group.id);
    const { page } = await e2e.newUser();
    await loginViaUi(page, cg.email, cg.password);
    await page.goto(`/groups/${group.id}`);
    await page.getByLabel("写消息").fill("好".repeat(2001));
    await page.getByRole("button", { name: "发送" }).click();
    await fieldError(page, page, "写消息", "最多 2000 个字符");
    await expectAccessible(page, "chat-message-too-long");
  });
});
