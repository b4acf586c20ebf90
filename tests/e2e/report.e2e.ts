import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { sql } from "@carecircle/server";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pastSession } from "../factories/group-activities.js";
import {
  type Account,
  buildAdmin,
  buildFamiliesFast,
  buildStaff,
  buildStation,
  giveCareHours,
  setLocale,
  shanghaiDay,
  sqlRows,
} from "../factories/index.js";
import {
  DESKTOP,
  type E2E,
  expectAccessible,
  loginViaUi,
  screenshot,
  screenshotBoth,
  startE2E,
} from "./support.js";

/*
 * The evaluation report in Chromium (issue 18 §4): an admin creates a project and opens its
 * report; the page prints to an A4 PDF (page.pdf()) whose text holds the expected figures.
 */

let e2e: E2E;
let admin: Account;
let district: string;
const day = shanghaiDay;

/** The text of every page of a PDF, one string per page. */
async function pdfText(bytes: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    // NFKC: the PDF's fonts map some characters to their Kangxi-radical forms (⽀ for 支).
    pages.push(
      content.items
        .map((it) => ("str" in it ? it.str : ""))
        .join("")
        .normalize("NFKC"),
    );
  }
  return pages;
}

beforeAll(async () => {
  e2e = await startE2E();
  admin = await buildAdmin(e2e.srv);
  await buildStaff(e2e.srv, "social_worker", "李社工");
  district = `阳光${randomUUID().slice(0, 4)}区`;
  const station = await buildStation(e2e.srv, { name: "阳光喘息站", district });
  const fams = await buildFamiliesFast(e2e.srv, 6);
  // Six families, 3 hours each, one of them twice: 7 sessions, 21 hours.
  for (const f of fams)
    await giveCareHours(e2e.srv, { familyId: f.child.familyId, childId: f.child.id }, station.id, 3, 4);
  await giveCareHours(
    e2e.srv,
    { familyId: fams[0]!.child.familyId, childId: fams[0]!.child.id },
    station.id,
    3,
    6,
  );
  expect(
    (await sqlRows(e2e.srv, sql`select 1 from bookings where station_id = ${station.id}::uuid`)).length,
  ).toBe(7);
  // Five of the families came to a parent training session (issue 19 §4).
  await pastSession(
    e2e.srv,
    "parent_training",
    3,
    fams.slice(0, 5).map((f) => [f.caregiver.id, f.child.familyId, true]),
  );
}, 120_000);
afterAll(async () => {
  await e2e?.close();
});

describe("the evaluation report in the browser", () => {
  it("an admin creates a project, opens the report and prints it to a PDF with the figures", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, admin.email, admin.password);
    await page.goto("/reports");
    await page.getByRole("heading", { level: 1, name: "评估报告" }).waitFor();
    await page.getByLabel("项目名称").fill("阳光家庭支持项目");
    await page.getByLabel("街道/区（可选）").fill(district);
    await page.getByLabel("开始日期").fill(day(-30));
    await page.getByLabel("结束日期").fill(day(0));
    await page.getByRole("checkbox", { name: "李社工" }).check();
    await expectAccessible(page, "report projects");
    await page.getByRole("button", { name: "创建项目" }).click();
    await page.getByRole("status").filter({ hasText: "已创建项目" }).waitFor();
    await screenshotBoth(page, "report-projects");

    await page.getByRole("link", { name: "查看报告：阳光家庭支持项目" }).click();
    await page.getByRole("heading", { level: 1, name: "阳光家庭支持项目 · 评估报告" }).waitFor();
    const row = (name: string) => page.getByRole("row", { name: new RegExp(`^${name}`) });
    await expect.poll(() => row("服务家庭总数").textContent()).toContain("6");
    expect(await row("出勤人次").textContent()).toContain("7");
    expect(await row("服务小时数").textContent()).toContain("21");
    // Alerts and groups concern fewer than 5 families (none): suppressed.
    expect(await row("提醒总数").textContent()).toContain("<5");
    expect(await row("参加的照顾者").textContent()).toContain("5");
    expect(await row("家长培训").textContent()).toContain("1 (5 户)");
    expect(await row("照顾者喘息小组").textContent()).toContain("<5");
    await expect.poll(() => page.getByText("暂无数据").count()).toBeGreaterThan(0);
    await expectAccessible(page, "report");
    await screenshotBoth(page, "report");
    await expect.poll(() => page.getByRole("button", { name: "打印 / 保存为 PDF" }).count()).toBe(1);

    await page.setViewportSize(DESKTOP);
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "report-print");
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    mkdirSync(new URL("./screenshots/", import.meta.url), { recursive: true });
    writeFileSync(new URL("./screenshots/report.pdf", import.meta.url), pdf);
    const pages = await pdfText(pdf);
    const text = pages.join("\n");
    expect(text).toContain("阳光家庭支持项目");
    expect(text).toMatch(/服务家庭总数\s*6/);
    expect(text).toMatch(/出勤人次\s*7/);
    expect(text).toMatch(/服务小时数\s*21/);
    expect(text).toMatch(/参加的家庭\s*5/);
    expect(text).toContain("暂无数据");
    expect(text).not.toContain("打印 / 保存为 PDF");
    // Page numbers from the @page margin box.
    expect(pages[0]).toMatch(new RegExp(`1 / ${pages.length}`));
  }, 120_000);

  it("reads in English too", async () => {
    await setLocale(e2e.srv, admin, "en");
    const { page } = await e2e.newUser({ locale: "en" });
    await loginViaUi(page, admin.email, admin.password);
    await page.goto("/reports");
    await page.getByRole("link", { name: "Open report: 阳光家庭支持项目" }).click();
    await page.getByRole("heading", { level: 1, name: "阳光家庭支持项目 · evaluation report" }).waitFor();
    await expect.poll(() => page.getByRole("row", { name: /^Hours/ }).textContent()).toContain("21");
    expect(await page.getByRole("row", { name: /^Parent training/ }).textContent()).toContain(
      "1 (5 families)",
    );
    await expectAccessible(page, "report en");
    await screenshotBoth(page, "report-en");
  }, 60_000);
});
