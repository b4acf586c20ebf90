import { beforeAll, describe, expect, it } from "vitest";
import { buildCaregiver, buildStaff } from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * Issue 14 #12: display names could copy a staff member's name and carry bidi and zero-width
 * characters. They are cleaned, and refused where they read as a staff name.
 */

const srv = useTestServer();
beforeAll(async () => {
  await buildStaff(srv, "social_worker", "王丽社工");
  await buildStaff(srv, "station_staff", "Teacher Lin");
  await buildStaff(srv, "admin", "平台管理员");
});

let n = 0;
const PASSWORD = "correct-horse-battery-9";
const register = (displayName: string, email = `names-${++n}-${Date.now()}@test.carecircle`) =>
  srv.http.post("/api/auth/register").send({ email, password: PASSWORD, displayName });

describe("display names", () => {
  it("lose control, bidi, zero-width and filler characters at registration and when changed", async () => {
    const email = `names-clean-${Date.now()}@test.carecircle`;
    const res = await register("\u202E小\u200B雨\u2066妈妈\uFEFF\u0007", email);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const signedIn = await srv.http.post("/api/auth/login").send({ email, password: PASSWORD });
    expect(signedIn.body.user.displayName).toBe("小雨妈妈");
    const me = await buildCaregiver(srv);
    const patched = await srv.http
      .patch("/api/me")
      .set("Authorization", me.auth)
      .send({ displayName: "朵朵\u200D\u2067奶奶\u3164" });
    expect(patched.status).toBe(200);
    expect(patched.body.displayName).toBe("朵朵奶奶");
    const blank = await register("\u200B\u200C\u202E");
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.fields.displayName).toBeDefined();
  });

  it.each([
    ["the same name", "王丽社工"],
    ["traditional characters", "王麗社工"],
    ["a zero-width space inside", "王丽\u200B社工"],
    ["full-width letters and other case", "ＴＥＡＣＨＥＲ lin"],
    ["Cyrillic look-alikes", "Tеаcher Lin"],
    ["extra spaces", "平台 管理员"],
  ])("refuses a caregiver name that copies staff: %s", async (_why, name) => {
    const res = await register(name);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.fields.displayName).toBeDefined();
    expect(res.body.error.details.reason).toBe("staff_name");
    const me = await buildCaregiver(srv);
    const patched = await srv.http.patch("/api/me").set("Authorization", me.auth).send({ displayName: name });
    expect(patched.status).toBe(400);
    expect(patched.body.error.details.reason).toBe("staff_name");
  });

  it("still allows names that only share a part with staff names", async () => {
    expect((await register("王丽")).status).toBe(202);
    expect((await register("Lin's mum")).status).toBe(202);
  });
});
