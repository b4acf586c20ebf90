import type { Ban, CrisisHelp, Group, Member, Mute, Slot, SlotRule } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildFamily,
  buildGroup,
  buildSlot,
  buildStaff,
  buildStation,
  joinGroup,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshotBoth, startE2E } from "./support.js";

let e2e: E2E;
let admin: Account;
let socialWorker: Account;

beforeAll(async () => {
  e2e = await startE2E();
  admin = await buildAdmin(e2e.srv);
  socialWorker = await buildStaff(e2e.srv, "social_worker", "王社工");
});
afterAll(async () => {
  await e2e?.close();
});

async function crisisHelp(account: Account): Promise<CrisisHelp> {
  const res = await e2e.srv.http.get("/api/moderation/crisis-help").set("Authorization", account.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as CrisisHelp;
}

describe("admin tools in the browser", () => {
  it("an admin sets the crisis help text per locale; a social worker reads it but cannot edit", async () => {
    const { page } = await e2e.newUser();
    await loginViaUi(page, admin.email, admin.password);
    await page.goto("/crisis-help");
    await page.getByRole("heading", { level: 1, name: "危机求助信息" }).waitFor();
    const zh = page.getByLabel("中文求助信息");
    const en = page.getByLabel("英文求助信息");
    await zh.waitFor();
    await expectAccessible(page, "crisis-help");

    // an emptied field is refused in plain words before anything is sent
    await zh.fill("");
    await en.fill("");
    await page.getByRole("button", { name: "保存求助信息" }).click();
    await page.getByText("请填写").first().waitFor();

    const zhText = "心理援助热线 400-161-9995（24小时）。你并不孤单。";
    const enText = "Psychological support hotline 400-161-9995 (24 hours). You are not alone.";
    await zh.fill(zhText);
    await en.fill(enText);
    await page.getByRole("button", { name: "保存求助信息" }).click();
    await page.getByRole("status").filter({ hasText: "求助信息已保存。" }).waitFor();
    expect(await crisisHelp(admin)).toEqual({ "zh-CN": zhText, en: enText });
    await expectAccessible(page, "crisis-help saved");
    await screenshotBoth(page, "crisis-help");

    // the social worker sees the text, without a form
    const sw = await e2e.newUser();
    await loginViaUi(sw.page, socialWorker.email, socialWorker.password);
    await sw.page.goto("/crisis-help");
    await sw.page.getByText("只有管理员可以修改这段文字。").waitFor();
    await sw.page.getByText(zhText).waitFor();
    expect(await sw.page.getByRole("button", { name: "保存求助信息" }).count()).toBe(0);
    await expectAccessible(sw.page, "crisis-help read-only");
  });

  it("a moderator lifts a mute and a ban with a reason, edits and archives the group; an admin adds a moderator", async () => {
    const { group } = await buildGroup(e2e.srv, { moderator: socialWorker, name: "孤独症家长互助" });
    const muted = await buildCaregiver(e2e.srv, { displayName: "小宇妈妈" });
    const banned = await buildCaregiver(e2e.srv, { displayName: "乐乐爸爸" });
    await joinGroup(e2e.srv, muted, group.id);
    await joinGroup(e2e.srv, banned, group.id);
    const call = (
      method: "get" | "post" | "patch",
      path: string,
      who: Account = socialWorker,
      body?: object,
    ) => {
      const r = e2e.srv.http[method](path).set("Authorization", who.auth);
      return body ? r.send(body) : r;
    };
    let res = await call("post", `/api/groups/${group.id}/mutes`, socialWorker, {
      userId: muted.id,
      minutes: 1440,
      reason: "连续刷屏",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    res = await call("post", `/api/groups/${group.id}/bans`, socialWorker, {
      userId: banned.id,
      reason: "发广告",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);

    const { page } = await e2e.newUser();
    await loginViaUi(page, socialWorker.email, socialWorker.password);
    await page.goto(`/groups/${group.id}`);
    await page.getByRole("link", { name: "管理本群" }).click();
    await page.getByRole("heading", { level: 1, name: "管理：孤独症家长互助" }).waitFor();
    await page.getByRole("button", { name: "解除 小宇妈妈 的禁言" }).waitFor();
    await page.getByRole("button", { name: "解除对 乐乐爸爸 的封禁" }).waitFor();
    await expectAccessible(page, "group manage");
    await screenshotBoth(page, "group-manage");

    // lift the mute early, with a reason for the audit log
    await page.getByRole("button", { name: "解除 小宇妈妈 的禁言" }).click();
    const dialog = page.getByRole("dialog", { name: "解除 小宇妈妈 的禁言" });
    await dialog.getByLabel("原因（可不填）").fill("已沟通，表示会注意");
    await expectAccessible(page, "lift mute dialog");
    await dialog.getByRole("button", { name: "解除禁言" }).click();
    await page.getByText("目前没有人被禁言。").waitFor();
    res = await call("get", `/api/groups/${group.id}/mutes`);
    expect((res.body as { mutes: Mute[] }).mutes).toEqual([]);

    // lift the ban without a reason
    await page.getByRole("button", { name: "解除对 乐乐爸爸 的封禁" }).click();
    await page
      .getByRole("dialog", { name: "解除对 乐乐爸爸 的封禁" })
      .getByRole("button", { name: "解除封禁" })
      .click();
    await page.getByText("目前没有人被封禁。").waitFor();
    res = await call("get", `/api/groups/${group.id}/bans`);
    expect((res.body as { bans: Ban[] }).bans).toEqual([]);
    res = await call("post", `/api/groups/${group.id}/join`, banned);
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    // edit the group: a wrong number is refused in plain words, then slow mode is saved
    await page.getByLabel("慢速模式（秒）").fill("99999");
    await page.getByRole("button", { name: "保存群设置" }).click();
    await page.locator(".field-error").first().waitFor();
    await page.getByLabel("慢速模式（秒）").fill("30");
    await page.getByLabel("群名称").fill("孤独症家长互助（北京）");
    await page.getByRole("button", { name: "保存群设置" }).click();
    await page.getByRole("status").filter({ hasText: "群设置已保存。" }).waitFor();
    res = await call("get", `/api/groups/${group.id}`);
    expect((res.body as Group).slowModeSeconds).toBe(30);
    expect((res.body as Group).name).toBe("孤独症家长互助（北京）");

    // archive (the confirmation is accepted by the test browser)
    await page.getByRole("button", { name: "归档本群" }).click();
    await page.getByRole("button", { name: "恢复本群" }).waitFor();
    res = await call("get", `/api/groups/${group.id}`);
    expect((res.body as Group).archivedAt).not.toBeNull();

    // an admin makes another social worker a moderator, picked from the user list
    const second = await buildStaff(e2e.srv, "social_worker", "李社工");
    const a = await e2e.newUser();
    await loginViaUi(a.page, admin.email, admin.password);
    await a.page.goto(`/groups/${group.id}/manage`);
    const who = a.page.getByLabel("添加群管理员");
    await who.locator("option", { hasText: "李社工" }).waitFor({ state: "attached" });
    await who.selectOption({ label: `李社工 · 社工 · ${second.email}` });
    await a.page.getByRole("button", { name: "设为群管理员" }).click();
    await a.page.getByRole("status").filter({ hasText: "已添加群管理员。" }).waitFor();
    res = await call("get", `/api/groups/${group.id}/members`, admin);
    const members = (res.body as { members: Member[] }).members;
    expect(members.find((m) => m.id === second.id)?.role).toBe("moderator");
  });

  it("an admin edits a station's hours and quota and assigns, then removes, its staff", async () => {
    const station = await buildStation(e2e.srv);
    const staff = await buildStaff(e2e.srv, "station_staff", "陈老师");
    const { page } = await e2e.newUser();
    await loginViaUi(page, admin.email, admin.password);
    await page.goto("/stations");
    await page.getByRole("link", { name: `编辑“${station.name}”` }).click();
    await page.getByRole("heading", { level: 1, name: `编辑站点：${station.name}` }).waitFor();
    await page.getByLabel("周六").fill("9点到12点");
    await page.getByRole("button", { name: "保存站点信息" }).click();
    await page.getByText("请按 09:00-12:00 的格式填写").first().waitFor();
    await page.getByLabel("周六").fill("09:00-12:00, 14:00-16:30");
    await page.getByLabel("每个家庭每周最多预约次数").fill("5");
    await page.getByRole("group", { name: "提供的服务" }).getByLabel("日间托管").uncheck();
    await page.getByRole("button", { name: "保存站点信息" }).click();
    await page.getByRole("status").filter({ hasText: "站点信息已保存。" }).waitFor();
    let res = await e2e.srv.http.get(`/api/stations/${station.id}`).set("Authorization", admin.auth);
    expect(res.body.maxBookingsPerWeek).toBe(5);
    expect(res.body.serviceTypes).toEqual(["respite"]);
    expect(res.body.openingHours["6"]).toEqual([
      ["09:00", "12:00"],
      ["14:00", "16:30"],
    ]);
    await expectAccessible(page, "station edit");
    await screenshotBoth(page, "station-edit");

    const who = page.getByLabel("添加工作人员");
    await who.locator("option", { hasText: "陈老师" }).waitFor({ state: "attached" });
    await who.selectOption({ label: `陈老师 · ${staff.email}` });
    await page.getByRole("button", { name: "添加到本站点" }).click();
    await page.getByRole("button", { name: "移除 陈老师" }).waitFor();
    res = await e2e.srv.http.get(`/api/stations/${station.id}`).set("Authorization", admin.auth);
    expect(res.body.staff.map((s: { id: string }) => s.id)).toContain(staff.id);
    await page.getByRole("button", { name: "移除 陈老师" }).click();
    await page.getByText("这个站点还没有工作人员。").waitFor();
  });

  it("a social worker books a slot for a child of an assigned family (recorded on behalf)", async () => {
    const { caregiver, child } = await buildFamily(e2e.srv, { nickname: "豆豆" });
    const familyId = caregiver.familyId ?? "";
    await assignSocialWorker(e2e.srv, familyId, socialWorker.id);
    const { slot, station } = await buildSlot(e2e.srv, { capacity: 4 });
    const { page } = await e2e.newUser();
    await loginViaUi(page, socialWorker.email, socialWorker.password);
    await page.goto(`/families/${familyId}`);
    await page.getByRole("link", { name: "为这个家庭预约" }).click();
    await page.getByRole("heading", { level: 1, name: /^为 .+ 预约$/ }).waitFor();
    // the slot's day on the 14-day strip, then its card, then the confirmation
    await page.locator(`[data-date="${slot.localDate}"]`).click();
    const item = page.getByRole("listitem").filter({ hasText: station.name }).first();
    await item.getByRole("button", { name: "预约这个时段" }).waitFor();
    await expectAccessible(page, "book on behalf");
    await item.getByRole("button", { name: "预约这个时段" }).click();
    await page.getByRole("button", { name: "确认预约" }).click();
    await page.getByText("预约成功！").waitFor();
    const res = await e2e.srv.http
      .get(`/api/bookings?familyId=${familyId}`)
      .set("Authorization", caregiver.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = (res.body as { bookings: { slotId: string; childId: string; onBehalf: boolean }[] })
      .bookings;
    expect(mine.find((b) => b.slotId === slot.id)).toMatchObject({ childId: child.id, onBehalf: true });
  });

  it("a social worker creates a group from the form; station staff add a slot and a weekly rule, mistakes refused in place", async () => {
    // The group form: an empty name is refused before anything is sent, then the group is created.
    const { page } = await e2e.newUser();
    await loginViaUi(page, socialWorker.email, socialWorker.password);
    await page.goto("/groups");
    const groupForm = page.getByRole("form", { name: "新建互助群" });
    await groupForm.getByRole("button", { name: "创建" }).click();
    await expect.poll(() => groupForm.getByLabel("群名称").getAttribute("aria-invalid")).toBe("true");
    await groupForm.getByLabel("群名称").fill("脑瘫家长夜谈");
    await groupForm.getByLabel("群介绍").fill("晚上孩子睡了，我们聊聊。");
    await groupForm.getByLabel("障碍类型").selectOption("cerebral_palsy");
    await groupForm.getByLabel("群类型").selectOption("announcement");
    await groupForm.getByRole("button", { name: "创建" }).click();
    await page.waitForURL(/\/groups\/[0-9a-f-]{36}$/);
    const groupId = page.url().split("/").pop()!;
    const created = await e2e.srv.http.get(`/api/groups/${groupId}`).set("Authorization", socialWorker.auth);
    expect(created.body).toMatchObject({
      name: "脑瘫家长夜谈",
      topic: "cerebral_palsy",
      kind: "announcement",
    });

    // The slot forms of a station's staff.
    const staff = await buildStaff(e2e.srv, "station_staff", "站点李老师");
    const station = await buildStation(e2e.srv, { name: "阳光驿站" }, { staff: [staff] });
    const s = await e2e.newUser();
    await loginViaUi(s.page, staff.email, staff.password);
    await s.page.goto("/slots");
    const slotForm = s.page.getByRole("form", { name: "添加一个时段" });
    await slotForm.getByLabel("服务类型").selectOption("trusteeship");
    await slotForm.getByLabel("开始时间").fill("10:00");
    await slotForm.getByLabel("结束时间").fill("09:00");
    await slotForm.getByLabel("名额").fill("0");
    await slotForm.getByRole("button", { name: "添加时段" }).click();
    await expect.poll(() => slotForm.getByLabel("结束时间").getAttribute("aria-invalid")).toBe("true");
    expect(await slotForm.getByLabel("名额").getAttribute("aria-invalid")).toBe("true");
    await slotForm.getByLabel("结束时间").fill("12:00");
    await slotForm.getByLabel("名额").fill("3");
    await slotForm.getByRole("button", { name: "添加时段" }).click();
    await s.page.getByRole("status").filter({ hasText: "时段已添加" }).waitFor();
    const slots = await e2e.srv.http
      .get(`/api/slots?stationId=${station.id}`)
      .set("Authorization", staff.auth);
    expect(
      (slots.body as { slots: Slot[] }).slots.map((x) => [x.serviceType, x.localStartTime, x.capacity]),
    ).toEqual([["trusteeship", "10:00", 3]]);

    const rules = s.page.getByRole("region", { name: "每周固定时段" });
    await rules.getByLabel("开始时间").fill("14:00");
    await rules.getByLabel("结束时间").fill("13:00");
    await rules.getByRole("button", { name: "保存规则" }).click();
    await expect.poll(() => rules.getByLabel("结束时间").getAttribute("aria-invalid")).toBe("true");
    await rules.getByLabel("结束时间").fill("16:00");
    await rules.getByLabel("名额").fill("5");
    await rules.getByRole("button", { name: "保存规则" }).click();
    await s.page.getByRole("status").filter({ hasText: "规则已保存" }).waitFor();
    const saved = await e2e.srv.http
      .get(`/api/slot-rules?stationId=${station.id}`)
      .set("Authorization", staff.auth);
    expect((saved.body as { rules: SlotRule[] }).rules).toMatchObject([
      { startTime: "14:00", endTime: "16:00", capacity: 5, serviceType: "respite", weekdays: [1, 3, 5] },
    ]);
    await expectAccessible(s.page, "slots forms");
  });
});
