import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  buildAdmin,
  buildCaregiver,
  buildChild,
  buildStaff,
  joinFamily,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();
let mum: Account;
let otherMum: Account;
beforeAll(async () => {
  mum = await buildCaregiver(srv);
  otherMum = await buildCaregiver(srv);
});

describe("child profiles", () => {
  it("a caregiver creates, reads, updates and deletes their family's child", async () => {
    const child = await buildChild(srv, mum, {
      nickname: "小宇",
      disabilityTypes: ["autism", "intellectual"],
      careNotes: { medication: "睡前 5mg", triggers: "大声响" },
    });
    expect(child).toMatchObject({
      nickname: "小宇",
      familyId: mum.familyId,
      disabilityTypes: ["autism", "intellectual"],
    });
    expect(child.careNotes.medication).toBe("睡前 5mg");

    const list = await srv.http.get("/api/children").set("Authorization", mum.auth);
    expect(list.body.children.map((c: { id: string }) => c.id)).toContain(child.id);

    const patched = await srv.http
      .patch(`/api/children/${child.id}`)
      .set("Authorization", mum.auth)
      .send({ careNotes: { calming: "听音乐" }, emergencyContact: null });
    expect(patched.status).toBe(200);
    expect(patched.body.careNotes).toEqual({ calming: "听音乐" });
    expect(patched.body.emergencyContact).toBeNull();

    const del = await srv.http.delete(`/api/children/${child.id}`).set("Authorization", mum.auth);
    expect(del.status).toBe(200);
    expect((await srv.http.get(`/api/children/${child.id}`).set("Authorization", mum.auth)).status).toBe(404);
  });

  it("a caregiver of another family can neither read nor change the child (404, nothing changes)", async () => {
    const child = await buildChild(srv, mum, { nickname: "朵朵" });
    const read = await srv.http.get(`/api/children/${child.id}`).set("Authorization", otherMum.auth);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe("NOT_FOUND");
    const write = await srv.http
      .patch(`/api/children/${child.id}`)
      .set("Authorization", otherMum.auth)
      .send({ nickname: "偷改" });
    expect(write.status).toBe(404);
    const del = await srv.http.delete(`/api/children/${child.id}`).set("Authorization", otherMum.auth);
    expect(del.status).toBe(404);
    const list = await srv.http.get("/api/children").set("Authorization", otherMum.auth);
    expect(list.body.children).toEqual([]);
    const still = await srv.http.get(`/api/children/${child.id}`).set("Authorization", mum.auth);
    expect(still.body.nickname).toBe("朵朵");
  });

  it("a grandmother who joined the family with the invite code sees the same children", async () => {
    const child = await buildChild(srv, mum, { nickname: "共享" });
    const grandma = await joinFamily(srv, mum);
    const read = await srv.http.get(`/api/children/${child.id}`).set("Authorization", grandma.auth);
    expect(read.status).toBe(200);
  });

  it("only an assigned social worker (and admins) can read a family's children", async () => {
    const child = await buildChild(srv, mum, { nickname: "社工可见" });
    const assigned = await buildStaff(srv, "social_worker");
    const unassigned = await buildStaff(srv, "social_worker");
    const staff = await buildStaff(srv, "station_staff");
    expect((await srv.http.get(`/api/children/${child.id}`).set("Authorization", assigned.auth)).status).toBe(
      404,
    );
    await assignSocialWorker(srv, mum.familyId!, assigned.id);

    const read = await srv.http.get(`/api/children/${child.id}`).set("Authorization", assigned.auth);
    expect(read.status).toBe(200);
    expect(read.body.careNotes).toBeDefined();
    const list = await srv.http.get("/api/children").set("Authorization", assigned.auth);
    expect(list.body.children.map((c: { id: string }) => c.id)).toContain(child.id);
    const fams = await srv.http.get("/api/families").set("Authorization", assigned.auth);
    expect(fams.body.families.map((f: { id: string }) => f.id)).toEqual([mum.familyId]);

    expect(
      (await srv.http.get(`/api/children/${child.id}`).set("Authorization", unassigned.auth)).status,
    ).toBe(404);
    expect((await srv.http.get("/api/children").set("Authorization", unassigned.auth)).body.children).toEqual(
      [],
    );
    // Station staff see care notes only through a booking roster, never here.
    expect((await srv.http.get(`/api/children/${child.id}`).set("Authorization", staff.auth)).status).toBe(
      403,
    );

    const admin = await buildAdmin(srv);
    expect((await srv.http.get(`/api/children/${child.id}`).set("Authorization", admin.auth)).status).toBe(
      200,
    );
  });

  it("only an admin assigns social workers", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const res = await srv.http
      .post(`/api/families/${otherMum.familyId}/social-workers`)
      .set("Authorization", sw.auth)
      .send({ socialWorkerId: sw.id });
    expect(res.status).toBe(403);
    expect((await srv.http.get("/api/families").set("Authorization", sw.auth)).body.families).toEqual([]);
    const admin = await buildAdmin(srv);
    const notSw = await srv.http
      .post(`/api/families/${otherMum.familyId}/social-workers`)
      .set("Authorization", admin.auth)
      .send({ socialWorkerId: mum.id });
    expect(notSw.status).toBe(400);
  });

  it("refuses bad child input with VALIDATION_FAILED naming the field, and stores nothing", async () => {
    const before = (await srv.http.get("/api/children").set("Authorization", otherMum.auth)).body.children
      .length;
    const cases: [string, Record<string, unknown>, string][] = [
      ["no nickname", { birthYear: 2015, distressType: "poverty", disabilityTypes: ["autism"] }, "nickname"],
      [
        "unknown disability",
        { nickname: "a", birthYear: 2015, distressType: "poverty", disabilityTypes: ["flying"] },
        "disabilityTypes.0",
      ],
      [
        "empty disability list",
        { nickname: "a", birthYear: 2015, distressType: "poverty", disabilityTypes: [] },
        "disabilityTypes",
      ],
      [
        "string year",
        { nickname: "a", birthYear: "2015", distressType: "poverty", disabilityTypes: ["autism"] },
        "birthYear",
      ],
      [
        "future year",
        { nickname: "a", birthYear: 2999, distressType: "poverty", disabilityTypes: ["autism"] },
        "birthYear",
      ],
      [
        "unknown field",
        {
          nickname: "a",
          birthYear: 2015,
          distressType: "poverty",
          disabilityTypes: ["autism"],
          familyId: mum.familyId,
        },
        "body",
      ],
      [
        "NUL in notes",
        {
          nickname: "a",
          birthYear: 2015,
          distressType: "poverty",
          disabilityTypes: ["autism"],
          careNotes: { other: "a\u0000b" },
        },
        "careNotes.other",
      ],
      [
        "bad phone",
        {
          nickname: "a",
          birthYear: 2015,
          distressType: "poverty",
          disabilityTypes: ["autism"],
          emergencyContact: { name: "x", phone: "call me" },
        },
        "emergencyContact.phone",
      ],
    ];
    for (const [name, body, field] of cases) {
      const res = await srv.http.post("/api/children").set("Authorization", otherMum.auth).send(body);
      expect(res.status, name).toBe(400);
      expect(res.body.error.code, name).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error.details.fields), name).toContain(field);
    }
    const bad = await srv.http.get("/api/children/not-a-uuid").set("Authorization", otherMum.auth);
    expect(bad.status).toBe(400);
    const after = (await srv.http.get("/api/children").set("Authorization", otherMum.auth)).body.children
      .length;
    expect(after).toBe(before);
  });

  it("keeps care-note text byte-for-byte", async () => {
    const weird = "  <b>不要</b> 'x' \"y\" 😀 \u200b tab\t end  ";
    const child = await buildChild(srv, otherMum, { careNotes: { other: weird } });
    const read = await srv.http.get(`/api/children/${child.id}`).set("Authorization", otherMum.auth);
    expect(read.body.careNotes.other).toBe(weird);
  });
});
