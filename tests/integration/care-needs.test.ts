import { sql } from "@carecircle/server";
import { describe, expect, it } from "vitest";
import { slotsRepo } from "../../server/src/modules/slots/slots.repo.js";
import { rosterRepo } from "../../server/src/modules/staffing/roster.repo.js";
import { slotStaffingForBooking } from "../../server/src/modules/staffing/slot-staffing.repo.js";
import type { Account } from "../factories/index.js";
import {
  addQualification,
  addShift,
  assignSocialWorker,
  book,
  bookingCounts,
  bookOk,
  buildAdmin,
  buildFamiliesFast,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  nineAm,
  searchSlots,
  setNeeds,
  setNeedsFast,
  setRatio,
  slotRow,
  sqlCount,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

/** A station with one staff account and a 09:00-11:00 slot (station-local) `days` ahead. */
async function staffedSlot(o: { capacity?: number; days?: number; staffCount?: number } = {}) {
  const staff = [];
  for (let i = 0; i < (o.staffCount ?? 1); i++)
    staff.push(await buildStaff(srv, "station_staff", `老师${i}`));
  const station = await buildStation(srv, {}, { staff });
  const { slot } = await buildSlot(srv, {
    station,
    capacity: o.capacity ?? 10,
    startsAt: nineAm(o.days ?? 3),
    endsAt: nineAm(o.days ?? 3, 2),
  });
  return { station, slot, staff, date: slot.localDate };
}

describe("care needs and qualified staff on shift", () => {
  it("100 concurrent bookings of children needing 1:1 care with two qualified staff on shift confirm exactly 2", async () => {
    const { slot, staff, date } = await staffedSlot({ capacity: 50, staffCount: 2 });
    for (const s of staff) {
      await addShift(srv, slot.stationId, s, { date });
      await addQualification(srv, s, "tube_feeding", "2099-12-31");
    }
    const families = await buildFamiliesFast(srv, 100);
    await setNeedsFast(
      srv,
      families.map((f) => f.child.id),
      "tube_feeding",
    );
    const responses = await Promise.all(
      families.map((f, i) => book(srv, f.caregiver, slot.id, f.child.id, i % 2 === 0)),
    );
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    const confirmed = responses.filter((r) => r.status === 201 && r.body.booking.status === "confirmed");
    expect(confirmed).toHaveLength(2);
    for (const r of responses.filter((x) => x.status === 409))
      expect(r.body.error).toMatchObject({ code: "SLOT_FULL", details: { reason: "ratio_full" } });
    const counts = await bookingCounts(srv, slot.id);
    expect(counts.confirmed).toBe(2);
    expect(counts.waitlisted).toBe(responses.filter((r) => r.status === 201).length - 2);
    expect(await slotRow(srv, slot.id)).toMatchObject({ confirmed_count: 2 });
  });

  it("refuses with needs_unmet when the qualification has expired by the slot's date, and search says why", async () => {
    const { slot, staff, date } = await staffedSlot();
    await addShift(srv, slot.stationId, staff[0]!, { date });
    // Valid until the day before the slot: expired on its date.
    const dayBefore = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const qualId = await addQualification(srv, staff[0]!, "tube_feeding", dayBefore);
    const { caregiver, child } = await buildFamily(srv);
    await setNeeds(srv, caregiver, child.id, ["tube_feeding"]);

    const refused = await book(srv, caregiver, slot.id, child.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "NOT_BOOKABLE",
      details: { reason: "needs_unmet", needs: ["tube_feeding"] },
    });
    const [found] = await searchSlots(srv, caregiver, { childId: child.id, stationId: slot.stationId });
    expect(found!.bookability).toMatchObject({
      bookable: false,
      canWaitlist: false,
      reasons: ["needs_unmet"],
      unmetNeeds: ["tube_feeding"],
    });
    expect(found!.onShift).toEqual([{ userId: staff[0]!.id, displayName: "老师0", needs: [] }]);
    expect(await sqlCount(srv, sql`select count(*) from bookings where slot_id = ${slot.id}`)).toBe(0);

    const admin = await buildAdmin(srv);
    const renewed = await srv.http
      .patch(`/api/qualifications/${qualId}`)
      .set("Authorization", admin.auth)
      .send({ expiresOn: date });
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    const [again] = await searchSlots(srv, caregiver, { childId: child.id, stationId: slot.stationId });
    expect(again!.onShift![0]!.needs).toEqual(["tube_feeding"]);
    expect((await bookOk(srv, caregiver, slot.id, child.id)).status).toBe("confirmed");
  });

  it("a shift change that uncovers bookings tells staff and social workers, and cancels nothing", async () => {
    const { slot, staff, date } = await staffedSlot();
    const shift = await addShift(srv, slot.stationId, staff[0]!, { date });
    await addQualification(srv, staff[0]!, "seizure_rescue", "2099-12-31");
    const { caregiver, child } = await buildFamily(srv);
    const sw = await buildStaff(srv, "social_worker", "社工丙");
    await assignSocialWorker(srv, caregiver.familyId!, sw.id);
    await setNeeds(srv, caregiver, child.id, ["seizure_rescue"]);
    const booking = await bookOk(srv, caregiver, slot.id, child.id);

    const admin = await buildAdmin(srv);
    const cut = await srv.http
      .patch(`/api/shifts/${shift.id}`)
      .set("Authorization", admin.auth)
      .send({ endTime: "10:00" });
    expect(cut.status, JSON.stringify(cut.body)).toBe(200);
    const notes = await sqlRows<{ user_id: string; payload: { coverageAlertId: string; count: number } }>(
      srv,
      sql`select user_id, payload from notifications where kind = 'coverage_lost'
          and payload->>'stationId' = ${slot.stationId}`,
    );
    expect(notes.map((n) => n.user_id).sort()).toEqual([staff[0]!.id, sw.id].sort());
    expect(notes[0]!.payload.count).toBe(1);
    expect(
      await sqlCount(
        srv,
        sql`select count(*) from bookings where id = ${booking.id} and status = 'confirmed'`,
      ),
    ).toBe(1);

    const alertId = notes[0]!.payload.coverageAlertId;
    // The change answers with the alert it raised, so the page can say so at once (decision 153).
    expect(cut.body.coverageAlerts).toEqual([{ id: alertId, stationId: slot.stationId, count: 1 }]);
    for (const who of [staff[0]!, sw]) {
      const read = await srv.http.get(`/api/coverage-alerts/${alertId}`).set("Authorization", who.auth);
      expect(read.status, JSON.stringify(read.body)).toBe(200);
      expect(read.body.items).toMatchObject([
        {
          bookingId: booking.id,
          childId: child.id,
          familyId: caregiver.familyId,
          reason: "needs_unmet",
          unmetNeeds: ["seizure_rescue"],
        },
      ]);
    }
    const stranger = await buildStaff(srv, "social_worker");
    const denied = await srv.http.get(`/api/coverage-alerts/${alertId}`).set("Authorization", stranger.auth);
    expect(denied.status).toBe(404);
    // Changing it again tells nobody twice about the same booking.
    const again = await srv.http
      .patch(`/api/shifts/${shift.id}`)
      .set("Authorization", admin.auth)
      .send({ endTime: "09:30" });
    expect(again.body.coverageAlerts).toEqual([]);
    expect(
      await sqlCount(
        srv,
        sql`select count(*) from notifications where kind = 'coverage_lost' and payload->>'stationId' = ${slot.stationId}`,
      ),
    ).toBe(2);
  });

  it("keeps the ratio under concurrency and promotes the waitlist when extra hours add a staff member", async () => {
    const { slot, staff, date } = await staffedSlot({ capacity: 20, staffCount: 2 });
    await setRatio(srv, slot.stationId, 3);
    await addShift(srv, slot.stationId, staff[0]!, { date });
    const families = await buildFamiliesFast(srv, 30);
    const responses = await Promise.all(
      families.map((f) => book(srv, f.caregiver, slot.id, f.child.id, true)),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(await bookingCounts(srv, slot.id)).toMatchObject({ confirmed: 3, waitlisted: 27 });

    const admin = await buildAdmin(srv);
    const extra = await srv.http
      .post(`/api/stations/${slot.stationId}/shift-exceptions`)
      .set("Authorization", admin.auth)
      .send({ kind: "extra", userId: staff[1]!.id, date, startTime: "08:30", endTime: "11:00" });
    expect(extra.status, JSON.stringify(extra.body)).toBe(201);
    expect(await bookingCounts(srv, slot.id)).toMatchObject({ confirmed: 6, waitlisted: 24 });
    expect(await slotRow(srv, slot.id)).toMatchObject({ confirmed_count: 6 });

    // Off for the day: three children are past the ratio; they are listed, not cancelled.
    const off = await srv.http
      .post(`/api/stations/${slot.stationId}/shift-exceptions`)
      .set("Authorization", admin.auth)
      .send({ kind: "off", userId: staff[0]!.id, date });
    expect(off.status, JSON.stringify(off.body)).toBe(201);
    expect(await bookingCounts(srv, slot.id)).toMatchObject({ confirmed: 6 });
    const [alert] = await sqlRows<{ items: unknown[] }>(
      srv,
      sql`select items from coverage_alerts where station_id = ${slot.stationId}`,
    );
    expect(alert!.items).toHaveLength(3);
    expect(off.body.coverageAlerts).toMatchObject([{ stationId: slot.stationId, count: 3 }]);
    // Taking the day off back covers them again: the removal raises nothing.
    const back = await srv.http
      .delete(`/api/shift-exceptions/${off.body.id}`)
      .set("Authorization", admin.auth);
    expect(back.body).toEqual({ ok: true, coverageAlerts: [] });
  });

  it("refuses bad staffing input with a stable code and changes nothing", async () => {
    const { slot, date } = await staffedSlot();
    const admin = await buildAdmin(srv);
    const outsider = await buildStaff(srv, "station_staff");
    const notHere = await srv.http
      .post(`/api/stations/${slot.stationId}/shifts`)
      .set("Authorization", admin.auth)
      .send({ userId: outsider.id, weekday: 1, startTime: "08:00", endTime: "12:00", validFrom: date });
    expect(notHere.status).toBe(400);
    expect(notHere.body.error.code).toBe("VALIDATION_FAILED");
    const backwards = await srv.http
      .post(`/api/stations/${slot.stationId}/shifts`)
      .set("Authorization", admin.auth)
      .send({ userId: outsider.id, weekday: 1, startTime: "12:00", endTime: "08:00", validFrom: date });
    expect(backwards.status).toBe(400);
    const unknownNeed = await srv.http
      .post(`/api/staff/${outsider.id}/qualifications`)
      .set("Authorization", admin.auth)
      .send({ needCode: "flying", expiresOn: "2099-01-01" });
    expect(unknownNeed.status).toBe(400);
    const { caregiver, child } = await buildFamily(srv);
    const badNeed = await srv.http
      .put(`/api/children/${child.id}/care-needs`)
      .set("Authorization", caregiver.auth)
      .send({ needs: [{ code: "flying" }] });
    expect(badNeed.status).toBe(400);
    expect(
      await sqlCount(srv, sql`select count(*) from staff_shifts where station_id = ${slot.stationId}`),
    ).toBe(0);
    expect(await sqlCount(srv, sql`select count(*) from child_care_needs where child_id = ${child.id}`)).toBe(
      0,
    );
  });

  it("lets admins extend the list, and station staff read needs of children booked with them (audited)", async () => {
    const admin = await buildAdmin(srv);
    const created = await srv.http
      .post("/api/care-need-types")
      .set("Authorization", admin.auth)
      .send({ code: "oxygen", labelZh: "吸氧", labelEn: "Oxygen", oneToOne: true });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const dup = await srv.http
      .post("/api/care-need-types")
      .set("Authorization", admin.auth)
      .send({ code: "oxygen", labelZh: "吸氧", labelEn: "Oxygen" });
    expect(dup.status).toBe(409);
    const { slot, staff } = await staffedSlot();
    const { caregiver, child } = await buildFamily(srv);
    const before = await srv.http
      .get(`/api/children/${child.id}/care-needs`)
      .set("Authorization", staff[0]!.auth);
    expect(before.status).toBe(404);
    await bookOk(srv, caregiver, slot.id, child.id);
    await setNeeds(srv, caregiver, child.id, ["toileting"]);
    const read = await srv.http
      .get(`/api/children/${child.id}/care-needs`)
      .set("Authorization", staff[0]!.auth);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body.needs).toEqual([{ code: "toileting", instructions: "" }]);
    expect(
      await sqlCount(
        srv,
        sql`select count(*) from audit_log where action = 'care_needs_viewed' and actor_id = ${staff[0]!.id}`,
      ),
    ).toBe(1);
  });

  it("shows each child's care needs on the roster with who on shift is qualified for them", async () => {
    const { slot, staff, date } = await staffedSlot({ days: 1, staffCount: 2 });
    for (const s of staff) await addShift(srv, slot.stationId, s, { date });
    await addQualification(srv, staff[0]!, "tube_feeding", "2099-12-31");
    const { caregiver, child } = await buildFamily(srv);
    const put = await srv.http
      .put(`/api/children/${child.id}/care-needs`)
      .set("Authorization", caregiver.auth)
      .send({ needs: [{ code: "tube_feeding", instructions: "每三小时一次，每次 150 毫升" }] });
    expect(put.status).toBe(200);
    await bookOk(srv, caregiver, slot.id, child.id);

    const roster = await srv.http
      .get(`/api/stations/${slot.stationId}/roster?date=${date}`)
      .set("Authorization", staff[1]!.auth);
    expect(roster.status).toBe(200);
    const day = roster.body.slots.find((x: { slot: { id: string } }) => x.slot.id === slot.id);
    expect(day.entries[0].child.careNeeds).toEqual([
      { code: "tube_feeding", instructions: "每三小时一次，每次 150 毫升" },
    ]);
    const onShift = day.slot.onShift as { userId: string; needs: string[] }[];
    expect(onShift.map((x) => x.userId).sort()).toEqual(staff.map((x) => x.id).sort());
    expect(onShift.find((x) => x.userId === staff[0]!.id)?.needs).toContain("tube_feeding");
    expect(onShift.find((x) => x.userId === staff[1]!.id)?.needs).not.toContain("tube_feeding");

    // an admin (not the station's staff) sees that the need exists, not its instructions
    const admin = await buildAdmin(srv);
    const asAdmin = await srv.http
      .get(`/api/stations/${slot.stationId}/roster?date=${date}`)
      .set("Authorization", admin.auth);
    const adminDay = asAdmin.body.slots.find((x: { slot: { id: string } }) => x.slot.id === slot.id);
    expect(adminDay.entries[0].child.careNeeds).toEqual([{ code: "tube_feeding", instructions: null }]);
  });

  it("the booking's one-statement staffing read agrees with the many-slot read search uses", async () => {
    const { slot, staff, date } = await staffedSlot({ staffCount: 4 });
    const [full, off, extra, partial] = staff as [Account, Account, Account, Account];
    await addShift(srv, slot.stationId, full, { date });
    await addShift(srv, slot.stationId, off, { date });
    await addShift(srv, slot.stationId, partial, { date, endTime: "10:00" });
    await addQualification(srv, full, "tube_feeding", "2099-12-31");
    await addQualification(srv, full, "seizure_rescue", "2020-01-01");
    await addQualification(srv, extra, "insulin", date);
    const admin = await buildAdmin(srv);
    for (const body of [
      { kind: "off", userId: off.id, date },
      { kind: "extra", userId: extra.id, date, startTime: "08:30", endTime: "12:00" },
    ]) {
      const res = await srv.http
        .post(`/api/stations/${slot.stationId}/shift-exceptions`)
        .set("Authorization", admin.auth)
        .send(body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await setRatio(srv, slot.stationId, 4);
    const seated = await buildFamily(srv);
    await setNeeds(srv, seated.caregiver, seated.child.id, ["tube_feeding"]);
    await bookOk(srv, seated.caregiver, slot.id, seated.child.id);
    const other = await buildFamily(srv);
    await bookOk(srv, other.caregiver, slot.id, other.child.id);
    const asking = await buildFamily(srv);
    await setNeeds(srv, asking.caregiver, asking.child.id, ["insulin", "seizure_rescue"]);

    const db = srv.cc.deps.db;
    const row = (await slotsRepo.byId(db, slot.id))!;
    const childIds = [asking.child.id, other.child.id];
    const one = await slotStaffingForBooking(db, row, "Asia/Shanghai", childIds);
    const many = (await rosterRepo.slotStaffing(db, [row], () => "Asia/Shanghai")).get(slot.id)!;
    const byUser = (xs: readonly { userId: string }[]) =>
      [...xs].sort((a, b) => a.userId.localeCompare(b.userId));
    expect(byUser(one.staffing.onShift)).toEqual(byUser(many.onShift));
    expect(one.staffing.onShift.map((x) => x.userId).sort()).toEqual([full.id, extra.id].sort());
    expect({ ...one.staffing, onShift: [] }).toEqual({ ...many, onShift: [] });
    expect(one.staffing).toMatchObject({ childrenPerStaff: 4, seated: { oneToOne: 1, shared: 1 } });
    expect(one.needs).toEqual(await rosterRepo.childNeeds(db, childIds));
    expect(one.needs.get(asking.child.id)?.codes).toEqual(["insulin", "seizure_rescue"]);
  });
});
