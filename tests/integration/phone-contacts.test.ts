import { sql } from "@carecircle/server";
import { normalisePhone } from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  bookOk,
  buildAdmin,
  buildCaregiver,
  buildChild,
  buildGroup,
  buildSlot,
  buildStaff,
  buildStation,
  hoursFromNow,
  joinFamily,
  joinGroup,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

async function setPhone(who: Account, phone: string | null) {
  return srv.http.patch("/api/me").set("Authorization", who.auth).send({ phone });
}

async function contacts(who: Account, familyId: string) {
  return srv.http.get(`/api/families/${familyId}/contacts`).set("Authorization", who.auth);
}

async function phoneViews(actorId: string, targetId: string): Promise<number> {
  const rows = await sqlRows<{ n: number }>(
    srv,
    sql`select count(*)::int as n from audit_log
        where action = 'phone_viewed' and actor_id = ${actorId} and target_user_id = ${targetId}`,
  );
  return Number(rows[0]!.n);
}

describe("normalisePhone", () => {
  it.each([
    ["13812345678", "13812345678"],
    ["138 1234 5678", "13812345678"],
    ["+86 138-1234-5678", "13812345678"],
    ["0086 13812345678", "13812345678"],
    ["１３８１２３４５６７８", "13812345678"],
    ["010-12345678", "01012345678"],
    ["(0755) 8765 4321", "075587654321"],
    ["+86 10 1234 5678", "01012345678"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("%s -> %s", (input, out) => {
    expect(normalisePhone(input)).toBe(out);
  });

  it.each([
    "12812345678",
    "1381234567",
    "138123456789",
    "12345",
    "abc",
    "+0 123 4567",
    "+86 999",
    "tel:13812345678",
  ])("refuses %s", (input) => {
    expect(normalisePhone(input)).toBeUndefined();
  });
});

describe("a caregiver's phone number", () => {
  it("is stored normalised, shown to its owner, and cleared with null or blank", async () => {
    const cg = await buildCaregiver(srv);
    const res = await setPhone(cg, " +86 139-0000-1111 ");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.phone).toBe("13900001111");
    expect((await srv.http.get("/api/me").set("Authorization", cg.auth)).body.phone).toBe("13900001111");
    expect((await setPhone(cg, "")).body.phone).toBeNull();
    await setPhone(cg, "13900001111");
    expect((await setPhone(cg, null)).body.phone).toBeNull();
  });

  it("refuses what is not a phone number with VALIDATION_FAILED on the field, changing nothing", async () => {
    const cg = await buildCaregiver(srv);
    await setPhone(cg, "13900002222");
    for (const bad of ["12345", "1390000222x", "x".repeat(40), 13900002222]) {
      const res = await srv.http.patch("/api/me").set("Authorization", cg.auth).send({ phone: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details.fields.phone).toBeTruthy();
    }
    expect((await srv.http.get("/api/me").set("Authorization", cg.auth)).body.phone).toBe("13900002222");
  });

  it("is for caregivers: staff accounts cannot set one", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const res = await setPhone(sw, "13900003333");
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.phone).toBeTruthy();
  });

  it("is in the data export", async () => {
    const cg = await buildCaregiver(srv);
    await setPhone(cg, "13900004444");
    const res = await srv.http.get("/api/me/export").set("Authorization", cg.auth);
    expect(res.status).toBe(200);
    expect(res.body.account.phone).toBe("13900004444");
  });
});

describe("who sees a family's phone numbers", () => {
  let mum: Account;
  let dad: Account;
  let sw: Account;
  let familyId: string;
  let staffSoon: Account;
  let staffLater: Account;
  beforeAll(async () => {
    mum = await buildCaregiver(srv, { displayName: "王妈妈" });
    dad = await joinFamily(srv, mum, { displayName: "王爸爸" });
    familyId = mum.familyId!;
    await setPhone(mum, "13811112222");
    sw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, familyId, sw.id);
    const child = await buildChild(srv, mum);
    staffSoon = await buildStaff(srv, "station_staff");
    staffLater = await buildStaff(srv, "station_staff");
    const soon = await buildStation(srv, {}, { staff: [staffSoon] });
    const later = await buildStation(srv, {}, { staff: [staffLater] });
    // Booked at `soon` in two hours (inside the roster window), at `later` in six days (outside).
    const { slot: s1 } = await buildSlot(srv, { station: soon, startsAt: hoursFromNow(2) });
    const { slot: s2 } = await buildSlot(srv, { station: later, startsAt: hoursFromNow(24 * 6) });
    await bookOk(srv, mum, s1.id, child.id);
    await bookOk(srv, mum, s2.id, child.id);
  });

  it("the assigned social worker sees them, and each view is audited once per number shown", async () => {
    const res = await contacts(sw, familyId);
    expect(res.status).toBe(200);
    expect(res.body.familyId).toBe(familyId);
    const byId = Object.fromEntries(
      res.body.caregivers.map((c: { id: string; phone: string | null }) => [c.id, c.phone]),
    );
    expect(byId).toEqual({ [mum.id]: "13811112222", [dad.id]: null });
    expect(await phoneViews(sw.id, mum.id)).toBe(1);
    expect(await phoneViews(sw.id, dad.id)).toBe(0); // no number, nothing was seen
    await contacts(sw, familyId);
    expect(await phoneViews(sw.id, mum.id)).toBe(2);
  });

  it("station staff see them while the family is on their roster window; admins always; both audited", async () => {
    const res = await contacts(staffSoon, familyId);
    expect(res.status).toBe(200);
    expect(await phoneViews(staffSoon.id, mum.id)).toBe(1);
    const admin = await buildAdmin(srv);
    expect((await contacts(admin, familyId)).status).toBe(200);
    expect(await phoneViews(admin.id, mum.id)).toBeGreaterThanOrEqual(1);
  });

  it("nobody else: other social workers, staff outside the window or of other stations (404), caregivers (403)", async () => {
    const otherSw = await buildStaff(srv, "social_worker");
    const otherStaff = await buildStaff(srv, "station_staff");
    for (const who of [otherSw, staffLater, otherStaff]) {
      const res = await contacts(who, familyId);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
      expect(await phoneViews(who.id, mum.id)).toBe(0);
    }
    for (const who of [mum, await buildCaregiver(srv)]) {
      const res = await contacts(who, familyId);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    const unknown = await contacts(sw, "00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect((await contacts(sw, "not-an-id")).status).toBe(400);
  });

  it("never travels in other answers: group members, messages, families", async () => {
    const { group } = await buildGroup(srv, { moderator: sw });
    await joinGroup(srv, mum, group.id);
    const other = await buildCaregiver(srv);
    await joinGroup(srv, other, group.id);
    await srv.http
      .post(`/api/groups/${group.id}/messages`)
      .set("Authorization", mum.auth)
      .send({ clientId: crypto.randomUUID(), body: "大家好" });
    const answers = await Promise.all([
      srv.http.get(`/api/groups/${group.id}/members`).set("Authorization", other.auth),
      srv.http.get(`/api/groups/${group.id}/messages`).set("Authorization", other.auth),
      srv.http.get("/api/families").set("Authorization", sw.auth),
      srv.http.get("/api/family").set("Authorization", dad.auth),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(JSON.stringify(a.body)).not.toContain("13811112222");
    }
  });
});

describe("erasure", () => {
  it("takes the number and her membership of the conversation; the family's conversation ends with its last caregiver", async () => {
    const mum = await buildCaregiver(srv);
    const dad = await joinFamily(srv, mum);
    const sw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, mum.familyId!, sw.id);
    await setPhone(mum, "13822223333");
    const conv = await srv.http
      .post("/api/conversations")
      .set("Authorization", sw.auth)
      .send({ familyId: mum.familyId });
    expect(conv.status).toBe(200);
    const erase = async (who: Account) => {
      const res = await srv.http
        .post("/api/me/delete")
        .set("Authorization", who.auth)
        .send({ password: who.password });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    };
    await erase(mum);
    expect(await sqlRows(srv, sql`select 1 from users where phone = '13822223333'`)).toHaveLength(0);
    const left = await sqlRows<{ user_id: string }>(
      srv,
      sql`select user_id from group_members where group_id = ${conv.body.id}`,
    );
    expect(left.map((r) => r.user_id).sort()).toEqual([dad.id, sw.id].sort());
    await erase(dad);
    expect(await sqlRows(srv, sql`select 1 from groups where id = ${conv.body.id}`)).toHaveLength(0);
  });
});
