import type { Checkin } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  ageCheckins,
  assignSocialWorker,
  book,
  bookingCounts,
  bookOk,
  buildAdmin,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  hoursFromNow,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

describe("families only see and act for their own", () => {
  it("a caregiver cannot book for another family's child, nor see, cancel or list another family's bookings", async () => {
    const mine = await buildFamily(srv);
    const theirs = await buildFamily(srv);
    const { slot } = await buildSlot(srv);
    const foreign = await book(srv, mine.caregiver, slot.id, theirs.child.id);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("NOT_FOUND");
    expect(await bookingCounts(srv, slot.id)).toEqual({});

    const theirBooking = await bookOk(srv, theirs.caregiver, slot.id, theirs.child.id);
    const peek = await srv.http
      .get(`/api/bookings/${theirBooking.id}`)
      .set("Authorization", mine.caregiver.auth);
    expect(peek.status).toBe(404);
    const cancel = await srv.http
      .post(`/api/bookings/${theirBooking.id}/cancel`)
      .set("Authorization", mine.caregiver.auth);
    expect(cancel.status).toBe(404);
    expect(await bookingCounts(srv, slot.id)).toEqual({ confirmed: 1 });
    const list = await srv.http
      .get("/api/bookings")
      .query({ familyId: theirs.caregiver.familyId })
      .set("Authorization", mine.caregiver.auth);
    expect(list.status).toBe(404);
    const own = await srv.http.get("/api/bookings").set("Authorization", mine.caregiver.auth);
    expect(own.status).toBe(200);
    expect(own.body.bookings).toEqual([]);
    const explain = await srv.http
      .get("/api/slots")
      .query({ childId: theirs.child.id })
      .set("Authorization", mine.caregiver.auth);
    expect(explain.status).toBe(404);
  });

  it("roles that may never manage stations, slots or rosters get 403; unauthenticated callers 401", async () => {
    const fam = await buildFamily(srv);
    const staff = await buildStaff(srv, "station_staff");
    const station = await buildStation(srv, {}, { staff: [staff] });
    const otherStation = await buildStation(srv);
    const { slot } = await buildSlot(srv, { station });
    const slotBody = {
      stationId: station.id,
      serviceType: "respite",
      startsAt: hoursFromNow(40),
      endsAt: hoursFromNow(42),
      capacity: 2,
    };
    const stationBody = {
      name: "x",
      district: "d",
      address: "a",
      phone: "021-55550001",
      disabilityTypes: ["autism"],
      serviceTypes: ["respite"],
    };
    const asFamily = [
      srv.http.post("/api/stations").send(stationBody),
      srv.http.post("/api/slots").send(slotBody),
      srv.http.patch(`/api/slots/${slot.id}`).send({ capacity: 50 }),
      srv.http.post(`/api/slots/${slot.id}/cancel`).send({ reason: "x" }),
      srv.http.post(`/api/stations/${station.id}/blackouts`).send({ date: "2030-01-01" }),
      srv.http.get(`/api/stations/${station.id}/roster`),
      srv.http.post(`/api/bookings/${slot.id}/check-in`),
    ];
    for (const [i, req] of asFamily.entries()) {
      const res = await req.set("Authorization", fam.caregiver.auth);
      expect({ i, status: res.status, code: res.body.error?.code }).toEqual({
        i,
        status: 403,
        code: "FORBIDDEN",
      });
    }
    expect(
      (await srv.http.post("/api/stations").set("Authorization", staff.auth).send(stationBody)).status,
    ).toBe(403);
    // Staff manage their own station's slots, not another's.
    expect((await srv.http.post("/api/slots").set("Authorization", staff.auth).send(slotBody)).status).toBe(
      201,
    );
    const elsewhere = await srv.http
      .post("/api/slots")
      .set("Authorization", staff.auth)
      .send({ ...slotBody, stationId: otherStation.id });
    expect(elsewhere.status).toBe(403);
    expect((await srv.http.get("/api/bookings")).status).toBe(401);
    expect((await srv.http.get("/api/slots")).status).toBe(401);
    const unchanged = await srv.http.get(`/api/slots/${slot.id}`).set("Authorization", fam.caregiver.auth);
    expect(unchanged.body).toMatchObject({ capacity: 10, cancelled: false });
  });

  it("stations are public to signed-in users and managed by social workers and admins", async () => {
    const admin = await buildAdmin(srv);
    const sw = await buildStaff(srv, "social_worker");
    const staff = await buildStaff(srv, "station_staff");
    const fam = await buildFamily(srv);
    const created = await srv.http
      .post("/api/stations")
      .set("Authorization", sw.auth)
      .send({
        name: "和平街道托管驿站",
        district: "和平街道",
        address: "和平路 88 号",
        phone: "021-55550002",
        disabilityTypes: ["hearing"],
        serviceTypes: ["trusteeship"],
        openingHours: { "1": [["09:00", "16:00"]] },
      });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      timeZone: "Asia/Shanghai",
      cancelCutoffHours: 24,
      maxBookingsPerWeek: 3,
    });
    const id = created.body.id;
    const addStaff = await srv.http
      .post(`/api/stations/${id}/staff`)
      .set("Authorization", admin.auth)
      .send({ userId: staff.id });
    expect(addStaff.body.staff).toEqual([{ id: staff.id, displayName: staff.displayName }]);
    const notStaff = await srv.http
      .post(`/api/stations/${id}/staff`)
      .set("Authorization", admin.auth)
      .send({ userId: fam.caregiver.id });
    expect(notStaff.status).toBe(400);
    const patched = await srv.http
      .patch(`/api/stations/${id}`)
      .set("Authorization", sw.auth)
      .send({ cancelCutoffHours: 12 });
    expect(patched.body.cancelCutoffHours).toBe(12);
    const filtered = await srv.http
      .get("/api/stations")
      .query({ disabilityType: "hearing" })
      .set("Authorization", fam.caregiver.auth);
    expect(filtered.body.stations.map((s: { id: string }) => s.id)).toContain(id);
    const none = await srv.http
      .get("/api/stations")
      .query({ disabilityType: "visual" })
      .set("Authorization", fam.caregiver.auth);
    expect(none.body.stations.map((s: { id: string }) => s.id)).not.toContain(id);
    const removed = await srv.http
      .delete(`/api/stations/${id}/staff/${staff.id}`)
      .set("Authorization", sw.auth);
    expect(removed.body.staff).toEqual([]);
  });
});

describe("stress check-ins and the urgent flag", () => {
  it("a caregiver checks in; the assigned social worker sees the trend; nobody else does", async () => {
    const fam = await buildFamily(srv);
    const stranger = await buildFamily(srv);
    const sw = await buildStaff(srv, "social_worker");
    const otherSw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, fam.caregiver.familyId!, sw.id);

    for (const bad of [
      { stress: 0 },
      { stress: 6 },
      { stress: 3.5 },
      { stress: "3" },
      {},
      { stress: 3, extra: 1 },
    ]) {
      const res = await srv.http.post("/api/checkins").set("Authorization", fam.caregiver.auth).send(bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    expect(
      (await srv.http.post("/api/checkins").set("Authorization", sw.auth).send({ stress: 3 })).status,
    ).toBe(403);

    for (const stress of [2, 2])
      await srv.http.post("/api/checkins").set("Authorization", fam.caregiver.auth).send({ stress });
    await ageCheckins(srv, fam.caregiver.familyId!, 40);
    const now = await srv.http
      .post("/api/checkins")
      .set("Authorization", fam.caregiver.auth)
      .send({ stress: 5, note: "孩子最近晚上不睡觉" });
    expect(now.status).toBe(201);
    expect(now.body).toMatchObject({
      stress: 5,
      note: "孩子最近晚上不睡觉",
      familyId: fam.caregiver.familyId,
    });

    const seen = await srv.http
      .get("/api/checkins")
      .query({ familyId: fam.caregiver.familyId })
      .set("Authorization", sw.auth);
    expect(seen.status).toBe(200);
    expect(seen.body.checkins.map((c: Checkin) => c.stress)).toEqual([5, 2, 2]);
    expect(seen.body.trend).toMatchObject({
      latest: 5,
      average30Days: 5,
      averagePrevious30Days: 2,
      direction: "rising",
    });
    const own = await srv.http.get("/api/checkins").set("Authorization", fam.caregiver.auth);
    expect(own.body.checkins).toHaveLength(3);

    const q = { familyId: fam.caregiver.familyId };
    expect((await srv.http.get("/api/checkins").query(q).set("Authorization", otherSw.auth)).status).toBe(
      404,
    );
    expect(
      (await srv.http.get("/api/checkins").query(q).set("Authorization", stranger.caregiver.auth)).status,
    ).toBe(404);
    expect((await srv.http.get("/api/checkins").set("Authorization", sw.auth)).status).toBe(400);
  });

  it("only the family's social worker (or an admin) sets the urgent flag", async () => {
    const fam = await buildFamily(srv);
    const sw = await buildStaff(srv, "social_worker");
    const otherSw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, fam.caregiver.familyId!, sw.id);
    const url = `/api/families/${fam.caregiver.familyId}/urgent`;
    expect(
      (await srv.http.put(url).set("Authorization", fam.caregiver.auth).send({ urgent: true })).status,
    ).toBe(403);
    expect((await srv.http.put(url).set("Authorization", otherSw.auth).send({ urgent: true })).status).toBe(
      404,
    );
    expect((await srv.http.put(url).set("Authorization", sw.auth).send({ urgent: "yes" })).status).toBe(400);
    const set = await srv.http
      .put(url)
      .set("Authorization", sw.auth)
      .send({ urgent: true, note: "母亲住院" });
    expect(set.body).toEqual({ familyId: fam.caregiver.familyId, urgent: true, urgentNote: "母亲住院" });
    const family = await srv.http.get("/api/family").set("Authorization", fam.caregiver.auth);
    expect(family.body.urgent).toBe(true);
    const cleared = await srv.http.put(url).set("Authorization", sw.auth).send({ urgent: false });
    expect(cleared.body).toEqual({ familyId: fam.caregiver.familyId, urgent: false, urgentNote: null });
  });
});
