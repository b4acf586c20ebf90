import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCaregiver, buildStaff } from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshotBoth, startE2E } from "./support.js";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("settings: notifications on this phone", () => {
  it("a grandmother turns off mention pushes and sets quiet hours; the server keeps them", async () => {
    const grandma = await buildCaregiver(e2e.srv, { displayName: "王奶奶" });
    const { page } = await e2e.newUser();
    await loginViaUi(page, grandma.email, grandma.password);
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "手机通知" });
    await section.getByRole("button", { name: "在这部手机上开启通知" }).waitFor();
    // Staff-only kinds are not offered to a caregiver.
    expect(await section.getByRole("checkbox", { name: "我的群里有新的举报" }).count()).toBe(0);

    await section.getByRole("checkbox", { name: "有人提到我或回复我" }).uncheck();
    await section.getByRole("checkbox", { name: "免打扰时段（夜里不通知）" }).check();
    await section.getByLabel("开始").fill("21:30");
    await section.getByLabel("结束").fill("06:30");
    await expectAccessible(page, "settings-push");
    await screenshotBoth(page, "settings-push");
    await section.getByRole("button", { name: "保存" }).click();
    await section.getByText("已保存").waitFor();

    const saved = await e2e.srv.http.get("/api/push/preferences").set("Authorization", grandma.auth);
    expect(saved.body.kinds).toMatchObject({ mentions: false, direct: true, reminders: true });
    expect(saved.body.quietHours).toEqual({ start: "21:30", end: "06:30" });
  });

  it("a social worker can also choose alerts and reports", async () => {
    const sw = await buildStaff(e2e.srv, "social_worker", "李社工");
    const { page } = await e2e.newUser();
    await loginViaUi(page, sw.email, sw.password);
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "手机通知" });
    await section.getByRole("checkbox", { name: "危机和压力提醒，以及提醒升级" }).waitFor();
    expect(await section.getByRole("checkbox", { name: "我的群里有新的举报" }).count()).toBe(1);
  });

  it("reads the same in English at phone width", async () => {
    const mum = await buildCaregiver(e2e.srv, { displayName: "Leo's grandma", locale: "en" });
    const { page } = await e2e.newUser({ locale: "en" });
    await loginViaUi(page, mum.email, mum.password);
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Notifications on this phone" });
    await section.getByRole("button", { name: "Turn on notifications for this phone" }).waitFor();
    await section.getByRole("checkbox", { name: "Quiet hours (no notifications at night)" }).check();
    await section.getByLabel("From", { exact: true }).fill("21:30");
    await section.getByLabel("Until", { exact: true }).fill("06:30");
    await expectAccessible(page, "settings-push-en");
    await screenshotBoth(page, "settings-push-en");
  });
});
