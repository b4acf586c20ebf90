import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, expectAccessible, PASSWORD, registerViaUi, screenshot, startE2E } from "./support.js";

// Issue 14 #9 and #14: the browser never holds the refresh token where scripts can read it, and
// registering never says whether an email was taken.

const READ = 'localStorage.getItem("cc.session")';
/** Browser code that merges `patch` into the stored session. */
const patchSession = (patch: Record<string, unknown>) =>
  `localStorage.setItem("cc.session", JSON.stringify({ ...JSON.parse(${READ} ?? "{}"), ...${JSON.stringify(patch)} }))`;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("session security in the browser", () => {
  it("keeps the refresh token in an HttpOnly cookie and refreshes through it", async () => {
    const { context, page } = await e2e.newUser();
    await registerViaUi(page, { displayName: "小宇妈妈" });
    const stored = ((await page.evaluate(READ)) as string | null) ?? "";
    expect(stored).not.toContain("refreshToken");
    const cookie = (await context.cookies()).find((c) => c.name === "cc_refresh");
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/api/auth" });
    expect(await page.evaluate("document.cookie")).not.toContain("cc_refresh");

    // The access token "expired": the app refreshes through the cookie and stays signed in.
    await page.evaluate(patchSession({ expiresAt: 0 }));
    const refreshed = page.waitForResponse((r) => r.url().endsWith("/api/auth/refresh"));
    await page.reload();
    const answer = await refreshed;
    expect(answer.status()).toBe(200);
    expect(await answer.json()).not.toHaveProperty("refreshToken");
    await page.getByRole("heading", { level: 1, name: "孩子档案" }).waitFor();
    const after = JSON.parse(((await page.evaluate(READ)) as string | null) ?? "{}") as { expiresAt: number };
    expect(after.expiresAt).toBeGreaterThan(Date.now());
  });

  it("drops a session stored the old way (refresh token in localStorage)", async () => {
    const { page } = await e2e.newUser();
    await registerViaUi(page, { displayName: "朵朵奶奶" });
    await page.evaluate(patchSession({ refreshToken: "old-style-token-000000000" }));
    await page.reload();
    await page.waitForURL("**/login");
    expect(await page.evaluate(READ)).toBeNull();
  });

  it("registering with a taken email says nothing about it, and suggests signing in instead", async () => {
    const first = await e2e.newUser();
    const email = await registerViaUi(first.page, { displayName: "原来的妈妈" });
    const { page } = await e2e.newUser();
    await page.goto("/register");
    await page.getByLabel("显示的名字").fill("另一个人");
    await page.getByLabel("电子邮箱").fill(email);
    await page.getByLabel("密码").fill(`${PASSWORD}-other`);
    await page.getByRole("button", { name: "注册" }).click();
    await page.getByText("如果这个手机号或邮箱已经注册过").waitFor();
    expect(page.url()).toContain("/register");
    await expectAccessible(page, "register-maybe-taken");
    await screenshot(page, "register-maybe-taken");
  });
});
