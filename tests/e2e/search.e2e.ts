import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import type { Group, Message } from "@carecircle/shared";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, assignSocialWorker, buildCaregiver, buildStaff, sqlRows } from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

let e2e: E2E;
let group: Group;
let granny: Account;
let target: Message;
let sw: Account;

/** Post over HTTP as `who` (to the group, or to another conversation). */
async function post(who: Account, body: string, groupId = group.id): Promise<Message> {
  const res = await e2e.srv.http
    .post(`/api/groups/${groupId}/messages`)
    .set("Authorization", who.auth)
    .send({ clientId: randomUUID(), body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.message as Message;
}

/** No horizontal scrolling at phone width. */
async function expectNoSideScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
  expect(overflow).toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  e2e = await startE2E();
  sw = await buildStaff(e2e.srv, "social_worker", "李社工");
  const res = await e2e.srv.http
    .post("/api/groups")
    .set("Authorization", sw.auth)
    .send({ name: "脑瘫家庭互助", description: "交流护理经验", topic: "cerebral_palsy" });
  expect(res.status).toBe(201);
  group = res.body as Group;
  granny = await buildCaregiver(e2e.srv, { displayName: "朵朵奶奶" });
  await e2e.srv.http.post(`/api/groups/${group.id}/join`).set("Authorization", granny.auth).expect(200);
  await post(granny, "请问谁知道残疾证怎么办？");
  target = await post(granny, "申请康复补贴的流程是什么？要准备哪些材料？");
  await post(granny, "社工说下周会在群里发通知。");
  // Enough later talk that the message is far above the newest page of the chat.
  // (Written straight to the database: the send rate limit would make this take a minute.)
  await sqlRows(
    e2e.srv,
    sql`insert into messages (group_id, seq, client_id, sender_id, body, change_seq)
        select ${group.id}, g.last_seq + i, gen_random_uuid(), ${granny.id}, '今天天气不错，第' || i || '句闲聊。', g.change_seq + i
        from groups g, generate_series(1, 60) i where g.id = ${group.id}`,
  );
  await sqlRows(
    e2e.srv,
    sql`update groups set last_seq = last_seq + 60, change_seq = change_seq + 60 where id = ${group.id}`,
  );
});
afterAll(async () => {
  await e2e?.close();
});

describe("searching the chat", () => {
  it("a grandmother finds a Chinese phrase and opens the chat at that message (360 px, zh-CN)", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, granny.email, granny.password);
    await page.goto("/groups");
    await page.getByRole("link", { name: "搜索聊天记录" }).click();
    await page.getByLabel("搜索内容").fill("康复补贴");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    const hit = page.getByRole("listitem").filter({ hasText: "申请康复补贴的流程" });
    await hit.waitFor();
    await expect.poll(() => hit.locator("mark").first().textContent()).toBe("康复补贴");
    // The neighbours are shown around it.
    await hit.getByText("请问谁知道残疾证怎么办？").waitFor();
    await hit.getByText("社工说下周会在群里发通知。").waitFor();
    await expectNoSideScroll(page);
    await expectAccessible(page, "search-zh");
    await screenshot(page, "search-zh");

    await hit.getByRole("link", { name: "在聊天中查看" }).click();
    await page.waitForURL(
      (u) => u.pathname === `/groups/${group.id}` && u.searchParams.get("at") === String(target.seq),
    );
    const shown = page.locator(`#msg-${target.seq}`);
    await expect.poll(() => shown.getAttribute("class"), { timeout: 15_000 }).toContain("jumped");
    await expect.poll(() => shown.isVisible()).toBe(true);
    const box = (await shown.boundingBox())!;
    expect(box.y).toBeLessThan(page.viewportSize()!.height);
    expect(box.y + box.height).toBeGreaterThan(0);
    await screenshot(page, "search-opened-zh");
  });

  it("the same in English, from the chat's search link, scoped to the group", async () => {
    const mum = await buildCaregiver(e2e.srv, { displayName: "Leo's mum", locale: "en" });
    await e2e.srv.http.post(`/api/groups/${group.id}/join`).set("Authorization", mum.auth).expect(200);
    const { page } = await e2e.newUser({ locale: "en" });
    await loginViaUi(page, mum.email, mum.password);
    await page.goto(`/groups/${group.id}`);
    await page.getByRole("button", { name: /^More: who/ }).click();
    await page.getByRole("link", { name: "Search this group" }).click();
    await page.waitForURL((u) => u.pathname === "/search" && u.searchParams.get("groupId") === group.id);
    await page.getByLabel("Search for").fill("補貼");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const hit = page.getByRole("listitem").filter({ hasText: "申请康复补贴的流程" });
    await hit.getByRole("link", { name: "Open in chat" }).waitFor();
    await page.getByLabel("Search for").fill("没有这句话");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByText("Nothing found for “没有这句话”").waitFor();
    await page.getByLabel("Search for").fill("補貼");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await hit.waitFor();
    await expectNoSideScroll(page);
    await expectAccessible(page, "search-en");
    await screenshot(page, "search-en");
  });

  it("in a private conversation, the chat's search looks in that conversation, named by the other side", async () => {
    await assignSocialWorker(e2e.srv, granny.familyId ?? "", sw.id);
    const res = await e2e.srv.http
      .post("/api/conversations")
      .set("Authorization", granny.auth)
      .send({ socialWorkerId: sw.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const conversationId = (res.body as { id: string }).id;
    await post(granny, "康复补贴的表格我填好了，明天拿给您", conversationId);
    const { page } = await e2e.newUser();
    await loginViaUi(page, granny.email, granny.password);
    await page.goto(`/messages/${conversationId}`);
    await page.getByRole("button", { name: /^更多：在线/ }).click();
    await page.getByRole("link", { name: "在这个私信里搜索" }).click();
    await page.waitForURL(
      (u) => u.pathname === "/search" && u.searchParams.get("groupId") === conversationId,
    );
    const scope = page.getByLabel("在哪里搜索");
    await expect
      .poll(() => scope.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent))
      .toBe("私信：社工 李社工");
    await page.getByLabel("搜索内容").fill("康复补贴");
    await page.getByRole("button", { name: "搜索", exact: true }).click();
    await page.getByRole("listitem").filter({ hasText: "表格我填好了" }).waitFor();
    // the group's message with the same words is not in this conversation
    expect(await page.getByRole("listitem").filter({ hasText: "申请康复补贴的流程" }).count()).toBe(0);
    await expectNoSideScroll(page);
    await expectAccessible(page, "search-direct");
    await screenshot(page, "search-direct-zh");
  });
});
