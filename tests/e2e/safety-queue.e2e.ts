import type { Group } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rooms } from "../../server/src/realtime/rooms.js";
import {
  type Account,
  buildCaregiver,
  buildChild,
  buildSlot,
  buildStaff,
  buildStation,
  closeAllSockets,
  connectSocket,
  hoursFromNow,
  joinGroup,
  sendOk,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

let e2e: E2E;
let sw: Account;
let group: Group;

beforeAll(async () => {
  // The queue scenario posts 60 messages in a row at machine speed; per-user limits are not under test.
  e2e = await startE2E({ chatSendLimit: 1000, socketEventLimitScale: 100 });
  sw = await buildStaff(e2e.srv, "social_worker", "李社工");
  const res = await e2e.srv.http
    .post("/api/groups")
    .set("Authorization", sw.auth)
    .send({ name: "脑瘫家庭互助", description: "护理经验", topic: "cerebral_palsy" });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  group = res.body as Group;
});
afterAll(async () => {
  closeAllSockets();
  await e2e?.close();
});

const LONG = `【特价药】${"加我微信，进口药便宜一半，包邮到家，名额有限先到先得。".repeat(14)}最后一句在这里`;

/** Sockets of `who` that connected after `since` (ms since the epoch). */
const socketsSince = async (who: Account, since: number) =>
  (await e2e.srv.cc.deps.realtime.io.in(rooms.user(who.id)).fetchSockets()).filter(
    (s) => s.handshake.issued > since,
  ).length;

/** Log in a new browser as `who`, open `path` and wait for that page's live socket (a toast needs the push). */
async function loginLive(who: Account, path: string) {
  const user = await e2e.newUser();
  await loginViaUi(user.page, who.email, who.password);
  const opened = Date.now();
  await user.page.goto(path);
  // the socket connects once the page has loaded and gone idle, a moment after the load event
  await expect.poll(() => socketsSince(who, opened)).toBeGreaterThan(0);
  return user.page;
}

/** Two boxes on the screen overlap. */
function overlap(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe("a moderation queue that shows what was reported", () => {
  it("a moderator opens a report, sees the long reported message collapsed, and jumps to it in the chat", async () => {
    const author = await buildCaregiver(e2e.srv, { displayName: "卖药的人" });
    const reporter = await buildCaregiver(e2e.srv, { displayName: "热心妈妈" });
    await joinGroup(e2e.srv, author, group.id);
    await joinGroup(e2e.srv, reporter, group.id);
    const as = await connectSocket(e2e.srv, author.token);
    const reported = await sendOk(as, group.id, LONG);
    // 60 later messages: the reported one is not on the chat's first page
    for (let i = 0; i < 60; i++) await sendOk(as, group.id, `后面的第 ${i + 1} 条`);
    const r = await e2e.srv.http
      .post(`/api/messages/${reported.id}/reports`)
      .set("Authorization", reporter.auth)
      .send({ reason: "spam", note: "一直在卖药" });
    expect(r.status).toBe(201);

    const { page } = await e2e.newUser();
    await loginViaUi(page, sw.email, sw.password);
    await page.goto("/moderation");
    const card = page.locator(".queue-item").filter({ hasText: "卖药的人" });
    const body = card.locator(".reported-message .msg-body");
    await body.waitFor();
    await card.getByText("广告或刷屏 × 1").waitFor();
    await card.getByText("一直在卖药").waitFor();
    await card.getByText("没有被举报或处理过。").waitFor();
    // collapsed: a few lines high however long the message is, the decision stays on screen
    const collapsed = (await body.boundingBox())!.height;
    expect(collapsed).toBeLessThan(200);
    const showAll = card.getByRole("button", { name: "显示全部" });
    await expect.poll(() => showAll.getAttribute("aria-expanded")).toBe("false");
    await expectAccessible(page, "queue");
    await screenshot(page, "queue-collapsed");
    await showAll.click();
    await card.getByRole("button", { name: "收起" }).waitFor();
    expect((await body.boundingBox())!.height).toBeGreaterThan(collapsed * 1.5);
    await screenshot(page, "queue-expanded");
    await card.getByRole("button", { name: "收起" }).click();

    await card.getByRole("link", { name: "在聊天中查看" }).click();
    await page.waitForURL(
      (u) => u.pathname === `/groups/${group.id}` && u.searchParams.get("at") === String(reported.seq),
    );
    const target = page.locator(`#msg-${reported.seq}`);
    await expect.poll(() => target.getAttribute("class"), { timeout: 15_000 }).toContain("jumped");
    await expect.poll(() => target.isVisible()).toBe(true);
    const box = (await target.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.y).toBeLessThan(viewport.height);
    expect(box.y + box.height).toBeGreaterThan(0);
    await target.getByText("最后一句在这里").waitFor();
    await screenshot(page, "queue-jump");
  });

  it("a moderator finds a member by name and mutes them from the member list", async () => {
    const member = await buildCaregiver(e2e.srv, { displayName: "赵爷爷" });
    await joinGroup(e2e.srv, member, group.id);
    const { page } = await e2e.newUser();
    await loginViaUi(page, sw.email, sw.password);
    await page.goto(`/groups/${group.id}/manage`);
    await page.getByLabel("按名字查找").fill("赵");
    const row = page.locator(".member-row").filter({ hasText: "赵爷爷" });
    await row.waitFor();
    await expect.poll(() => page.locator(".member-row").count()).toBe(1);
    await row.getByRole("button", { name: "处理 赵爷爷" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("原因").fill("刷屏");
    await dialog.getByRole("button", { name: "禁言" }).click();
    await row.getByText("禁言到").waitFor();
    await expectAccessible(page, "manage-members");
    await screenshot(page, "manage-members");
    await row.getByRole("button", { name: "解除禁言" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "解除禁言" }).click();
    await expect.poll(() => row.getByText("禁言到").count()).toBe(0);
  });
});

describe("toasts name what they are about and open it", () => {
  it("a mention toast opens the message; a crisis banner is never covered by a toast", async () => {
    const mama = await buildCaregiver(e2e.srv, { displayName: "乐乐妈妈" });
    const friend = await buildCaregiver(e2e.srv, { displayName: "豆豆爸爸" });
    await joinGroup(e2e.srv, mama, group.id);
    await joinGroup(e2e.srv, friend, group.id);
    const page = await loginLive(mama, "/notifications");
    const fs = await connectSocket(e2e.srv, friend.token);
    const m = await sendOk(fs, group.id, "@乐乐妈妈 明天的康复课你去吗");
    const toast = page.locator(".toast").filter({ hasText: "豆豆爸爸 在“脑瘫家庭互助”里提到了您" });
    await toast.waitFor();
    await screenshot(page, "toast-mention");
    await toast.getByRole("link").click();
    await page.waitForURL(
      (u) => u.pathname === `/groups/${group.id}` && u.searchParams.get("at") === String(m.seq),
    );
    await expect.poll(() => page.locator(`#msg-${m.seq}`).getAttribute("class")).toContain("jumped");

    // the notification list opens the same message
    await page.goto("/notifications");
    await page.getByRole("link", { name: "豆豆爸爸 在“脑瘫家庭互助”里提到了您" }).click();
    await page.waitForURL((u) => u.searchParams.get("at") === String(m.seq));

    // the social worker: crisis talk, then a mention while the banner is up (a toast lasts 6 s,
    // and the alert is published in the background, so the mention is sent once the banner shows)
    const swPage = await loginLive(sw, "/moderation");
    await sendOk(fs, group.id, "我真的不想活了");
    const banner = swPage.locator(".crisis-banner");
    await banner.waitFor();
    await sendOk(fs, group.id, "@李社工 您好，想请教补贴的事");
    const mention = swPage.locator(".toast").filter({ hasText: "豆豆爸爸 在“脑瘫家庭互助”里提到了您" });
    await mention.waitFor();
    // no "new message" toast for the alert itself: the banner says it
    expect(await swPage.locator(".toast").filter({ hasText: "可能需要帮助" }).count()).toBe(0);
    for (const y of [0, 400]) {
      await swPage.evaluate(`window.scrollTo(0, ${y})`);
      const b = (await banner.boundingBox())!;
      for (const t of await swPage.locator(".toast").all())
        expect(overlap(b, (await t.boundingBox())!)).toBe(false);
    }
    await swPage.evaluate("window.scrollTo(0, 0)");
    await expectAccessible(swPage, "banner-and-toast");
    await screenshot(swPage, "banner-and-toast");
    await banner.getByRole("link", { name: "去查看" }).click();
    await swPage.waitForURL((u) => u.pathname === "/alerts" && !!u.searchParams.get("alert"));
  });
});

describe("respite offered at once after a high-stress check-in", () => {
  it("a stress 5 check-in shows the hotlines as tel: links and respite slots; one tap books one", async () => {
    const nainai = await buildCaregiver(e2e.srv, { displayName: "小米奶奶" });
    await buildChild(e2e.srv, nainai, { nickname: "小米", disabilityTypes: ["cerebral_palsy"] });
    const station = await buildStation(e2e.srv, { name: "阳光托管站", disabilityTypes: ["cerebral_palsy"] });
    const other = await buildStation(e2e.srv, { name: "不收脑瘫的站", disabilityTypes: ["hearing"] });
    await buildSlot(e2e.srv, { station: other, startsAt: hoursFromNow(20), endsAt: hoursFromNow(22) });
    for (const h of [26, 50, 74, 98])
      await buildSlot(e2e.srv, { station, startsAt: hoursFromNow(h), endsAt: hoursFromNow(h + 3) });

    const { page } = await e2e.newUser();
    await loginViaUi(page, nainai.email, nainai.password);
    await page.goto("/checkin");
    await page.getByText("快撑不住了").click();
    await page.getByLabel("想说的话（可不填）").fill("孩子夜里一直哭，我三天没睡了");
    await page.getByRole("button", { name: "提交" }).click();
    const now = page.getByTestId("respite-now");
    await now.getByRole("heading", { name: "现在就可以得到帮助" }).waitFor();
    const hotline = now.getByRole("link", { name: "12356" });
    expect(await hotline.getAttribute("href")).toBe("tel:12356");
    expect(await now.getByRole("link", { name: "400-161-9995" }).getAttribute("href")).toBe("tel:4001619995");
    const style = (el: unknown) =>
      (globalThis as unknown as { getComputedStyle(e: unknown): { whiteSpace: string } }).getComputedStyle(el)
        .whiteSpace;
    expect(await hotline.evaluate(style)).toBe("nowrap");
    const slots = now.locator(".slot");
    await expect.poll(() => slots.count()).toBe(3);
    expect(await now.getByText("不收脑瘫的站").count()).toBe(0);
    await slots.first().getByText("给小米").waitFor();
    await expectAccessible(page, "checkin-high");
    await screenshot(page, "checkin-high");
    await slots.first().getByRole("button", { name: "预约这个时段" }).click();
    await slots.first().getByText("预约成功！").waitFor();
    await screenshot(page, "checkin-booked");
    // the history, newest first, with the note
    await page.locator(".stress-history").getByText("孩子夜里一直哭，我三天没睡了").waitFor();
    await page.goto("/family");
    await page.locator(".stress-history").getByText("孩子夜里一直哭，我三天没睡了").waitFor();
  });
});
