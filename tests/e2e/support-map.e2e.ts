import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assignSocialWorker,
  bookOk,
  buildCaregiver,
  buildChild,
  buildGroup,
  buildSlot,
  buildStaff,
  buildStation,
  joinGroup,
  moveSlot,
  openCase,
  setLocale,
} from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshot, startE2E } from "./support.js";

/*
 * Issue 18 §3 in the browser: the social worker sees a family's support map as a picture on the
 * family page at 360 px, records a neighbour (a field error first), saves a snapshot and compares
 * then with now; the grandmother sees her family's map in plain Chinese on her phone.
 */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const HOUR = 3_600_000;

/** A family with a group it posts in, a respite session attended and an open case. */
async function familyWithActivity() {
  const srv = e2e.srv;
  const sw = await buildStaff(srv, "social_worker", "陈社工");
  const grandma = await buildCaregiver(srv, { displayName: "王奶奶" });
  const child = await buildChild(srv, grandma);
  await assignSocialWorker(srv, grandma.familyId!, sw.id);
  await setLocale(srv, sw, "en");
  await openCase(srv, sw, grandma.familyId!);
  const { group } = await buildGroup(srv, { moderator: sw, name: "孤独症家长互助群" });
  await joinGroup(srv, grandma, group.id);
  const posted = await srv.http
    .post(`/api/groups/${group.id}/messages`)
    .set("Authorization", grandma.auth)
    .send({ clientId: randomUUID(), body: "谢谢大家的经验" });
  expect(posted.status).toBe(200);
  const staff = await buildStaff(srv, "station_staff", "刘老师");
  const station = await buildStation(srv, { name: "阳光托管站" }, { staff: [staff] });
  const { slot } = await buildSlot(srv, { station });
  const booking = await bookOk(srv, grandma, slot.id, child.id);
  await moveSlot(srv, slot.id, new Date(Date.now() - HOUR), new Date(Date.now() + HOUR));
  await srv.http
    .post(`/api/bookings/${booking.id}/check-in`)
    .set("Authorization", staff.auth)
    .send({ broughtBy: { name: "妈妈", relation: "妈妈" } })
    .expect(200);
  return { sw, grandma };
}

describe("the support-network map", () => {
  it("the social worker records a tie and compares then with now; the grandmother reads her map", async () => {
    const { sw, grandma } = await familyWithActivity();

    const { page } = await e2e.newUser({ locale: "en" });
    await loginViaUi(page, sw.email, sw.password);
    await page.goto(`/families/${grandma.familyId}`);
    const card = page.locator("section", { has: page.getByRole("heading", { name: "Support network" }) });
    await card.getByRole("img", { name: /Support map: 3 sources of support/ }).waitFor();
    await card.getByText("阳光托管站").first().waitFor();

    await card.getByLabel("Who").selectOption("neighbour");
    await card.getByRole("button", { name: "Add tie" }).click();
    await card
      .getByText("Please fix the fields below")
      .or(card.locator(".field-error").first())
      .first()
      .waitFor();
    expect(await card.locator(".field-error").count()).toBeGreaterThanOrEqual(2);
    await card.getByLabel("Name or description").fill("楼下张阿姨");
    await card.getByLabel("practical help").check();
    await card.getByRole("button", { name: "Add tie" }).click();
    await card.getByRole("img", { name: /4 sources of support/ }).waitFor();
    await card.getByRole("button", { name: "Save the map as it is now" }).click();
    await card.getByText("Saved.").waitFor();

    await card.getByRole("button", { name: "Then", exact: true }).click();
    await card.getByRole("img", { name: /1 source of support/ }).waitFor();
    await expectAccessible(page, "support-map-staff");
    await screenshot(page, "support-map-then-en");
    await card.getByRole("button", { name: "Now", exact: true }).click();
    await card.getByRole("img", { name: /4 sources of support/ }).waitFor();
    await card.getByRole("heading", { name: "Support network" }).scrollIntoViewIfNeeded();
    await screenshot(page, "support-map-now-en");

    const gm = await e2e.newUser();
    await loginViaUi(gm.page, grandma.email, grandma.password);
    await gm.page.goto("/family");
    const mine = gm.page.locator("section", { has: gm.page.getByRole("heading", { name: "支持网络图" }) });
    await mine.getByRole("img", { name: /共 4 个支持来源/ }).waitFor();
    await mine.locator(".tie-list").getByText("楼下张阿姨").waitFor();
    await mine.getByText(/（开案时）比，多了 3 个支持来源/).waitFor();
    await mine.locator(".tie-list").getByText("孤独症家长互助群").waitFor();
    // Read-only for the family: no editing, no form.
    expect(await mine.getByRole("button", { name: "添加" }).count()).toBe(0);
    expect(await mine.getByRole("button", { name: "删除" }).count()).toBe(0);
    await expectAccessible(gm.page, "support-map-family");
    await screenshot(gm.page, "support-map-family-zh");
  });
});
