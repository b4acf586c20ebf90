import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCaregiver } from "../factories/index.js";
import { type E2E, expectAccessible, loginViaUi, screenshotBoth, startE2E } from "./support.js";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("settings: log out on all devices (issue 14 #3)", () => {
  it("a grandmother who lost her phone signs out everywhere from the tablet; the phone is signed out at once", async () => {
    const grandma = await buildCaregiver(e2e.srv, { displayName: "小宇奶奶" });
    const phone = (await e2e.newUser()).page;
    const tablet = (await e2e.newUser()).page;
    await loginViaUi(phone, grandma.email, grandma.password);
    await loginViaUi(tablet, grandma.email, grandma.password);
    const phoneToken = (await phone.evaluate(
      'JSON.parse(localStorage.getItem("cc.session") ?? "{}").token',
    )) as unknown;
    expect(typeof phoneToken).toBe("string");

    await tablet.goto("/settings");
    const button = tablet.getByRole("button", { name: "在所有设备上退出" });
    await button.waitFor();
    await tablet.getByText("手机丢了，或者在别人的手机上登录过？").waitFor();
    await expectAccessible(tablet, "settings-logout-everywhere");
    await screenshotBoth(tablet, "settings-logout-everywhere");

    await button.click();
    await tablet.waitForURL("**/login");
    // The phone's socket is told the session ended: it signs out without anyone touching it.
    await phone.waitForURL("**/login");
    const me = await e2e.srv.http.get("/api/me").set("Authorization", `Bearer ${phoneToken}`);
    expect(me.status).toBe(401);
  });

  it("shows the same in English", async () => {
    const mum = await buildCaregiver(e2e.srv, { displayName: "Leo's mum", locale: "en" });
    const { page } = await e2e.newUser({ locale: "en" });
    await loginViaUi(page, mum.email, mum.password);
    await page.goto("/settings");
    await page.getByRole("button", { name: "Log out on all devices" }).waitFor();
    await expectAccessible(page, "settings-logout-everywhere-en");
  });
});
