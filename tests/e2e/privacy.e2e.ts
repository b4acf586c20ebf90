import { readFileSync } from "node:fs";
import { DataExportSchema } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCaregiver, buildChild, joinFamily } from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshotBoth, startE2E } from "./support.js";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("settings: my data", () => {
  it("a caregiver downloads their data, is told what deletion means, and deletes the account with the password", async () => {
    const mum = await buildCaregiver(e2e.srv, { displayName: "小宇妈妈" });
    await buildChild(e2e.srv, mum, { nickname: "小宇", careNotes: { calming: "抱着蓝色毯子" } });
    const { page } = await e2e.newUser();
    await loginViaUi(page, mum.email, mum.password);
    await page.goto("/settings");
    await page.getByRole("heading", { level: 2, name: "下载我的数据" }).waitFor();
    await expectAccessible(page, "settings");

    // Download: a JSON file with the family's record.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载我的全部数据（一个文件）" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^carecircle-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = DataExportSchema.parse(JSON.parse(readFileSync((await download.path())!, "utf8")));
    expect(data.account.email).toBe(mum.email);
    expect(data.children.map((c) => c.careNotes)).toEqual([{ calming: "抱着蓝色毯子" }]);
    await page.getByText("数据文件已下载。").waitFor();

    // The dialog explains the rule with this family's numbers before asking for anything.
    await page.getByRole("button", { name: "注销账号…" }).click();
    const dialog = page.getByRole("dialog", { name: "确定要永久注销账号吗？" });
    await dialog.getByText("您是家里最后一位照护者").waitFor();
    await expect.poll(() => dialog.getByText("1 个孩子").count()).toBe(1);
    await expectAccessible(page, "settings-delete-dialog");
    await screenshotBoth(page, "settings-delete");
    const confirm = dialog.getByRole("button", { name: "永久注销我的账号" });
    expect(await confirm.isDisabled()).toBe(true);

    // A wrong password deletes nothing and says so.
    await dialog.getByLabel("请输入密码确认").fill("not-my-password-1");
    await dialog.getByRole("checkbox", { name: "我明白注销后无法恢复" }).check();
    await confirm.click();
    await dialog.getByText("密码不正确，没有删除任何内容。").waitFor();
    expect((await e2e.srv.http.get("/api/me").set("Authorization", mum.auth)).status).toBe(200);

    await dialog.getByLabel("请输入密码确认").fill(mum.password);
    await confirm.click();
    await page.waitForURL("**/login");
    await page.getByText("您的账号已注销").waitFor();
    expect((await e2e.srv.http.get("/api/me").set("Authorization", mum.auth)).status).toBe(401);
  });

  it("a grandmother who leaves is told the family and children stay with the mother", async () => {
    const mum = await buildCaregiver(e2e.srv, { displayName: "朵朵妈妈" });
    await buildChild(e2e.srv, mum, { nickname: "朵朵" });
    const grandma = await joinFamily(e2e.srv, mum, { displayName: "朵朵奶奶" });
    const { page } = await e2e.newUser();
    await loginViaUi(page, grandma.email, grandma.password);
    await page.goto("/settings");
    await page.getByRole("button", { name: "注销账号…" }).click();
    const dialog = page.getByRole("dialog", { name: "确定要永久注销账号吗？" });
    await dialog.getByText("朵朵妈妈 仍在照顾您的家庭").waitFor();
    expect(await dialog.getByText("您是家里最后一位照护者").count()).toBe(0);
    await dialog.getByRole("button", { name: "关闭" }).click();
    expect(await dialog.isVisible()).toBe(false);
  });
});
