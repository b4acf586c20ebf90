import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCaregiver, buildChild, buildStaff, joinFamily } from "../factories/index.js";
import {
  type E2E,
  expectAccessible,
  loginViaUi,
  registerViaUi,
  screenshotBoth,
  startE2E,
} from "./support.js";

/** Issue 14 #1 in the browser: asking to join, approving, a new code, removing a caregiver. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("family membership", () => {
  it("a relative asks with the code, waits, is approved; a new code replaces the old; a caregiver is removed", async () => {
    const mum = await buildCaregiver(e2e.srv, { displayName: "乐乐妈妈" });
    await buildChild(e2e.srv, mum, { nickname: "乐乐" });
    const dad = await joinFamily(e2e.srv, mum, { displayName: "乐乐爸爸" });
    const mumUi = await e2e.newUser();
    await loginViaUi(mumUi.page, mum.email, mum.password);
    await mumUi.page.goto("/family");
    await mumUi.page.getByRole("button", { name: "生成新的邀请码" }).click();
    const code = mumUi.page.getByTestId("invite-code");
    await code.waitFor();
    const first = (await code.textContent())?.trim() ?? "";
    expect(first).toMatch(/^[A-Z0-9]{8}$/);

    // The relative registers with the code and only waits.
    const grandma = await e2e.newUser();
    await registerViaUi(grandma.page, { displayName: "乐乐奶奶", inviteCode: first });
    await grandma.page.getByTestId("join-waiting").waitFor();
    expect(await grandma.page.getByText("乐乐", { exact: true }).count()).toBe(0);
    await expectAccessible(grandma.page, "join-waiting");
    await screenshotBoth(grandma.page, "join-waiting");

    // Mum sees the request (the used code is gone), and makes a new code.
    await mumUi.page.reload();
    await mumUi.page.getByRole("heading", { name: "申请加入家庭" }).waitFor();
    await mumUi.page.getByText("现在没有可用的邀请码").waitFor();
    await expectAccessible(mumUi.page, "join-requests");
    await screenshotBoth(mumUi.page, "join-requests");
    await mumUi.page.getByRole("button", { name: "同意 乐乐奶奶 加入" }).click();
    await mumUi.page.getByRole("main").getByText("乐乐奶奶", { exact: true }).waitFor();
    await mumUi.page.getByRole("button", { name: "生成新的邀请码" }).click();
    await expect.poll(async () => (await code.textContent())?.trim()).toMatch(/^[A-Z0-9]{8}$/);

    await grandma.page.goto("/children");
    await grandma.page.getByRole("heading", { level: 2, name: "乐乐" }).waitFor();
    expect(await grandma.page.getByTestId("join-waiting").count()).toBe(0);

    // Mum removes dad after confirming.
    await mumUi.page.getByRole("button", { name: "移出 乐乐爸爸" }).click();
    const dialog = mumUi.page.getByRole("dialog", { name: "确定要把这位照顾者移出家庭吗？" });
    await dialog.waitFor();
    await expectAccessible(mumUi.page, "remove-caregiver");
    await screenshotBoth(mumUi.page, "remove-caregiver");
    await dialog.getByRole("button", { name: "移出家庭" }).click();
    await expect
      .poll(() => mumUi.page.getByRole("main").getByText("乐乐爸爸", { exact: true }).count())
      .toBe(0);
    const gone = await e2e.srv.http.get("/api/children").set("Authorization", dad.auth);
    expect(gone.body.children).toEqual([]);
  });

  it("a name that copies a staff member's is refused at the field, in the user's language", async () => {
    await buildStaff(e2e.srv, "social_worker", "陈社工");
    const { page } = await e2e.newUser();
    await page.goto("/register");
    await page.getByLabel("显示的名字").fill("陳社工");
    await page.getByLabel("电子邮箱").fill(`staffname-${Date.now()}@test.carecircle`);
    await page.getByLabel("密码").fill("correct-horse-battery-9");
    await page.getByRole("button", { name: "注册" }).click();
    await page.getByText("这个名字和工作人员的名字一样，请换一个").waitFor();
    await expectAccessible(page, "register-staff-name");
    await screenshotBoth(page, "register-staff-name");
  });
});
