import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAdmin } from "../factories/index.js";
import {
  DESKTOP,
  type E2E,
  expectAccessible,
  loginViaUi,
  PASSWORD,
  registerViaUi,
  screenshotBoth,
  startE2E,
  uniqueEmail,
} from "./support.js";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("foundation: accounts, children, family, language, accessibility", () => {
  it("a caregiver registers, adds a child with care notes, and a grandmother joins with the invite code", async () => {
    const { page } = await e2e.newUser();
    await page.goto("/");
    await page.waitForURL("**/login");
    await expectAccessible(page, "login");
    await screenshotBoth(page, "login");

    await page.goto("/register");
    await expectAccessible(page, "register");
    await screenshotBoth(page, "register");
    // the shared zod schema refuses a short password before anything is sent
    await page.getByLabel("显示的名字").fill("小宇妈妈");
    await page.getByLabel("电子邮箱").fill("not-an-email");
    await page.getByLabel("密码", { exact: true }).fill("short");
    await page.getByRole("button", { name: "注册" }).click();
    await expect.poll(() => page.getByText("请填写正确的电子邮箱").count()).toBe(1);
    await expect.poll(() => page.getByText("至少需要 10 个字符").count()).toBe(1);

    await registerViaUi(page, { displayName: "小宇妈妈" });
    await expect.poll(() => page.getByText("还没有孩子的档案").count()).toBe(1);
    await expectAccessible(page, "children-empty");

    await page.getByRole("link", { name: "添加孩子" }).first().click();
    await page.getByRole("heading", { level: 1, name: "添加孩子" }).waitFor();
    await expectAccessible(page, "child-form");
    await screenshotBoth(page, "child-form");
    // missing disability type and birth year: kind messages, nothing saved
    await page.getByLabel("孩子的小名").fill("小宇");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("有几项需要修改").waitFor();
    await page.getByLabel("出生年份").fill("2016");
    await page.getByRole("checkbox", { name: "孤独症" }).check();
    await page.getByLabel("怎样让孩子安静下来").fill("听轻音乐，抱着蓝色毯子");
    await page.getByLabel("容易引起不安的事").fill("突然的大声响");
    await page.getByLabel("联系人姓名").fill("小宇爸爸");
    await page.getByLabel("联系电话").fill("13800000001");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("heading", { level: 2, name: "小宇" }).waitFor();
    await expectAccessible(page, "children");
    await screenshotBoth(page, "children");

    // edit keeps the notes
    await page.getByRole("link", { name: "修改小宇的档案" }).click();
    await expect
      .poll(() => page.getByLabel("怎样让孩子安静下来").inputValue())
      .toBe("听轻音乐，抱着蓝色毯子");

    await page.goto("/family");
    const code = (await page.getByTestId("invite-code").textContent())?.trim() ?? "";
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    await expectAccessible(page, "family");
    await screenshotBoth(page, "family");

    const grandma = await e2e.newUser();
    await registerViaUi(grandma.page, { displayName: "小宇奶奶", inviteCode: code.toLowerCase() });
    // She asked to join (decision 080): nothing of the family until mum agrees.
    await grandma.page.getByText("正在等待家人同意").waitFor();
    expect(await grandma.page.getByRole("heading", { level: 2, name: "小宇" }).count()).toBe(0);
    await page.goto("/family");
    await page.getByRole("button", { name: "同意 小宇奶奶 加入" }).click();
    await page.getByRole("main").getByText("小宇奶奶", { exact: true }).waitFor();
    await grandma.page.goto("/children");
    await grandma.page.getByRole("heading", { level: 2, name: "小宇" }).waitFor();
    await grandma.page.goto("/family");
    const main = grandma.page.getByRole("main");
    await main.getByText("小宇妈妈", { exact: true }).waitFor();
    await main.getByText("小宇奶奶", { exact: true }).waitFor();
  });

  it("switching language changes the UI text, is saved on the server, and survives a new login", async () => {
    const { page, context } = await e2e.newUser();
    const email = await registerViaUi(page, { displayName: "朵朵奶奶" });
    await page.goto("/settings");
    await page.getByRole("heading", { level: 1, name: "设置" }).waitFor();
    await expectAccessible(page, "settings");
    await screenshotBoth(page, "settings");
    await page.getByRole("main").getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("button", { name: "Log out" }).count()).toBeGreaterThan(0);

    // display name and presence are saved too
    await page.getByLabel("Display name").fill("Duoduo's grandma");
    await page.getByLabel("Let group members see when I am online").uncheck();
    const profile = page.locator("form").filter({ has: page.getByLabel("Display name") });
    await profile.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Log out" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Log in" }).waitFor();
    await context.clearCookies();
    await page.evaluate("localStorage.clear()");

    // a fresh device starts in Chinese, then follows the user's saved choice after login
    const other = await e2e.newUser({ viewport: DESKTOP });
    await other.page.goto("/login");
    await other.page.getByRole("heading", { level: 1, name: "登录" }).waitFor();
    await loginViaUi(other.page, email, PASSWORD);
    await other.page.getByRole("heading", { level: 1, name: "Hello, Duoduo's grandma" }).waitFor();
    await other.page.goto("/settings");
    expect(await other.page.getByLabel("Let group members see when I am online").isChecked()).toBe(false);
    await other.page.getByRole("main").getByRole("button", { name: "中文" }).click();
    await other.page.getByRole("heading", { level: 1, name: "设置" }).waitFor();
  });

  it("an admin creates a social worker account and disables a caregiver; the social worker sees families", async () => {
    const admin = await buildAdmin(e2e.srv);
    const victim = await e2e.newUser();
    const victimEmail = await registerViaUi(victim.page, { displayName: "要停用的家长" });

    const { page } = await e2e.newUser({ viewport: DESKTOP });
    await loginViaUi(page, admin.email, admin.password);
    await page.getByRole("link", { name: "账号管理" }).first().click();
    await page.getByRole("heading", { level: 1, name: "账号管理" }).waitFor();
    await expectAccessible(page, "admin-users");
    await screenshotBoth(page, "admin-users");

    const swEmail = uniqueEmail("sw");
    await page.getByLabel("显示的名字").fill("张社工");
    await page.getByLabel("电子邮箱").fill(swEmail);
    await page.getByLabel("初始密码").fill(PASSWORD);
    await page.getByLabel("角色").selectOption("social_worker");
    await page.getByRole("button", { name: "创建账号" }).click();
    await page.getByText("已创建 张社工 的账号").waitFor();

    await page.getByRole("button", { name: "停用 要停用的家长" }).click();
    await page.getByRole("button", { name: "恢复 要停用的家长" }).waitFor();
    // the disabled caregiver's session ends: any next call sends them to the login page
    await victim.page.reload();
    await victim.page.getByRole("heading", { level: 1, name: "登录" }).waitFor();
    await victim.page.getByLabel("电子邮箱").fill(victimEmail);
    await victim.page.getByLabel("密码").fill(PASSWORD);
    await victim.page.getByRole("button", { name: "登录" }).click();
    await victim.page.getByText("这个账号已被停用").waitFor();

    const sw = await e2e.newUser();
    await loginViaUi(sw.page, swEmail);
    await sw.page.getByRole("heading", { level: 1, name: "您好，张社工" }).waitFor();
    await sw.page.goto("/families");
    await sw.page.getByText("还没有分配给您的家庭").waitFor();
    await expectAccessible(sw.page, "families");
  });
});
