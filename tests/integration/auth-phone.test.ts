import { sql } from "@carecircle/server";
import { describe, expect, it } from "vitest";
import { buildCaregiver, sqlCount } from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * Sign-in with a mainland mobile number (issue 16 §5, decision 108): register with a number, an
 * email or both; sign in with either as one `identifier`, however the number is written.
 */

const srv = useTestServer({}, { captureLogs: true });
const PASSWORD = "correct-horse-battery-9";
let seq = 0;
/** A mobile number no other test of this file uses. */
const mobile = () => `139${String(Date.now() % 1e5).padStart(5, "0")}${String(++seq).padStart(3, "0")}`;
/** `13912345678` written the way people type it: `+86 139-1234-5678`. */
const spaced = (m: string) => `+86 ${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`;

const register = (body: Record<string, unknown>) =>
  srv.http.post("/api/auth/register").send({ password: PASSWORD, displayName: `奶奶${++seq}`, ...body });
const login = (identifier: string, password = PASSWORD) =>
  srv.http.post("/api/auth/login").send({ identifier, password });

describe("register and sign in with a mobile number", () => {
  it("a number with +86, spaces and dashes is stored as 11 digits and signs in however written", async () => {
    const m = mobile();
    expect((await register({ phone: spaced(m) })).status).toBe(202);
    for (const written of [m, spaced(m), `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`, `+86${m}`]) {
      const res = await login(written);
      expect(res.status, `${written}: ${res.text}`).toBe(200);
      expect(res.body.user).toMatchObject({ phone: m, email: null, role: "caregiver" });
    }
  });

  it("email stays optional the other way: email only, or both, each signing in", async () => {
    const email = `g-${++seq}@test.carecircle`;
    expect((await register({ email })).status).toBe(202);
    expect((await login(email)).status).toBe(200);
    const m = mobile();
    const both = `both-${++seq}@test.carecircle`;
    expect((await register({ email: both, phone: m })).status).toBe(202);
    const byPhone = await login(m);
    const byEmail = await login(both.toUpperCase());
    expect(byPhone.body.user.id).toBe(byEmail.body.user.id);
    expect(byPhone.body.user).toMatchObject({ phone: m, email: both });
  });

  it("older clients still sign in with the `email` field, which takes a number too", async () => {
    const m = mobile();
    await register({ phone: m });
    const res = await srv.http.post("/api/auth/login").send({ email: spaced(m), password: PASSWORD });
    expect(res.status, res.text).toBe(200);
  });

  it("neither a number nor an email, or a number that cannot sign in, is refused by field", async () => {
    const none = await register({});
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe("VALIDATION_FAILED");
    expect(none.body.error.details.fields).toHaveProperty("phone");
    for (const phone of ["010-12345678", "12812345678", "+44 20 7946 0958", "1391234567"]) {
      const res = await register({ phone });
      expect(res.status, phone).toBe(400);
      expect(res.body.error.details.fields.phone, phone).toBe("mobile");
    }
    const bad = await login("12345");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.identifier).toBe("identifier");
  });

  it("a taken number answers like a new one, creates nothing, and keeps the owner's password", async () => {
    const m = mobile();
    await register({ phone: m });
    const again = await register({ phone: spaced(m), password: "another-password-42" });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ ok: true });
    expect(await sqlCount(srv, sql`select count(*) from users where phone = ${m}`)).toBe(1);
    expect((await login(m, "another-password-42")).status).toBe(401);
    expect((await login(m)).status).toBe(200);
    expect(srv.logs.some((l) => l.includes("register_existing_email"))).toBe(true);
    expect(srv.logs.some((l) => l.includes(m))).toBe(false);
  });

  it("a new email with a taken number creates nothing either", async () => {
    const m = mobile();
    await register({ phone: m });
    const email = `dup-${++seq}@test.carecircle`;
    expect((await register({ phone: m, email })).status).toBe(202);
    expect(await sqlCount(srv, sql`select count(*) from users where email = ${email}`)).toBe(0);
  });

  it("wrong passwords are throttled per number, whichever way it is written", async () => {
    const m = mobile();
    await register({ phone: m });
    const forms = [m, spaced(m), `+86${m}`, `${m.slice(0, 3)} ${m.slice(3)}`, m];
    for (const f of forms) expect((await login(f, "not-her-password")).status).toBe(401);
    const limited = await login(spaced(m));
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
  });
});

describe("the sign-in number in settings", () => {
  it("an account without email keeps a mobile number; nobody takes another's; landlines may be shared", async () => {
    const m = mobile();
    await register({ phone: m });
    const nainai = (await login(m)).body as { token: string };
    const auth = `Bearer ${nainai.token}`;
    const patch = (who: string, phone: string | null) =>
      srv.http.patch("/api/me").set("Authorization", who).send({ phone });
    for (const phone of [null, "010-12345678"]) {
      const res = await patch(auth, phone);
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.details.fields.phone).toBe("mobile_needed_to_sign_in");
    }
    const other = await buildCaregiver(srv);
    const taken = await patch(other.auth, spaced(m));
    expect(taken.status).toBe(400);
    expect(taken.body.error.details.fields.phone).toBe("phone_taken");
    expect((await patch(other.auth, "010-88886666")).status).toBe(200);
    const third = await buildCaregiver(srv);
    expect((await patch(third.auth, "010 8888 6666")).status).toBe(200);
    const moved = mobile();
    expect((await patch(auth, moved)).body.phone).toBe(moved);
    expect((await login(moved)).status).toBe(200);
    expect((await login(m)).status).toBe(401);
  });
});
