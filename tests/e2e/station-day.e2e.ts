import type { Station } from "@carecircle/shared";
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  type Account,
  bookOk,
  buildCaregiver,
  buildChild,
  buildSlot,
  buildStaff,
  buildStation,
  hoursFromNow,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

// Issue 19 §3 at phone width: staff check a child in and out (who brought and collected her),
// the grandmother sees both on her bookings; staff file an incident on the body outline and she
// acknowledges it in the app.
let e2e: E2E;
let staff: Account;
let station: Station;

beforeAll(async () => {
  e2e = await startE2E();
  staff = await buildStaff(e2e.srv, "station_staff", "李老师");
  station = await buildStation(e2e.srv, { name: "幸福街道托管站" }, { staff: [staff] });
});
afterAll(async () => {
  await e2e?.close();
});

describe("a day at the station", () => {
  it("staff check the child in and out, the family sees both, and acknowledges an incident", async () => {
    const nainai = await buildCaregiver(e2e.srv, { displayName: "豆豆奶奶" });
    const child = await buildChild(e2e.srv, nainai, {
      nickname: "豆豆",
      careNotes: {
        allergies: "花生过敏，会呼吸困难",
        medication: "午饭后吃一片丙戊酸钠",
        calming: "抱着蓝色毯子",
      },
    });
    const { slot } = await buildSlot(e2e.srv, { station, startsAt: hoursFromNow(1) });
    await bookOk(e2e.srv, nainai, slot.id, child.id);

    const s = await e2e.newUser();
    await loginViaUi(s.page, staff.email, staff.password);
    await s.page.goto("/roster");
    const alert = s.page.getByRole("region", { name: "过敏和用药" });
    await alert.getByText("花生过敏，会呼吸困难").waitFor();
    await s.page.getByRole("button", { name: "豆豆 到了" }).click();
    const dialog = s.page.getByRole("dialog");
    await dialog.getByLabel("送来的人").selectOption({ label: "豆豆奶奶（家庭照顾者）" });
    await screenshot(s.page, "station-day-check-in");
    await expectAccessible(s.page, "check-in dialog");
    await dialog.getByRole("button", { name: "记录到站" }).click();
    await s.page.getByText("由 豆豆奶奶（家庭照顾者） 送来").waitFor();
    await s.page.getByRole("button", { name: "撤销 豆豆 的到站" }).waitFor();
    await screenshot(s.page, "station-day-roster");
    await expectAccessible(s.page, "roster after check-in");

    const g = await e2e.newUser();
    await loginViaUi(g.page, nainai.email, nainai.password);
    await g.page.goto("/bookings");
    await g.page.getByText(/到站，由 豆豆奶奶（家庭照顾者） 送来/).waitFor();

    // Picked up by someone not on the list: typed in.
    await s.page.getByRole("button", { name: "豆豆 被接走了" }).click();
    await dialog.getByLabel("接走的人").selectOption({ label: "其他人（输入姓名）" });
    await dialog.getByLabel("姓名").fill("王小明");
    await dialog.getByLabel("与孩子的关系").fill("舅舅");
    await dialog.getByRole("button", { name: "记录接走" }).click();
    await s.page.getByText("由 王小明（舅舅） 接走").waitFor();

    await g.page.reload();
    await g.page.getByText(/由 王小明（舅舅） 接走/).waitFor();
    await screenshot(g.page, "station-day-family-booking");
    await expectAccessible(g.page, "family bookings after pick-up");

    // An incident, located on the body outline by keyboard and by tap.
    await s.page.getByRole("button", { name: "报告事件" }).click();
    await dialog.getByLabel("发生了什么").fill("在活动室滑倒，左膝擦伤");
    await dialog.getByLabel("已做的急救处理").fill("清洗伤口，贴创可贴");
    const leftLeg = dialog.getByRole("checkbox", { name: "左腿（正面）" });
    await leftLeg.focus();
    await s.page.keyboard.press(" ");
    await dialog.locator('[data-region="left_leg_front"][aria-checked="true"]').waitFor();
    await dialog.getByRole("checkbox", { name: "左手" }).click();
    await dialog.getByText("左腿（正面）、左手").waitFor();
    await screenshot(s.page, "station-day-incident-form");
    await expectAccessible(s.page, "incident form");
    await dialog.getByRole("button", { name: "提交报告" }).click();
    await dialog.getByText("报告已提交，已通知家长。").waitFor();

    await g.page.goto("/incidents");
    await g.page.getByRole("link", { name: /豆豆 · 幸福街道托管站/ }).click();
    await g.page.getByText("在活动室滑倒，左膝擦伤").waitFor();
    await g.page.getByRole("button", { name: "我已阅读这份报告" }).click();
    await g.page.getByText(/豆豆奶奶 已确认/).waitFor();
    await screenshot(g.page, "station-day-incident-ack");
    await expectAccessible(g.page, "incident acknowledged");
  }, 120_000);

  it("staff write a care plan from the roster and the family confirms it", async () => {
    const mama = await buildCaregiver(e2e.srv, { displayName: "乐乐妈妈" });
    const child = await buildChild(e2e.srv, mama, { nickname: "乐乐" });
    const { slot } = await buildSlot(e2e.srv, { station, startsAt: hoursFromNow(2) });
    await bookOk(e2e.srv, mama, slot.id, child.id);

    const s = await e2e.newUser();
    await loginViaUi(s.page, staff.email, staff.password);
    await s.page.goto("/roster");
    const item = s.page.getByRole("listitem").filter({ hasText: "乐乐" });
    await item.getByRole("link", { name: "照护计划" }).click();
    await s.page.getByLabel("如何安抚孩子").fill("抱着蓝色毯子，小声唱歌");
    await s.page.getByLabel("紧急情况怎么办").fill("癫痫发作：侧卧，计时，超过5分钟打120");
    await s.page.getByRole("button", { name: "保存计划" }).click();
    await s.page.getByText("家长尚未确认").waitFor();

    const g = await e2e.newUser();
    await loginViaUi(g.page, mama.email, mama.password);
    await g.page.goto("/care-plans");
    await g.page.getByText("抱着蓝色毯子，小声唱歌").waitFor();
    await g.page.getByRole("button", { name: "确认这份计划" }).click();
    await g.page.getByText(/乐乐妈妈 已确认/).waitFor();
    await screenshot(g.page, "station-day-care-plan");
    await expectAccessible(g.page, "care plan confirmed");
  }, 120_000);
});
