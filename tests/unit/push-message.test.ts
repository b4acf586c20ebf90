import { describe, expect, it } from "vitest";
import {
  appPath,
  buildVersion,
  FALLBACK_PATH,
  navigateTarget,
  pushNote,
  SW_MESSAGE,
} from "../../client/src/pwa/push-message.js";

describe("what the service worker shows for a push (decision 104)", () => {
  it("shows the payload's generic title, tag and in-app target", () => {
    const data = JSON.stringify({
      kind: "mention",
      title: "有人在群里提到了您",
      url: "/groups/g1?message=m1",
      tag: "m:g1",
    });
    expect(pushNote(data, "zh-CN")).toEqual({
      kind: "mention",
      title: "有人在群里提到了您",
      url: "/groups/g1?message=m1",
      tag: "m:g1",
    });
  });

  it("falls back to a generic notification in the browser's language that opens the notifications", () => {
    for (const data of [
      undefined,
      null,
      "",
      "not json",
      "42",
      "null",
      JSON.stringify({ kind: "x" }),
      JSON.stringify({ title: "" }),
    ]) {
      expect(pushNote(data, "zh-CN")).toEqual({
        kind: "unknown",
        title: "关爱圈：您有一条新通知",
        url: FALLBACK_PATH,
      });
    }
    expect(pushNote("not json", "en-US").title).toBe("关爱圈: you have a new notification");
    expect(pushNote(JSON.stringify({ title: "x".repeat(121) }), "zh").url).toBe(FALLBACK_PATH);
  });

  it("never leads out of the app", () => {
    for (const url of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "bookings",
      7,
      null,
    ]) {
      expect(appPath(url)).toBe(FALLBACK_PATH);
    }
    expect(appPath("/alerts?alert=a1")).toBe("/alerts?alert=a1");
    expect(appPath("/bookings/../groups")).toBe("/groups");
    const note = pushNote(JSON.stringify({ kind: "k", title: "t", url: "https://evil.example/" }), "zh-CN");
    expect(note.url).toBe(FALLBACK_PATH);
  });

  it("the page follows only the worker's navigate message, and only to an in-app path", () => {
    expect(navigateTarget({ type: SW_MESSAGE.navigate, url: "/bookings" })).toBe("/bookings");
    expect(navigateTarget({ type: SW_MESSAGE.navigate, url: "//evil.example" })).toBe(FALLBACK_PATH);
    expect(navigateTarget({ type: "other", url: "/bookings" })).toBeNull();
    expect(navigateTarget("cc:navigate")).toBeNull();
  });

  it("the build version changes with any shipped file", () => {
    const a = buildVersion([{ url: "index.html", revision: "1" }, "assets/index-abc.js"]);
    expect(buildVersion([{ url: "index.html", revision: "1" }, "assets/index-abc.js"])).toBe(a);
    expect(buildVersion([{ url: "index.html", revision: "2" }, "assets/index-abc.js"])).not.toBe(a);
    expect(buildVersion([{ url: "index.html", revision: "1" }, "assets/index-abd.js"])).not.toBe(a);
  });
});
