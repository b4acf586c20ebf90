import type { CrisisHelp } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, buildAdmin, buildStaff } from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshotBoth, startE2E } from "./support.js";

let e2e: E2E;
let admin: Account;
let socialWorker: Account;

beforeAll(async () => {
  e2e = await startE2E();
  admin = await buildAdmin(e2e.srv);
  socialWorker = await buildStaff(e2e.srv, "social_worker", "王社工");
});
afterAll(async () => {
  await e2e?.close();
});

async function crisisHelp(account: Account): Promise<CrisisHelp> {
  const res = await e2e.srv.http.get("/api/moderation/crisis-help").set("Authorization", account.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as CrisisHelp;
}

describe("admin tools in the browser", () => {
  it("an admin sets the crisis help text per locale; a social worker reads it but cannot edit", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, admin.email, admin.password);
    await page.goto("/crisis-help");
    await page.getByRole("heading", { level: 1, name: "危机求助信息" }).waitFor();
    const zh = page.getByLabel("中文求助信息");
    const en = page.getByLabel("英文求助信息");
    await zh.waitFor();
    await expectAccessible(page, "crisis-help");

    // an emptied field is refused in plain words before anything is sent
    await zh.fill("");
    await en.fill("");
    await page.getByRole("button", { name: "保存求助信息" }).click();
    await page.getByText("请填写").first().waitFor();

    const zhText = "心理援助热线 400-161-9995（24小时）。你并不孤单。";
    const enText = "Psychological support hotline 400-161-9995 (24 hours). You are not alone.";
    await zh.fill(zhText);
    await en.fill(enText);
    await page.getByRole("button", { name: "保存求助信息" }).click();
    await page.getByRole("status").filter({ hasText: "求助信息已保存。" }).waitFor();
    expect(await crisisHelp(admin)).toEqual({ "zh-CN": zhText, en: enText });
    await expectAccessible(page, "crisis-help saved");
    await screenshotBoth(page, "crisis-help");

    // the social worker sees the text, without a form
    const sw = await e2e.newUser();
    await loginViaUi(sw.page, socialWorker.email, socialWorker.password);
    await sw.page.goto("/crisis-help");
    await sw.page.getByText("只有管理员可以修改这段文字。").waitFor();
    await sw.page.getByText(zhText).waitFor();
    expect(await sw.page.getByRole("button", { name: "保存求助信息" }).count()).toBe(0);
    await expectAccessible(sw.page, "crisis-help read-only");
  });
});
