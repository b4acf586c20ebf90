import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import {
  type SupportMap,
  SupportMapSchema,
  type SupportMapSnapshot,
  SupportMapSnapshotSchema,
  type SupportTie,
  SupportTieSchema,
} from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  addRecord,
  assignSocialWorker,
  bookOk,
  buildAdmin,
  buildCaregiver,
  buildChild,
  buildGroup,
  buildSlot,
  buildStaff,
  buildStation,
  joinGroup,
  moveOk,
  moveSlot,
  openCase,
  sqlCount,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * The support-network map (issue 18 §3, decision 135): platform ties follow what the family does
 * on the platform, the social worker records the rest, snapshots keep "then" for "then vs now".
 */

const srv = useTestServer();
const HOUR = 3_600_000;

const mapPath = (familyId: string) => `/api/families/${familyId}/support-map`;
const tiesPath = (familyId: string) => `/api/families/${familyId}/support-ties`;
const snapsPath = (familyId: string) => `/api/families/${familyId}/support-map/snapshots`;

async function mapOf(who: Account, familyId: string): Promise<SupportMap> {
  const res = await srv.http.get(mapPath(familyId)).set("Authorization", who.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return SupportMapSchema.parse(res.body.map);
}
const tieOf = (map: SupportMap, key: string) => map.ties.find((t) => t.key === key);

async function addTie(who: Account, familyId: string, body: Record<string, unknown>): Promise<SupportTie> {
  const res = await srv.http.post(tiesPath(familyId)).set("Authorization", who.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return SupportTieSchema.parse(res.body.tie);
}

async function snapshotsOf(who: Account, familyId: string): Promise<SupportMapSnapshot[]> {
  const res = await srv.http.get(snapsPath(familyId)).set("Authorization", who.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.snapshots as unknown[]).map((s) => SupportMapSnapshotSchema.parse(s));
}

/** A caregiver with a child and an assigned social worker. */
async function family() {
  const sw = await buildStaff(srv, "social_worker", "王社工");
  const mum = await buildCaregiver(srv, { displayName: "李奶奶" });
  const child = await buildChild(srv, mum);
  await assignSocialWorker(srv, mum.familyId!, sw.id);
  return { sw, mum, child, familyId: mum.familyId! };
}

async function post(who: Account, groupId: string, body: string): Promise<void> {
  const res = await srv.http
    .post(`/api/groups/${groupId}/messages`)
    .set("Authorization", who.auth)
    .send({ clientId: randomUUID(), body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const RELATIVE = { kind: "relative", label: "小姨", strength: 3, dimensions: ["objective", "subjective"] };

describe("platform ties follow what the family does", () => {
  it("a group joined and posted in, respite attended and the social worker's records change the map", async () => {
    const { sw, mum, child, familyId } = await family();
    let map = await mapOf(mum, familyId);
    // Only the assigned social worker, weak: no contact yet.
    expect(map.ties.map((t) => [t.kind, t.strength, t.origin])).toEqual([["social_worker", 1, "platform"]]);
    expect(map.ties[0]!.label).toBe("王社工");

    const { group } = await buildGroup(srv, { moderator: sw, name: "自闭症家长互助群" });
    await joinGroup(srv, mum, group.id);
    map = await mapOf(mum, familyId);
    expect(tieOf(map, `group:${group.id}`)).toMatchObject({
      kind: "peer",
      label: "自闭症家长互助群",
      strength: 1,
      dimensions: ["utilisation"],
    });
    await post(mum, group.id, "今天孩子第一次自己穿鞋");
    map = await mapOf(mum, familyId);
    expect(tieOf(map, `group:${group.id}`)).toMatchObject({
      strength: 2,
      dimensions: ["subjective", "utilisation"],
    });

    const staff = await buildStaff(srv, "station_staff", "站点老师");
    const station = await buildStation(srv, { name: "阳光驿站" }, { staff: [staff] });
    const { slot } = await buildSlot(srv, { station });
    const booking = await bookOk(srv, mum, slot.id, child.id);
    // A booking alone is not a tie: the family has not used the station yet.
    expect(tieOf(await mapOf(mum, familyId), `station:${station.id}`)).toBeUndefined();
    await moveSlot(srv, slot.id, new Date(Date.now() - HOUR), new Date(Date.now() + HOUR));
    await srv.http
      .post(`/api/bookings/${booking.id}/check-in`)
      .set("Authorization", staff.auth)
      .send({ broughtBy: { name: "妈妈", relation: "妈妈" } })
      .expect(200);
    map = await mapOf(mum, familyId);
    expect(tieOf(map, `station:${station.id}`)).toMatchObject({
      kind: "station_staff",
      label: "阳光驿站",
      strength: 1,
      origin: "platform",
    });

    const c = await openCase(srv, sw, familyId);
    await addRecord(srv, sw, c.id);
    map = await mapOf(mum, familyId);
    expect(tieOf(map, `social_worker:${sw.id}`)!.strength).toBe(2);
    for (let i = 0; i < 3; i++) await addRecord(srv, sw, c.id, { kind: "phone_call", durationMinutes: 10 });
    expect(tieOf(await mapOf(mum, familyId), `social_worker:${sw.id}`)!.strength).toBe(3);
    expect(map.counts.peer).toEqual([0, 1, 0]);
    expect(map.counts.station_staff).toEqual([1, 0, 0]);
  });
});

describe("the social worker's private conversation", () => {
  it("days with messages count as contacts; the conversation is not a peer group", async () => {
    const { sw, mum, familyId } = await family();
    const conv = await srv.http.post("/api/conversations").set("Authorization", sw.auth).send({ familyId });
    expect(conv.status, JSON.stringify(conv.body)).toBe(200);
    expect(tieOf(await mapOf(mum, familyId), `social_worker:${sw.id}`)!.strength).toBe(1);
    await post(mum, conv.body.id, "王社工，想问一下补贴的事");
    await post(sw, conv.body.id, "好的，明天给您打电话");
    const map = await mapOf(mum, familyId);
    // Two messages on one day: one contact.
    expect(tieOf(map, `social_worker:${sw.id}`)!.strength).toBe(2);
    expect(map.ties.filter((t) => t.kind === "peer")).toEqual([]);
  });
});

describe("recorded ties", () => {
  it("the social worker adds, edits and removes them; bad input is refused at its field and changes nothing", async () => {
    const { sw, mum, familyId } = await family();
    const tie = await addTie(sw, familyId, RELATIVE);
    expect(tie).toMatchObject({ ...RELATIVE, origin: "recorded", key: `recorded:${tie.id}` });
    expect(tieOf(await mapOf(mum, familyId), tie.key)).toMatchObject({ label: "小姨", kind: "relative" });

    const bad: [Record<string, unknown>, string][] = [
      [{ ...RELATIVE, label: "  " }, "label"],
      [{ ...RELATIVE, strength: 4 }, "strength"],
      [{ ...RELATIVE, dimensions: [] }, "dimensions"],
      [{ ...RELATIVE, dimensions: ["objective", "objective"] }, "dimensions"],
      [{ ...RELATIVE, kind: "cousin" }, "kind"],
      [{ ...RELATIVE, label: "x".repeat(61) }, "label"],
    ];
    for (const [body, field] of bad) {
      const res = await srv.http.post(tiesPath(familyId)).set("Authorization", sw.auth).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error.details.fields), JSON.stringify(res.body)).toContain(field);
    }
    const patchBad = await srv.http
      .patch(`${tiesPath(familyId)}/${tie.id}`)
      .set("Authorization", sw.auth)
      .send({ strength: 0 });
    expect([patchBad.status, Object.keys(patchBad.body.error.details.fields)]).toEqual([400, ["strength"]]);
    const empty = await srv.http
      .patch(`${tiesPath(familyId)}/${tie.id}`)
      .set("Authorization", sw.auth)
      .send({});
    expect(empty.status).toBe(400);
    expect(await sqlCount(srv, sql`select count(*) from support_ties where family_id = ${familyId}`)).toBe(1);

    const edited = await srv.http
      .patch(`${tiesPath(familyId)}/${tie.id}`)
      .set("Authorization", sw.auth)
      .send({ strength: 1, label: "小姨（外地）" });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.tie).toMatchObject({ strength: 1, label: "小姨（外地）", kind: "relative" });

    const del = await srv.http.delete(`${tiesPath(familyId)}/${tie.id}`).set("Authorization", sw.auth);
    expect(del.status).toBe(200);
    expect(tieOf(await mapOf(mum, familyId), tie.key)).toBeUndefined();
    const again = await srv.http.delete(`${tiesPath(familyId)}/${tie.id}`).set("Authorization", sw.auth);
    expect([again.status, again.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });

  it("a family's ties are its own: others get 404, the caregiver may only read, staff reads are audited", async () => {
    const a = await family();
    const b = await family();
    const admin = await buildAdmin(srv);
    const stationStaff = await buildStaff(srv, "station_staff", "别的老师");
    const tie = await addTie(a.sw, a.familyId, RELATIVE);

    for (const who of [b.mum, b.sw])
      expect((await srv.http.get(mapPath(a.familyId)).set("Authorization", who.auth)).status).toBe(404);
    expect((await srv.http.get(mapPath(a.familyId)).set("Authorization", stationStaff.auth)).status).toBe(
      403,
    );
    const posted = await srv.http.post(tiesPath(a.familyId)).set("Authorization", a.mum.auth).send(RELATIVE);
    expect(posted.status).toBe(403);
    // b's social worker cannot reach a's tie through her own family either.
    const crossed = await srv.http
      .patch(`${tiesPath(b.familyId)}/${tie.id}`)
      .set("Authorization", b.sw.auth)
      .send({ strength: 1 });
    expect(crossed.status).toBe(404);
    const ghost = "00000000-0000-4000-8000-000000000000";
    expect((await srv.http.get(mapPath(ghost)).set("Authorization", admin.auth)).status).toBe(404);
    expect((await srv.http.post(snapsPath(ghost)).set("Authorization", admin.auth)).status).toBe(404);
    expect((await mapOf(admin, a.familyId)).ties.some((t) => t.key === tie.key)).toBe(true);

    await mapOf(a.mum, a.familyId);
    await mapOf(a.sw, a.familyId);
    await snapshotsOf(a.sw, a.familyId);
    const audited = await sqlRows<{ actor: string; part: string }>(
      srv,
      sql`select actor_id as actor, after->>'part' as part from audit_log
          where action = 'support_map_viewed' and after->>'familyId' = ${a.familyId} order by id`,
    );
    expect(audited).toEqual([
      { actor: admin.id, part: "map" },
      { actor: a.sw.id, part: "map" },
      { actor: a.sw.id, part: "snapshots" },
    ]);
  });
});

describe("the map over the case", () => {
  it("snapshots at case opening, stage changes and on demand show then vs now", async () => {
    const { sw, mum, familyId } = await family();
    const c = await openCase(srv, sw, familyId);
    await addTie(sw, familyId, { ...RELATIVE, strength: 1 });
    const { group } = await buildGroup(srv, { moderator: sw });
    await joinGroup(srv, mum, group.id);
    await moveOk(srv, sw, c, "assessment");
    const saved = await srv.http.post(snapsPath(familyId)).set("Authorization", sw.auth);
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.snapshot).toMatchObject({ reason: "on_demand", caseId: c.id });
    expect((await srv.http.post(snapsPath(familyId)).set("Authorization", mum.auth)).status).toBe(403);

    const snaps = await snapshotsOf(mum, familyId);
    expect(snaps.map((s) => s.reason)).toEqual(["intake", "assessment", "on_demand"]);
    const [then, , now] = snaps;
    expect(then!.caseId).toBe(c.id);
    // Then: only the social worker; now: a relative and a peer group as well.
    expect(then!.counts).toMatchObject({ social_worker: [1, 0, 0], relative: [0, 0, 0], peer: [0, 0, 0] });
    expect(now!.counts).toMatchObject({ social_worker: [1, 0, 0], relative: [1, 0, 0], peer: [1, 0, 0] });
    expect(now!.ties.map((t) => t.kind).sort()).toEqual(["peer", "relative", "social_worker"]);
  });

  it("the family's export holds its recorded ties and snapshots, and erasure removes them", async () => {
    const { sw, mum, familyId } = await family();
    await addTie(sw, familyId, RELATIVE);
    await srv.http.post(snapsPath(familyId)).set("Authorization", sw.auth).expect(201);
    const exported = await srv.http.get("/api/me/export").set("Authorization", mum.auth);
    expect(exported.status).toBe(200);
    expect(exported.body.supportTies.map((t: SupportTie) => t.label)).toEqual(["小姨"]);
    expect(exported.body.supportMapSnapshots).toHaveLength(1);

    const gone = await srv.http
      .post("/api/me/delete")
      .set("Authorization", mum.auth)
      .send({ password: mum.password });
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    for (const table of [sql`support_ties`, sql`support_map_snapshots`])
      expect(await sqlCount(srv, sql`select count(*) from ${table} where family_id = ${familyId}`)).toBe(0);
  });
});
