import { fileURLToPath } from "node:url";
import type { WatchedWord } from "@carecircle/shared";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, buildStaff } from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

let e2e: E2E;
let socialWorker: Account;

beforeAll(async () => {
  e2e = await startE2E();
  socialWorker = await buildStaff(e2e.srv, "social_worker", "李社工");
});
afterAll(async () => {
  await e2e?.close();
});

/** The top of a long page (the full list of watched words is thousands of pixels tall). */
async function screenshotTop(page: Page, name: string, height = 1400): Promise<void> {
  await screenshot(page, name);
  const file = fileURLToPath(new URL(`./screenshots/${name}-top-360.png`, import.meta.url));
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 360, height } });
}

async function words(): Promise<WatchedWord[]> {
  const res = await e2e.srv.http.get("/api/moderation/watched-words").set("Authorization", socialWorker.auth);
  return res.body.words as WatchedWord[];
}

describe("crisis detection in the browser", () => {
  it("the test page explains a disguised match and an exception; a new crisis entry gets a tier and variants", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, socialWorker.email, socialWorker.password);
    await page.goto("/words");
    await page.getByRole("heading", { level: 1, name: "关注词" }).waitFor();

    await page.getByLabel("要测试的文字").fill("我想自殺，wo xiang si");
    await page.getByRole("button", { name: "测试", exact: true }).click();
    const verdict = page.getByRole("status").filter({ hasText: "处理方式：危机提醒" });
    await verdict.waitFor();
    await verdict.getByText("紧急程度：意图").waitFor();
    await verdict.getByText("我想自杀,wo xiang si").waitFor();
    await verdict.getByText("通过繁体字匹配：“自杀”").waitFor();
    await verdict.getByText("通过拼音匹配：“xiang si”").waitFor();
    await screenshotTop(page, "safety-detect-test");
    await expectAccessible(page, "words test");

    await page.getByLabel("要测试的文字").fill("跳楼价！纸尿裤清仓");
    await page.getByRole("button", { name: "测试", exact: true }).click();
    await page.getByText("“跳楼”因例外词“跳楼价”未触发").waitFor();
    await page.getByText("没有匹配任何关注词。").waitFor();

    await page.getByLabel("词或短语").fill("不想醒来");
    await page.getByLabel("处理方式").selectOption("crisis");
    await page.getByLabel("紧急程度").selectOption("distress");
    await page.getByLabel("谐音/俚语写法").fill("不想醒過來、不想再醒");
    await page.getByRole("button", { name: "添加关注词" }).last().click();
    await page.getByLabel("查找关注词").fill("醒");
    await page.getByRole("list", { name: "关注词（1 个）" }).getByText("不想醒来", { exact: true }).waitFor();
    const added = (await words()).find((w) => w.phrase === "不想醒来");
    expect(added).toMatchObject({ action: "crisis", tier: "distress", variants: ["不想醒過來", "不想再醒"] });

    await page.locator("li", { hasText: "不想醒過來" }).screenshot({
      path: fileURLToPath(new URL("./screenshots/safety-detect-item-360.png", import.meta.url)),
    });

    // edit: turn it into a plain flag (the tier goes away)
    await page.getByRole("button", { name: "编辑“不想醒来”" }).click();
    const dialog = page.getByRole("dialog", { name: "编辑关注词" });
    await dialog.getByLabel("处理方式").selectOption("flag");
    await dialog.screenshot({
      path: fileURLToPath(new URL("./screenshots/safety-detect-edit-360.png", import.meta.url)),
    });
    expect(await dialog.getByLabel("紧急程度").count()).toBe(0);
    await expectAccessible(page, "words edit");
    await dialog.getByRole("button", { name: "保存", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    expect((await words()).find((w) => w.phrase === "不想醒来")).toMatchObject({
      action: "flag",
      tier: null,
    });
    await screenshot(page, "safety-detect-list");
  });
});
