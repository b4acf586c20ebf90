import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import { type BrowserContext, chromium } from "playwright-core";
import type { BenchDatabase } from "../lib/database.js";
import { BENCH_JWT_SECRET, startCareCircle } from "../lib/servers.js";
import { accessToken, seedCaregivers, seedGroup, seedSocialWorker } from "../seed/accounts.js";
import { seedMessages } from "../seed/content.js";

/** The system Chromium (Debian), as a caregiver's Android phone runs a Chromium too. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Runs per page (Lighthouse varies from run to run); the median run is reported. */
export const LIGHTHOUSE_RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);

/** One Lighthouse navigation, reduced to the figures the report shows. */
export interface LighthouseFigures {
  score: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  totalBytes: number;
  /** Every script the page fetched during the run (live connection and idle prefetches included). */
  scriptBytes: number;
  scriptRequests: number;
  /** The scripts that had arrived when the first screen was drawn (before the observed LCP). */
  firstScreenScriptBytes: number;
  firstScreenScriptRequests: number;
}

/** One page's runs and the median. */
export interface LighthousePage {
  label: string;
  path: string;
  /** Which targets this page is judged on: speed (score, LCP) and the first screen's JavaScript. */
  judged: { speed: boolean; script: boolean };
  runs: LighthouseFigures[];
  median: LighthouseFigures;
}

/** Everything the Lighthouse part of the bench measured. */
export interface LighthouseRun {
  lighthouseVersion: string;
  chromium: string;
  pages: LighthousePage[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === "object" && addr ? addr.port : 0));
    });
  });
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>["lhr"];

function figuresOf(lhr: Lhr): LighthouseFigures {
  const num = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const requests = (lhr.audits["network-requests"]?.details as { items?: Record<string, unknown>[] })?.items;
  const scripts = (requests ?? []).filter((r) => r.resourceType === "Script");
  const metrics = (lhr.audits.metrics?.details as { items?: Record<string, number>[] })?.items?.[0];
  const drawnAt = metrics?.observedLargestContentfulPaint ?? Number.POSITIVE_INFINITY;
  const firstScreen = scripts.filter((r) => Number(r.networkEndTime) <= drawnAt);
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcpMs: num("first-contentful-paint"),
    lcpMs: num("largest-contentful-paint"),
    tbtMs: num("total-blocking-time"),
    cls: num("cumulative-layout-shift"),
    speedIndexMs: num("speed-index"),
    totalBytes: num("total-byte-weight"),
    scriptBytes: scripts.reduce((a, r) => a + Number(r.transferSize ?? 0), 0),
    scriptRequests: scripts.length,
    firstScreenScriptBytes: firstScreen.reduce((a, r) => a + Number(r.transferSize ?? 0), 0),
    firstScreenScriptRequests: firstScreen.length,
  };
}

function medianRun(runs: LighthouseFigures[]): LighthouseFigures {
  const sorted = [...runs].sort((a, b) => b.score - a.score || a.lcpMs - b.lcpMs);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** A caregiver in a discussion group with 40 messages (seeded before the server holds the database). */
async function seedCaregiverGroup(db: BenchDatabase): Promise<{ userId: string; groupId: string }> {
  const sql = await db.open();
  const tag = `lh${Date.now()}`;
  const [cg] = await seedCaregivers(sql, tag, 1);
  const sw = await seedSocialWorker(sql, tag);
  const groupId = await seedGroup(sql, "Respite tips", sw, [cg!.id]);
  await seedMessages(sql, groupId, sw, 40);
  await db.release();
  return { userId: cg!.id, groupId };
}

/** The session the client keeps in localStorage (`cc.session`), with a token as login issues it. */
async function sessionFor(userId: string, baseUrl: string): Promise<string> {
  const token = accessToken(userId, "caregiver", BENCH_JWT_SECRET);
  const me = await fetch(`${baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  if (!me.ok) throw new Error(`GET /api/me answered ${me.status}`);
  return JSON.stringify({ token, expiresAt: Date.now() + 50 * 60_000, user: await me.json() });
}

/**
 * A first visit: a browser with a profile of its own (empty HTTP cache, no service worker, no
 * Cache Storage) and, for a signed-in page, the session in the origin's localStorage, set from a
 * page that loads none of the app. (Clearing one long-lived profile between runs was not enough:
 * Lighthouse then saw some scripts arrive with 0 bytes transferred, which flattered the figures.)
 */
async function firstVisitBrowser(
  baseUrl: string,
  session: string | undefined,
  warmUrl?: string,
): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), "cc-lh-"));
  const port = await freePort();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--remote-debugging-port=${port}`, "--headless=new", "--no-sandbox"],
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  if (session) {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/favicon.svg`);
    await page.evaluate((s) => {
      // runs in the page (the tests' tsconfig has no DOM types)
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem("cc.session", s);
    }, session);
    await page.close();
  }
  if (warmUrl) await visitOnce(context, warmUrl);
  return { port, context, version: `Chromium ${context.browser()?.version() ?? ""}`.trim(), close };
}

/**
 * A returning visit: the page opened once before (as after signing in), so the service worker
 * has installed and precached the app, and the HTTP cache holds what the page fetched.
 */
async function visitOnce(context: BrowserContext, url: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator("#root .boot").waitFor({ state: "detached", timeout: 30_000 });
  await page.evaluate(async () => {
    // runs in the page (the tests' tsconfig has no DOM types)
    const sw = (globalThis as unknown as { navigator: { serviceWorker?: { ready: Promise<unknown> } } })
      .navigator.serviceWorker;
    await sw?.ready;
  });
  await page.close();
}

interface Browser {
  port: number;
  context: BrowserContext;
  version: string;
  close(): Promise<void>;
}

/** The page must render (the shell replaced, no script error) before its load is worth timing. */
async function smokeCheck(url: string, session: string | undefined): Promise<void> {
  const browser = await firstVisitBrowser(new URL(url).origin, session);
  try {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url);
    await page.locator("#root .boot").waitFor({ state: "detached", timeout: 30_000 });
    if (errors.length > 0) throw new Error(`${url}: ${errors.join("; ")}`);
  } finally {
    await browser.close();
  }
}

/** With LIGHTHOUSE_SAVE_DIR set, every run's full report is kept there for diagnosis (LCP element, chains). */
function saveReport(lhr: Lhr, artifacts: { Trace?: unknown }): void {
  const dir = process.env.LIGHTHOUSE_SAVE_DIR;
  if (!dir) return;
  const name = `${new URL(lhr.finalDisplayedUrl).pathname.replace(/[^a-z0-9]+/gi, "_")}-${Date.now()}`;
  writeFileSync(path.join(dir, `lhr${name}.json`), JSON.stringify(lhr));
  writeFileSync(path.join(dir, `trace${name}.json`), JSON.stringify(artifacts.Trace ?? null));
}

async function audit(
  url: string,
  port: number,
  attempt = 1,
): Promise<LighthouseFigures & { version: string }> {
  // Lighthouse's defaults: mobile form factor, simulated slow 4G (150 ms RTT, 1.6 Mbit/s) and 4x
  // CPU slowdown. Storage is kept so the signed-in page stays signed in; the HTTP cache is cleared.
  const result = await lighthouse(
    url,
    { port, output: "json", logLevel: "error", onlyCategories: ["performance"], disableStorageReset: true },
    // with LIGHTHOUSE_SAVE_DIR the saved traces also hold V8's CPU samples (which function took the time)
    process.env.LIGHTHOUSE_SAVE_DIR
      ? {
          extends: "lighthouse:default",
          settings: { additionalTraceCategories: "disabled-by-default-v8.cpu_profiler" },
        }
      : undefined,
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  // A trace that failed to record (NO_NAVSTART and the like) says nothing about the page: once more.
  if (result.lhr.runtimeError && attempt < 2) return audit(url, port, attempt + 1);
  if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
  // A signed-in page that sent us to /login would measure the wrong page.
  const shown = new URL(result.lhr.finalDisplayedUrl).pathname;
  const expected = new URL(url).pathname;
  if (shown !== expected) throw new Error(`Lighthouse ended on ${shown}, not ${expected}`);
  saveReport(result.lhr, result.artifacts);
  return { ...figuresOf(result.lhr), version: result.lhr.lighthouseVersion };
}

/** One page to measure, signed in or not, as a first or a returning visit. */
interface Target {
  label: string;
  path: string;
  session?: string;
  returning?: boolean;
  judged: LighthousePage["judged"];
}

/** Lighthouse (mobile defaults) on `/login` and on a signed-in caregiver's group chat, on the built client. */
export async function runLighthouse(db: BenchDatabase, log: (s: string) => void): Promise<LighthouseRun> {
  const seeded = await seedCaregiverGroup(db);
  const server = await startCareCircle(db);
  try {
    const session = await sessionFor(seeded.userId, server.url);
    const chat = `/groups/${seeded.groupId}`;
    const targets: Target[] = [
      { label: "/login (first visit)", path: "/login", judged: { speed: true, script: true } },
      { label: "group chat, first visit", path: chat, session, judged: { speed: false, script: true } },
      {
        label: "group chat, returning (signed-in caregiver)",
        path: chat,
        session,
        returning: true,
        judged: { speed: true, script: false },
      },
    ];
    const pages: LighthousePage[] = [];
    // LIGHTHOUSE_ONLY=<label words> keeps the matching targets, for diagnosis only (a run of record measures all)
    const only = process.env.LIGHTHOUSE_ONLY;
    if (only) targets.splice(0, targets.length, ...targets.filter((t) => t.label.includes(only)));
    let version = "";
    let chromiumVersion = "";
    for (const t of targets) {
      const url = `${server.url}${t.path}`;
      await smokeCheck(url, t.session);
      const runs: LighthouseFigures[] = [];
      for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
        const browser = await firstVisitBrowser(server.url, t.session, t.returning ? url : undefined);
        chromiumVersion = browser.version;
        try {
          const { version: v, ...figures } = await audit(url, browser.port);
          version = v;
          runs.push(figures);
          log(
            `  ${t.label} run ${i + 1}: score ${figures.score}, FCP ${Math.round(figures.fcpMs)} ms, ` +
              `LCP ${Math.round(figures.lcpMs)} ms, TBT ${Math.round(figures.tbtMs)} ms, CLS ${figures.cls.toFixed(3)}, ` +
              `SI ${Math.round(figures.speedIndexMs)} ms, first-screen JS ${Math.round(figures.firstScreenScriptBytes / 1024)} KiB ` +
              `of ${Math.round(figures.scriptBytes / 1024)} KiB`,
          );
        } finally {
          await browser.close();
        }
      }
      pages.push({
        label: t.label,
        path: t.path.replace(/[0-9a-f-]{36}/, ":id"),
        judged: t.judged,
        runs,
        median: medianRun(runs),
      });
    }
    return { lighthouseVersion: version, chromium: chromiumVersion, pages };
  } finally {
    await server.stop();
  }
}
