import { sql } from "@carecircle/server";
import type { Family } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildChild,
  buildStaff,
  joinFamily,
  notificationsOf,
  sqlRows,
} from "../factories/index.js";
import { startServer, type TestServer, useTestServer } from "../setup/server.js";

/*
 * Issue 14 #1: a family invite code was a permanent bearer key to the family. Now it only lets
 * someone ask; the family (or its social worker) approves; codes are single-use and expire.
 */

const srv = useTestServer();

const as = (who: Account) => ({ Authorization: who.auth });
const familyOf = async (who: Account) => (await srv.http.get("/api/family").set(as(who))).body as Family;
const newCode = async (who: Account): Promise<string> => {
  const res = await srv.http.post("/api/family/invite-code").set(as(who));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.inviteCode as string;
};
const registerWith = (inviteCode: string, n = Math.random().toString(36).slice(2, 10)) =>
  srv.http.post("/api/auth/register").send({
    email: `join-${n}@test.carecircle`,
    password: "correct-horse-battery-9",
    displayName: `新人${n.slice(0, 4)}`,
    inviteCode,
  });
const decide = (who: Account, requestId: string, decision: "approve" | "decline") =>
  srv.http.post(`/api/join-requests/${requestId}/decision`).set(as(who)).send({ decision });

describe("joining a family is a request the family approves", () => {
  it("a newcomer with the code sees nothing of the family until approved; the family is told at each step", async () => {
    const mum = await buildCaregiver(srv, { displayName: "小宇妈妈" });
    const dad = await joinFamily(srv, mum, { displayName: "小宇爸爸" });
    const child = await buildChild(srv, mum, { careNotes: { medication: "睡前半片" } });
    const sw = await buildStaff(srv, "social_worker", "李社工");
    await assignSocialWorker(srv, mum.familyId!, sw.id);
    const code = await newCode(mum);
    const stranger = await buildCaregiver(srv, { displayName: "陌生人", inviteCode: code.toLowerCase() });

    // The attack of the finding: with the code alone she read the children's care notes.
    expect(stranger.familyId).not.toBe(mum.familyId);
    expect((await srv.http.get(`/api/children/${child.id}`).set(as(stranger))).status).toBe(404);
    expect((await srv.http.get("/api/children").set(as(stranger))).body.children).toEqual([]);
    const hers = await familyOf(stranger);
    expect(hers.caregivers.map((c) => c.displayName)).toEqual(["陌生人"]);
    const mine = await srv.http.get("/api/family/join-request").set(as(stranger));
    expect(mine.body.request.status).toBe("pending");

    // Every caregiver and the social worker are asked, with ids and the display name only.
    const pending = (await familyOf(mum)).joinRequests;
    expect(pending.map((r) => r.requesterId)).toEqual([stranger.id]);
    for (const who of [mum, dad, sw]) {
      const [asked] = await notificationsOf(srv, who, "family_join_requested");
      expect(asked?.payload).toEqual({
        familyId: mum.familyId,
        requestId: pending[0]!.id,
        displayName: "陌生人",
      });
    }

    // The social worker approves: she is in, and the caregivers are told.
    const ok = await decide(sw, pending[0]!.id, "approve");
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await srv.http.get(`/api/children/${child.id}`).set(as(stranger))).status).toBe(200);
    for (const who of [mum, dad])
      expect((await notificationsOf(srv, who, "family_member_joined"))[0]?.payload).toMatchObject({
        userId: stranger.id,
      });
    const [decided] = await notificationsOf(srv, stranger, "family_join_decided");
    expect(decided?.payload).toEqual({ requestId: pending[0]!.id, approved: true });
    expect((await familyOf(mum)).joinRequests).toEqual([]);
    // The first decision wins.
    expect((await decide(mum, pending[0]!.id, "decline")).status).toBe(409);
  });

  it("declined or withdrawn requests grant nothing; others cannot decide them", async () => {
    const mum = await buildCaregiver(srv);
    const child = await buildChild(srv, mum);
    const other = await buildCaregiver(srv);
    const outsiderSw = await buildStaff(srv, "social_worker", "别的社工");
    const asker = await buildCaregiver(srv, { inviteCode: await newCode(mum) });
    const [request] = (await familyOf(mum)).joinRequests;
    expect((await decide(asker, request!.id, "approve")).status).toBe(404);
    expect((await decide(other, request!.id, "approve")).status).toBe(404);
    expect((await decide(outsiderSw, request!.id, "approve")).status).toBe(404);
    expect((await decide(mum, request!.id, "decline")).status).toBe(200);
    expect((await srv.http.get(`/api/children/${child.id}`).set(as(asker))).status).toBe(404);
    // Her own family is hers to use.
    expect(
      (
        await srv.http
          .post("/api/children")
          .set(as(asker))
          .send({
            nickname: "自己的孩子",
            birthYear: 2016,
            distressType: "illness_or_disability",
            disabilityTypes: ["autism"],
          })
      ).status,
    ).toBe(201);

    const second = await buildCaregiver(srv, { inviteCode: await newCode(mum) });
    expect((await srv.http.delete("/api/family/join-request").set(as(second))).status).toBe(200);
    expect((await srv.http.get("/api/family/join-request").set(as(second))).body.request).toBeNull();
    expect((await familyOf(mum)).joinRequests).toEqual([]);
  });

  it("a requester who deletes her account leaves no request behind", async () => {
    const mum = await buildCaregiver(srv);
    const asker = await buildCaregiver(srv, { inviteCode: await newCode(mum) });
    expect((await familyOf(mum)).joinRequests).toHaveLength(1);
    const gone = await srv.http.post("/api/me/delete").set(as(asker)).send({ password: asker.password });
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    expect((await familyOf(mum)).joinRequests).toEqual([]);
    expect((await familyOf(mum)).caregivers.map((c) => c.id)).toEqual([mum.id]);
  });

  it("a requester who already looks after children of her own cannot be moved in", async () => {
    const mum = await buildCaregiver(srv);
    const asker = await buildCaregiver(srv, { inviteCode: await newCode(mum) });
    await buildChild(srv, asker, { nickname: "她的孩子" });
    const [request] = (await familyOf(mum)).joinRequests;
    expect((await decide(mum, request!.id, "approve")).status).toBe(409);
    expect((await familyOf(mum)).joinRequests).toHaveLength(1);
  });
});

describe("invite codes", () => {
  it("work once, expire, and die when a new one is made", async () => {
    const mum = await buildCaregiver(srv);
    const first = (await familyOf(mum)).inviteCode!;
    expect(first).toMatch(/^[A-Z0-9]{8}$/);
    expect((await registerWith(first)).status).toBe(202);
    const again = await registerWith(first);
    expect(again.status).toBe(400);
    expect(again.body.error.details.fields.inviteCode).toBeDefined();
    expect((await familyOf(mum)).inviteCode).toBeNull();

    const old = await newCode(mum);
    const renewed = await newCode(mum);
    expect(renewed).not.toBe(old);
    expect((await registerWith(old)).status).toBe(400);
    // A taken email answers like a new one (decision 084) and uses nothing up: the code still works.
    const asked = (await familyOf(mum)).joinRequests.length;
    const taken = await srv.http.post("/api/auth/register").send({
      email: mum.email,
      password: "correct-horse-battery-9",
      displayName: "又来一次",
      inviteCode: renewed,
    });
    expect(taken.status).toBe(202);
    expect((await familyOf(mum)).inviteCode).toBe(renewed);
    expect((await familyOf(mum)).joinRequests).toHaveLength(asked);

    const days = (Date.parse((await familyOf(mum)).inviteExpiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    await sqlRows(
      srv,
      sql`update families set invite_expires_at = now() - interval '1 second' where id = ${mum.familyId}::uuid`,
    );
    expect((await registerWith(renewed)).status).toBe(400);
    expect((await familyOf(mum)).inviteCode).toBeNull();
  });

  it("are never shown to social workers or admins", async () => {
    const mum = await buildCaregiver(srv);
    const code = await newCode(mum);
    const sw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, mum.familyId!, sw.id);
    const admin = await buildAdmin(srv);
    for (const who of [sw, admin]) {
      const res = await srv.http.get("/api/families").set(as(who));
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(code);
      const fam = (res.body.families as Family[]).find((f) => f.id === mum.familyId);
      expect(fam?.inviteCode).toBeNull();
    }
    const assigned = await srv.http
      .post(`/api/families/${mum.familyId}/social-workers`)
      .set(as(admin))
      .send({ socialWorkerId: sw.id });
    expect(assigned.text).not.toContain(code);
    expect((await srv.http.post("/api/family/invite-code").set(as(sw))).status).toBe(403);
  });
});

describe("removing a caregiver", () => {
  it("a caregiver removes another (never the last): audited, out of the children and the private conversation", async () => {
    const mum = await buildCaregiver(srv, { displayName: "妈妈" });
    const grandma = await joinFamily(srv, mum, { displayName: "奶奶" });
    const child = await buildChild(srv, mum);
    const sw = await buildStaff(srv, "social_worker", "王社工");
    await assignSocialWorker(srv, mum.familyId!, sw.id);
    const conv = await srv.http.post("/api/conversations").set(as(sw)).send({ familyId: mum.familyId });
    expect(conv.status).toBe(200);

    expect(
      (await srv.http.delete(`/api/families/${mum.familyId}/caregivers/${mum.id}`).set(as(mum))).status,
    ).toBe(400);
    const other = await buildCaregiver(srv);
    expect(
      (await srv.http.delete(`/api/families/${mum.familyId}/caregivers/${grandma.id}`).set(as(other))).status,
    ).toBe(404);

    const res = await srv.http.delete(`/api/families/${mum.familyId}/caregivers/${grandma.id}`).set(as(mum));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as Family).caregivers.map((c) => c.id)).toEqual([mum.id]);
    expect((await srv.http.get(`/api/children/${child.id}`).set(as(grandma))).status).toBe(404);
    const convs = await srv.http.get("/api/conversations").set(as(grandma));
    expect(convs.body.conversations).toEqual([]);
    expect((await notificationsOf(srv, grandma, "family_member_removed"))[0]?.payload).toEqual({
      familyId: mum.familyId,
    });
    const audit = await sqlRows<{ actor_id: string; after: { familyId: string } }>(
      srv,
      sql`select actor_id, after from audit_log where action = 'family_caregiver_removed' and target_user_id = ${grandma.id}::uuid`,
    );
    expect(audit).toEqual([{ actor_id: mum.id, after: { familyId: mum.familyId } }]);
    // She has a family of her own again (and may make it anew).
    expect((await familyOf(grandma)).id).not.toBe(mum.familyId);

    const admin = await buildAdmin(srv);
    const last = await srv.http.delete(`/api/families/${mum.familyId}/caregivers/${mum.id}`).set(as(admin));
    expect(last.status).toBe(409);
  });
});

describe("wrong codes are limited per network prefix and per email", () => {
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startServer({ trustProxy: true });
  });
  afterAll(async () => {
    await proxied.close();
  });
  const attempt = (
    from: string,
    inviteCode: string,
    email = `g-${Math.random().toString(36).slice(2)}@t.cc`,
  ) =>
    proxied.http
      .post("/api/auth/register")
      .set("X-Forwarded-For", from)
      .send({ email, password: "correct-horse-battery-9", displayName: "猜码", inviteCode });

  it("changing the address inside one IPv6 /64 does not escape the limit; another network is unaffected", async () => {
    const codes: number[] = [];
    for (let i = 1; i <= 11; i++)
      codes.push((await attempt(`2001:db8:7:7::${i.toString(16)}`, "ZZZZZZZZ")).status);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(codes[10]).toBe(429);
    const mum = await buildCaregiver(proxied);
    const code = (await proxied.http.post("/api/family/invite-code").set(as(mum))).body.inviteCode as string;
    // Even the right code is refused from that network now; from another network it works.
    expect((await attempt("2001:db8:7:7:ffff::1", code)).status).toBe(429);
    expect((await attempt("2001:db8:8:8::1", code)).status).toBe(202);
  });

  it("one email guessing from many networks is slowed down", async () => {
    const email = "guesser@t.cc";
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) statuses.push((await attempt(`198.51.100.${i}`, "YYYYYYYY", email)).status);
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(400));
    expect(statuses[5]).toBe(429);
  });
});
