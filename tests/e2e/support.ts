import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { startServer, type TestServer } from "../setup/server.js";

const CLIENT_DIST = fileURLToPath(new URL("../../client/dist", import.meta.url));
const SHOTS = fileURLToPath(new URL("./screenshots", import.meta.url));

export const PHONE = { width: 360, height: 760 };

/** How every e2e test starts Chromium (the system one, headless, quiet). */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    // a fake microphone (a beep) that needs no permission prompt: voice messages (media.e2e.ts)
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
  ],
};
export const DESKTOP = { width: 1280, height: 860 };

/** A real server on a fresh embedded database serving the built client, and a headless Chromium. */
export interface E2E {
  srv: TestServer;
  browser: Browser;
  /** A new browser context (its own storage: one user) and a page in it. */
  newUser(opts?: { viewport?: { width: number; height: number }; locale?: string }): Promise<{
    context: BrowserContext;
    page: Page;
  }>;
  close(): Promise<void>;
}

export async function startE2E(overrides: Parameters<typeof startServer>[0] = {}): Promise<E2E> {
  const srv = await startServer({ clientDist: CLIENT_DIST, ...overrides });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const contexts: BrowserContext[] = [];
  return {
    srv,
    browser,
    async newUser(opts = {}) {
      const context = await browser.newContext({
        baseURL: srv.url,
        viewport: opts.viewport ?? PHONE,
        locale: opts.locale ?? "zh-CN",
        timezoneId: "Asia/Shanghai",
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (err) => console.error("[pageerror]", err.message));
      page.on("dialog", (d) => void d.accept());
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await srv.close();
    },
  };
}

let counter = 0;
/** A unique email for a test user. */
export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${Date.now().toString(36)}-${++counter}@test.carecircle`;
}

export const PASSWORD = "correct-horse-battery-9";

/** Run axe on the current page; fail on serious or critical violations. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = bad.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(summary, `axe violations on ${name}`).toEqual([]);
}

/** Save a screenshot under tests/e2e/screenshots/<name>-<width>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const w = page.viewportSize()?.width ?? 0;
  // From the top: a full-page shot of a scrolled page draws the sticky header mid-page.
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path: path.join(SHOTS, `${name}-${w}.png`), fullPage: true });
}

/** Screenshot a page at phone and desktop width (restoring the original viewport). */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  const original = page.viewportSize() ?? PHONE;
  for (const vp of [PHONE, DESKTOP]) {
    await page.setViewportSize(vp);
    await page.waitForTimeout(100);
    await screenshot(page, name);
  }
  await page.setViewportSize(original);
}

/** Register a caregiver through the UI (the page ends on the children page). */
export async function registerViaUi(
  page: Page,
  opts: { displayName: string; email?: string; inviteCode?: string },
): Promise<string> {
  const email = opts.email ?? uniqueEmail("cg");
  await page.goto("/register");
  await page.getByLabel("显示的名字").fill(opts.displayName);
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码").fill(PASSWORD);
  if (opts.inviteCode) await page.getByLabel("家庭邀请码（可不填）").fill(opts.inviteCode);
  await page.getByRole("button", { name: "注册" }).click();
  await page.getByRole("heading", { level: 1, name: "孩子档案" }).waitFor();
  return email;
}

/** Log in through the UI. */
export async function loginViaUi(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}
