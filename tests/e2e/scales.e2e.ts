import { sql } from "@carecircle/server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildStaff,
  completeScale,
  resilienceWithItems,
  SSRS_MIN,
  setLocale,
  sqlOne,
  startScale,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

/*
 * Issue 18 §2 in the browser: a social worker sends the SSRS to a grandmother's phone; she fills
 * it one question per screen at 360 px, loses the network half-way, keeps answering, comes back,
 * reloads where she left off, and completes; the social worker and she see the results.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** Tap the `n`th answer button (0-based) of the screen. */
const pick = (page: Page, n: number) => page.locator(".answer-list .btn.answer").nth(n).click();
const next = (page: Page) => page.getByRole("button", { name: "下一题" }).click();
const progress = (page: Page, text: string) => page.locator(".progress").getByText(text).waitFor();

describe("SSRS before and after", () => {
  it("sent to the caregiver, filled on her phone through a dropped connection, results for both", async () => {
    const sw = await buildStaff(e2e.srv, "social_worker", "陈社工");
    const grandma = await buildCaregiver(e2e.srv, { displayName: "王奶奶" });
    await assignSocialWorker(e2e.srv, grandma.familyId!, sw.id);
    await setLocale(e2e.srv, sw, "en");
    // The intake score, filled together earlier: 12 (the minimum).
    const intake = await startScale(e2e.srv, sw, grandma.familyId!);
    await completeScale(e2e.srv, sw, intake.id, SSRS_MIN);

    // The social worker sends the evaluation to grandma's phone from the family page.
    const swUi = await e2e.newUser({ viewport: { width: 1280, height: 860 }, locale: "en" });
    await loginViaUi(swUi.page, sw.email, sw.password);
    await swUi.page.goto(`/families/${grandma.familyId}`);
    await swUi.page.getByLabel("When").selectOption("evaluation");
    await swUi.page.getByRole("button", { name: "Send to the caregiver’s phone" }).click();
    await swUi.page.getByText("Sent. The caregiver gets a notification.").waitFor();

    // Grandma, at 360 px, opens it from her family page.
    const { context, page } = await e2e.newUser();
    await loginViaUi(page, grandma.email, grandma.password);
    await page.goto("/family");
    await page.getByRole("heading", { name: "有问卷等您填写" }).waitFor();
    await page.getByRole("link", { name: "社会支持评定量表（SSRS）" }).click();
    await progress(page, "1 / 14");
    await expectAccessible(page, "scale-fill");
    await screenshot(page, "scale-fill-zh");
    await pick(page, 3); // q1: 6 or more close friends
    await page.getByText("已保存").waitFor();
    for (const n of [3, 1, 0]) {
      await next(page);
      await pick(page, n); // q2 family, q3 some care, q4 never care
    }
    await next(page);
    await progress(page, "5 / 14");

    // The connection drops during the five small questions of item 5.
    await context.setOffline(true);
    for (const [i, n] of [3, 2, 1, 0, 0].entries()) {
      await pick(page, n);
      if (i < 4) await next(page);
    }
    await page.getByText("网络断了").waitFor();
    await screenshot(page, "scale-offline-zh");
    await context.setOffline(false);
    await page.getByText("已保存").waitFor();
    const saved = await sqlOne<{ answers: Record<string, unknown> }>(
      e2e.srv,
      sql`select answers from scale_administrations where status = 'in_progress'`,
    );
    expect(saved.answers.q5).toEqual({ a: "o4", b: "o3", c: "o2", d: "o1", e: "o1" });

    // A reload resumes at the first open question: item 6.
    await page.reload();
    await progress(page, "10 / 14");
    await page.getByLabel("配偶").check();
    await page.getByLabel("亲戚").check();
    await next(page);
    await page.getByRole("button", { name: "无任何来源" }).click();
    for (const n of [2, 2, 1]) {
      await next(page);
      await pick(page, n);
    }
    await page.getByRole("button", { name: "填完了，提交" }).click();
    await page.getByText("谢谢您！问卷已经交给社工。").waitFor();
    const done = await sqlOne<{ status: string; total: number }>(
      e2e.srv,
      sql`select status, (score->>'total')::int as total from scale_administrations where occasion = 'evaluation'`,
    );
    // q1 4, q2 4, q3 2, q4 1, q5 4+3+2+1+1 = 11, q6 2, q7 0, q8 3, q9 3, q10 2: 32.
    expect(done).toEqual({ status: "complete", total: 32 });

    // Her family page says it in plain words.
    await page.goto("/family");
    await page.getByText("总的来说：提高了很多").waitFor();
    await expectAccessible(page, "scale-results-family");
    await screenshot(page, "scale-results-family-zh");

    // The social worker sees the numbers and the reliable change class.
    await swUi.page.reload();
    await swUi.page.getByText("Overall went up a lot").waitFor();
    await swUi.page.getByText(/12 → 32 \(\+20\) · RCI 7\.15 · reliable improvement/).waitFor();
    await swUi.page.getByText("Reliable change: not available (no norm for this scale)").first().waitFor();
    await expectAccessible(swUi.page, "scale-results-staff");
    await swUi.page.setViewportSize({ width: 360, height: 760 });
    await screenshot(swUi.page, "scale-results-staff-en");
  });
});

describe("scales kept by admins", () => {
  it("a pasted definition with a mistake is refused at its path, then saved as a new version", async () => {
    const admin = await buildAdmin(e2e.srv);
    await setLocale(e2e.srv, admin, "en");
    const { page } = await e2e.newUser({ locale: "en" });
    await loginViaUi(page, admin.email, admin.password);
    await page.goto("/admin/scales");
    await page.getByRole("heading", { name: "Scales" }).waitFor();
    const def = resilienceWithItems();
    const bad = {
      ...def,
      subscales: [{ ...def.subscales[0]!, items: ["no-such-item"] }, ...def.subscales.slice(1)],
    };
    await page.getByLabel("JSON", { exact: true }).fill(JSON.stringify(bad, null, 2));
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("alert").getByText('subscales › 0: unknown item "no-such-item"').waitFor();
    await expectAccessible(page, "admin-scales");
    await screenshot(page, "admin-scales-error-en");
    await page.getByLabel("JSON", { exact: true }).fill(JSON.stringify(def, null, 2));
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved family-resilience version 2.").waitFor();
  });
});
