import type { Group, Member } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  buildAdmin,
  buildCaregiver,
  buildChild,
  buildGroup,
  buildStaff,
  connectSocket,
  joinGroup,
  send,
  sendOk,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

const list = async (auth: string, query = "") => {
  const res = await srv.http.get(`/api/groups${query}`).set("Authorization", auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.groups as Group[];
};

describe("creating and managing groups", () => {
  it("social workers and admins create groups; the creator moderates; caregivers and station staff cannot", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const res = await srv.http
      .post("/api/groups")
      .set("Authorization", sw.auth)
      .send({ name: "  脑瘫康复家长群  ", description: "康复训练经验", topic: "cerebral_palsy" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "脑瘫康复家长群",
      topic: "cerebral_palsy",
      kind: "discussion",
      isMember: true,
      myRole: "moderator",
      memberCount: 1,
      slowModeSeconds: 0,
      hideThreshold: 3,
      archivedAt: null,
    });
    const caregiver = await buildCaregiver(srv);
    const denied = await srv.http
      .post("/api/groups")
      .set("Authorization", caregiver.auth)
      .send({ name: "x", topic: "autism" });
    expect(denied.status).toBe(403);
    const staff = await buildStaff(srv, "station_staff");
    expect((await srv.http.get("/api/groups").set("Authorization", staff.auth)).status).toBe(403);
    const admin = await buildAdmin(srv);
    const byAdmin = await srv.http.post("/api/groups").set("Authorization", admin.auth).send({
      name: "政策通知",
      topic: "general",
      kind: "announcement",
    });
    expect(byAdmin.status).toBe(201);

    for (const body of [
      { name: "", topic: "autism" },
      { name: "x", topic: "dragons" },
      { name: "x", topic: "autism", kind: "chaos" },
      { name: "x", topic: "autism", slowModeSeconds: -1 },
      { name: "x", topic: "autism", owner: "me" },
      { name: "x".repeat(81), topic: "autism" },
    ]) {
      const bad = await srv.http.post("/api/groups").set("Authorization", sw.auth).send(body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("only the group's moderators (and admins) edit and archive it; archived groups are read-only", async () => {
    const { group, moderator } = await buildGroup(srv);
    const otherSw = await buildStaff(srv, "social_worker");
    const member = await buildCaregiver(srv);
    await joinGroup(srv, member, group.id);
    const s = await connectSocket(srv, member.token);
    await sendOk(s, group.id, "归档前");

    const notMine = await srv.http
      .patch(`/api/groups/${group.id}`)
      .set("Authorization", otherSw.auth)
      .send({ name: "改名" });
    expect(notMine.status).toBe(403);
    const byCaregiver = await srv.http
      .patch(`/api/groups/${group.id}`)
      .set("Authorization", member.auth)
      .send({ name: "改名" });
    expect(byCaregiver.status).toBe(403);
    const renamed = await srv.http
      .patch(`/api/groups/${group.id}`)
      .set("Authorization", moderator.auth)
      .send({ name: "孤独症家庭互助群", description: "新的说明" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "孤独症家庭互助群", description: "新的说明" });
    const empty = await srv.http
      .patch(`/api/groups/${group.id}`)
      .set("Authorization", moderator.auth)
      .send({});
    expect(empty.status).toBe(400);

    const admin = await buildAdmin(srv);
    const archived = await srv.http
      .patch(`/api/groups/${group.id}`)
      .set("Authorization", admin.auth)
      .send({ archived: true });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect((await list(member.auth)).map((g) => g.id)).not.toContain(group.id);
    expect((await list(admin.auth, "?archived=true")).map((g) => g.id)).toContain(group.id);
    expect(await send(s, group.id, "归档后")).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const history = await srv.http.get(`/api/groups/${group.id}/messages`).set("Authorization", member.auth);
    expect(history.body.messages.map((m: { body: string }) => m.body)).toEqual(["归档前"]);
    const newcomer = await buildCaregiver(srv);
    const join = await srv.http.post(`/api/groups/${group.id}/join`).set("Authorization", newcomer.auth);
    expect(join.status).toBe(403);
  });

  it("a moderator adds another social worker as moderator, but never a caregiver", async () => {
    const { group, moderator } = await buildGroup(srv);
    const sw2 = await buildStaff(srv, "social_worker", "李社工");
    const caregiver = await buildCaregiver(srv);
    const res = await srv.http
      .post(`/api/groups/${group.id}/moderators`)
      .set("Authorization", moderator.auth)
      .send({ userId: sw2.id });
    expect(res.status).toBe(200);
    expect(res.body.member).toEqual({ id: sw2.id, displayName: "李社工", role: "moderator" });
    const bad = await srv.http
      .post(`/api/groups/${group.id}/moderators`)
      .set("Authorization", moderator.auth)
      .send({ userId: caregiver.id });
    expect(bad.status).toBe(400);
    const byOutsider = await srv.http
      .post(`/api/groups/${group.id}/moderators`)
      .set("Authorization", (await buildStaff(srv, "social_worker")).auth)
      .send({ userId: sw2.id });
    expect(byOutsider.status).toBe(403);
    const asSw2 = await srv.http.get(`/api/groups/${group.id}`).set("Authorization", sw2.auth);
    expect(asSw2.body.myRole).toBe("moderator");
    // The new moderator's socket posts with the moderator badge.
    const s = await connectSocket(srv, sw2.token);
    expect((await sendOk(s, group.id, "我是新的社工")).sender?.role).toBe("moderator");
  });
});

describe("browsing, joining and leaving", () => {
  it("filters by disability type, shows member counts and membership, and suggests my children's types first", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const { group: hearing } = await buildGroup(srv, {
      moderator: sw,
      topic: "hearing",
      name: "ZZ 听障家庭",
    });
    const { group: autism } = await buildGroup(srv, { moderator: sw, topic: "autism", name: "AA 孤独症" });
    const mum = await buildCaregiver(srv);
    await buildChild(srv, mum, { disabilityTypes: ["hearing"] });
    await joinGroup(srv, mum, autism.id);

    const all = await list(mum.auth);
    const firstNonSuggested = all.findIndex((g) => !g.suggested);
    const lastSuggested = all.map((g) => g.suggested).lastIndexOf(true);
    expect(lastSuggested).toBeLessThan(firstNonSuggested === -1 ? all.length : firstNonSuggested);
    expect(all.find((g) => g.id === hearing.id)).toMatchObject({
      suggested: true,
      isMember: false,
      memberCount: 1,
    });
    expect(all.find((g) => g.id === autism.id)).toMatchObject({
      suggested: false,
      isMember: true,
      myRole: "member",
      memberCount: 2,
    });
    expect(all.findIndex((g) => g.id === hearing.id)).toBeLessThan(all.findIndex((g) => g.id === autism.id));

    const onlyHearing = await list(mum.auth, "?topic=hearing");
    expect(onlyHearing.every((g) => g.topic === "hearing")).toBe(true);
    expect((await list(mum.auth, "?member=true")).map((g) => g.id)).toEqual([autism.id]);
    expect((await list(mum.auth, "?member=false")).map((g) => g.id)).not.toContain(autism.id);
    expect((await srv.http.get("/api/groups?topic=dragons").set("Authorization", mum.auth)).status).toBe(400);
  });

  it("joining is idempotent and leaving works; members see each other only by pseudonym and badge", async () => {
    const { group, moderator } = await buildGroup(srv);
    const mum = await buildCaregiver(srv, { displayName: "小宇妈妈" });
    await buildChild(srv, mum, { nickname: "阿福" });
    const dad = await buildCaregiver(srv, { displayName: "乐乐爸爸" });
    await joinGroup(srv, mum, group.id);
    const again = await joinGroup(srv, mum, group.id);
    expect(again).toMatchObject({ isMember: true, memberCount: 2 });
    await joinGroup(srv, dad, group.id);

    const res = await srv.http.get(`/api/groups/${group.id}/members`).set("Authorization", dad.auth);
    expect(res.status).toBe(200);
    const members = res.body.members as Member[];
    expect(members.map((m) => [m.displayName, m.role])).toEqual([
      [moderator.displayName, "moderator"],
      ["乐乐爸爸", "member"],
      ["小宇妈妈", "member"],
    ]);
    for (const m of members) expect(Object.keys(m).sort()).toEqual(["displayName", "id", "online", "role"]);
    const text = JSON.stringify(res.body);
    for (const secret of [mum.email, mum.familyId!, "阿福", "13800001234", "花生"])
      expect(text).not.toContain(secret);

    const left = await srv.http.post(`/api/groups/${group.id}/leave`).set("Authorization", mum.auth);
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ isMember: false, memberCount: 2 });
    const twice = await srv.http.post(`/api/groups/${group.id}/leave`).set("Authorization", mum.auth);
    expect(twice.status).toBe(403);
    const unknown = await srv.http
      .post("/api/groups/00000000-0000-4000-8000-000000000000/join")
      .set("Authorization", mum.auth);
    expect(unknown.status).toBe(404);
    const badId = await srv.http.post("/api/groups/not-a-uuid/join").set("Authorization", mum.auth);
    expect(badId.status).toBe(400);
  });
});
