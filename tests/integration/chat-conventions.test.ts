import { sql } from "@carecircle/server";
import { ReadCountsSchema } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { sqlOne } from "../factories/db.js";
import {
  type Account,
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildGroup,
  buildStaff,
  connectSocket,
  joinedCaregivers,
  sendOk,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

const readCounts = (account: Account, groupId: string, seqs: string) =>
  srv.http.get(`/api/groups/${groupId}/read-counts`).query({ seqs }).set("Authorization", account.auth);

const markRead = async (account: Account, groupId: string, seq: number) => {
  const res = await srv.http
    .post(`/api/groups/${groupId}/read`)
    .set("Authorization", account.auth)
    .send({ seq });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};

describe("announcement read counts (decision 117)", () => {
  it("counts the members who read up to each announcement, without names, for the group's moderators only", async () => {
    const { group, moderator } = await buildGroup(srv, { kind: "announcement" });
    const [a, b, c] = await joinedCaregivers(srv, group.id, 3);
    const sock = await connectSocket(srv, moderator.token);
    const first = await sendOk(sock, group.id, "本周六站点开放，欢迎预约");
    const second = await sendOk(sock, group.id, "康复补贴申请下周截止");
    await markRead(a!, group.id, second.seq);
    await markRead(b!, group.id, first.seq);

    const res = await readCounts(moderator, group.id, `${first.seq},${second.seq},${second.seq}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = ReadCountsSchema.parse(res.body);
    // three caregivers; the moderator who posted is not counted
    expect(body).toEqual({
      memberCount: 3,
      counts: [
        { seq: first.seq, readCount: 2 },
        { seq: second.seq, readCount: 1 },
      ],
    });
    expect(JSON.stringify(res.body)).not.toContain(a!.id);

    // the last member reads everything: the counts follow
    await markRead(c!, group.id, second.seq);
    const after = ReadCountsSchema.parse((await readCounts(moderator, group.id, `${second.seq}`)).body);
    expect(after.counts).toEqual([{ seq: second.seq, readCount: 2 }]);

    // an admin may too (admins moderate every group); members and other social workers may not
    expect((await readCounts(await buildAdmin(srv), group.id, "1")).status).toBe(200);
    const denied = await readCounts(a!, group.id, "1");
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("FORBIDDEN");
    expect((await readCounts(await buildStaff(srv, "social_worker"), group.id, "1")).status).toBe(403);
  });

  it("refuses a malformed list with 400 and details, and a private conversation with 403", async () => {
    const { group, moderator } = await buildGroup(srv, { kind: "announcement" });
    for (const seqs of [
      "",
      "a",
      "1,,2",
      "-1",
      "1;2",
      Array.from({ length: 101 }, (_, i) => i + 1).join(","),
    ]) {
      const res = await readCounts(moderator, group.id, seqs);
      expect(res.status, seqs).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details).toBeDefined();
    }
    const missing = await srv.http
      .get(`/api/groups/${group.id}/read-counts`)
      .set("Authorization", moderator.auth);
    expect(missing.status).toBe(400);

    // a social worker's private conversation with a family: a count of one would be a read receipt
    const sw = await buildStaff(srv, "social_worker");
    const mom = await buildCaregiver(srv);
    await assignSocialWorker(srv, mom.familyId!, sw.id);
    const open = await srv.http
      .post("/api/conversations")
      .set("Authorization", sw.auth)
      .send({ familyId: mom.familyId });
    expect(open.status, JSON.stringify(open.body)).toBeLessThan(300);
    const direct = await readCounts(sw, open.body.id, "1");
    expect(direct.status).toBe(403);
  });
});

describe("care mode (decision 116)", () => {
  it("is chosen at registration, shown in /api/me, and changed in settings", async () => {
    const email = `care-${Date.now()}@test.carecircle`;
    const reg = await srv.http.post("/api/auth/register").send({
      email,
      password: "correct-horse-battery-9",
      displayName: "豆豆奶奶",
      careMode: true,
    });
    expect(reg.status, JSON.stringify(reg.body)).toBe(202);
    const login = await srv.http
      .post("/api/auth/login")
      .send({ identifier: email, password: "correct-horse-battery-9" });
    expect(login.status).toBe(200);
    expect(login.body.user.careMode).toBe(true);
    const auth = `Bearer ${login.body.token}`;

    const off = await srv.http.patch("/api/me").set("Authorization", auth).send({ careMode: false });
    expect(off.status).toBe(200);
    expect(off.body.careMode).toBe(false);
    expect((await srv.http.get("/api/me").set("Authorization", auth)).body.careMode).toBe(false);
    const row = await sqlOne<{ care_mode: boolean }>(
      srv,
      sql`select care_mode from users where id = ${login.body.user.id}`,
    );
    expect(row.care_mode).toBe(false);

    const bad = await srv.http.patch("/api/me").set("Authorization", auth).send({ careMode: "yes" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.careMode).toBeDefined();
    expect((await srv.http.get("/api/me").set("Authorization", auth)).body.careMode).toBe(false);
  });

  it("is off unless asked for", async () => {
    const a = await buildCaregiver(srv);
    const me = await srv.http.get("/api/me").set("Authorization", a.auth);
    expect(me.body.careMode).toBe(false);
  });
});
