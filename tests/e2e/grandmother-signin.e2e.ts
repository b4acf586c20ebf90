import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignSocialWorker, buildCaregiver, buildStaff, login, setLocale } from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, PASSWORD, screenshot, startE2E } from "./support.js";

/** Issue 16 §5 in the browser, at phone width in zh-CN (then en): a phone number, a forgotten password, a code. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const NEW_PASSWORD = "豆豆最爱吃外婆包的饺子";

describe("a grandmother signs in with her phone number and gets back in with a code", () => {
  it("registers with her number, forgets her password, and her social worker's code lets her in", async () => {
    const sw = await buildStaff(e2e.srv, "social_worker", "王社工");
    const mobile = `138${String(Date.now()).slice(-8)}`;
    const written = `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`;

    // She registers with her number only; the page says the password rule before she types.
    const { page } = await e2e.newUser();
    await page.goto("/register");
    await page.getByText("密码至少要 10 个字").waitFor();
    await expectAccessible(page, "register-phone");
    await screenshot(page, "register-phone");
    await page.getByLabel("显示的名字").fill("豆豆外婆");
    await page.getByLabel("手机号", { exact: true }).fill(written);
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "注册" }).click();
    await page.getByRole("heading", { level: 1, name: "孩子档案" }).waitFor();
    const her = await login(e2e.srv, mobile, PASSWORD);
    await assignSocialWorker(e2e.srv, her.familyId!, sw.id);

    // She signs out and cannot remember the password.
    await page.goto("/settings");
    await page.getByText(`${mobile} · 家长`).waitFor();
    await page.getByRole("button", { name: "退出登录", exact: true }).click();
    await page.waitForURL((u) => u.pathname.startsWith("/login"));
    await page.getByLabel("手机号或电子邮箱").fill(`+86 ${written}`);
    await page.getByLabel("密码").fill("i-forgot-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText("手机号、邮箱或密码不对。").waitFor();
    await page.getByRole("link", { name: "忘记密码？" }).click();
    await page.getByRole("heading", { level: 1, name: "忘记密码" }).waitFor();
    await expectAccessible(page, "reset-page");
    await screenshot(page, "reset-page");

    // Her social worker makes a code on the family's page and reads it out.
    const worker = await e2e.newUser();
    await loginViaUi(worker.page, sw.email, sw.password);
    await worker.page.goto(`/families/${her.familyId}`);
    await worker.page.getByRole("button", { name: "给 豆豆外婆 生成重设码" }).click();
    const digits = worker.page.locator(".reset-code-digits");
    await digits.waitFor();
    const code = (await digits.textContent())?.trim() ?? "";
    expect(code).toMatch(/^\d{4} \d{4}$/);
    await expectAccessible(worker.page, "reset-code-issued");
    await screenshot(worker.page, "reset-code-issued");

    // She enters it with a new password and is in; the old password no longer works.
    await page.getByLabel("手机号或电子邮箱").fill(written);
    await page.getByLabel("重设码（8 位数字）").fill("1234");
    await page.getByLabel("新密码").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "设置新密码并登录" }).click();
    await page.getByText("重设码是 8 位数字").waitFor();
    await page.getByLabel("重设码（8 位数字）").fill(code);
    await expectAccessible(page, "reset-page-code-error");
    await page.getByRole("button", { name: "设置新密码并登录" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/reset"));
    await page.goto("/settings");
    await page.getByText(`${mobile} · 家长`).waitFor();
    const old = await e2e.srv.http.post("/api/auth/login").send({ identifier: mobile, password: PASSWORD });
    expect(old.status).toBe(401);
    expect((await login(e2e.srv, mobile, NEW_PASSWORD)).id).toBe(her.id);
  });

  it("changes her password in Settings: field errors in her language, then she stays signed in", async () => {
    const cg = await buildCaregiver(e2e.srv, { displayName: "乐乐奶奶" });
    const { page } = await e2e.newUser();
    await loginViaUi(page, cg.email, cg.password);
    await page.goto("/settings");
    const form = page.getByRole("region", { name: "修改密码" });
    await form.getByLabel("现在的密码").fill("not-my-password-1");
    await form.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel("再输一次新密码").fill(`${NEW_PASSWORD}x`);
    await form.getByRole("button", { name: "修改密码" }).click();
    await form.getByText("两次输入的新密码不一样").waitFor();
    await form.getByLabel("再输一次新密码").fill(NEW_PASSWORD);
    await form.getByRole("button", { name: "修改密码" }).click();
    await form.getByText("现在的密码不对").waitFor();
    await expectAccessible(page, "password-change-error");
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, "password-change-error");
    await form.getByLabel("现在的密码").fill(cg.password);
    await form.getByRole("button", { name: "修改密码" }).click();
    await page.getByText("密码已修改。其他设备上的登录已退出。").waitFor();
    await page.getByRole("heading", { level: 1, name: "设置" }).waitFor();
    expect((await e2e.srv.http.get("/api/me").set("Authorization", cg.auth)).status).toBe(401);
    expect((await login(e2e.srv, cg.email, NEW_PASSWORD)).id).toBe(cg.id);
  });

  it("shows registration, the reset page with a code and the issued code in English", async () => {
    // Signed out, she picks English with the header's language buttons; the choice stays on the phone.
    const { page } = await e2e.newUser({ locale: "en" });
    await page.goto("/register");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByText("Your password needs at least 10 characters").waitFor();
    await page.getByLabel("Mobile number", { exact: true }).fill("138 1234 5678");
    await expectAccessible(page, "register-phone-en");
    await screenshot(page, "register-phone-en");

    const sw = await buildStaff(e2e.srv, "social_worker", "Ms Wang");
    await setLocale(e2e.srv, sw, "en");
    const mum = await buildCaregiver(e2e.srv, { displayName: "Leo's grandma", locale: "en" });
    await assignSocialWorker(e2e.srv, mum.familyId!, sw.id);
    const worker = await e2e.newUser({ locale: "en" });
    await loginViaUi(worker.page, sw.email, sw.password);
    await worker.page.goto(`/families/${mum.familyId}`);
    await worker.page.getByRole("button", { name: "Make a reset code for Leo's grandma" }).click();
    await worker.page.getByText("Read this code out to Leo's grandma on the phone:").waitFor();
    await expectAccessible(worker.page, "reset-code-issued-en");
    await screenshot(worker.page, "reset-code-issued-en");

    await page.goto("/reset");
    await page.getByRole("heading", { level: 1, name: "Forgot password" }).waitFor();
    await page.getByLabel("Mobile number or email").fill(mum.email);
    await page.getByLabel("Reset code (8 digits)").fill("1234 567");
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Set the new password and sign in" }).click();
    await page.getByText("The reset code is 8 digits, e.g. 1234 5678").waitFor();
    await expectAccessible(page, "reset-page-en");
    await screenshot(page, "reset-page-en");
  });
});
