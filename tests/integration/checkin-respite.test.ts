import { sql } from "@carecircle/server";
import { type CheckinCreated, type CheckinList, isHighStress, type RespiteOffer } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  ageCheckins,
  assignSocialWorker,
  bookOk,
  buildChild,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  hoursFromNow,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

const checkin = async (who: Account, stress: number, note?: string) => {
  const res = await srv.http
    .post("/api/checkins")
    .set("Authorization", who.auth)
    .send(note === undefined ? { stress } : { stress, note });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as CheckinCreated;
};
const offer = async (who: Account) => {
  const res = await srv.http.get("/api/checkins/respite-offer").set("Authorization", who.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  // the hotlines come with every offer, in the caller's language
  expect((res.body as RespiteOffer).help).toContain("12356");
  return (res.body as RespiteOffer).offers;
};

describe("the high-stress rule (one function for the offer and the alert)", () => {
  it("5 is high; a rise of 2 or more over an earlier rating of the window is high", () => {
    expect(isHighStress(5, [])).toBe(true);
    expect(isHighStress(4, [])).toBe(false);
    expect(isHighStress(4, [2])).toBe(true);
    expect(isHighStress(4, [3, 4])).toBe(false);
    expect(isHighStress(3, [1])).toBe(true);
    expect(isHighStress(1, [5])).toBe(false);
  });

  it("the check-in answer says high for a 5, and for a rise of 2 within 7 days but not after", async () => {
    const { caregiver } = await buildFamily(srv);
    expect((await checkin(caregiver, 2)).high).toBe(false);
    expect((await checkin(caregiver, 3)).high).toBe(false);
    expect((await checkin(caregiver, 4, "孩子又住院了")).high).toBe(true);
    expect((await checkin(caregiver, 5)).high).toBe(true);
    await ageCheckins(srv, caregiver.familyId!, 8);
    expect((await checkin(caregiver, 4)).high).toBe(false);
  });
});

describe("respite offered at once", () => {
  it("only slots her children can book, at stations that accept them, at most 3, bookable soonest first", async () => {
    const { caregiver, child } = await buildFamily(srv, { nickname: "小宝", disabilityTypes: ["hearing"] });
    const accepts = await buildStation(srv, { disabilityTypes: ["hearing", "visual"] });
    const refuses = await buildStation(srv, { disabilityTypes: ["visual"] });
    const at = (h: number) => ({ startsAt: hoursFromNow(h), endsAt: hoursFromNow(h + 2) });
    // soonest of all, but at a station that does not accept hearing: never offered
    await buildSlot(srv, { station: refuses, ...at(5) });
    // trusteeship is not respite
    await buildSlot(srv, { station: accepts, serviceType: "trusteeship", ...at(6) });
    // full: offered only after every bookable one, as a waitlist
    const full = await buildSlot(srv, { station: accepts, capacity: 1, ...at(7) });
    const other = await buildFamily(srv, { disabilityTypes: ["hearing"] });
    await bookOk(srv, other.caregiver, full.slot.id, other.child.id);
    // already booked by this child: not offered
    const mine = await buildSlot(srv, { station: accepts, ...at(8) });
    await bookOk(srv, caregiver, mine.slot.id, child.id);
    // beyond the station's booking window: not offered
    await buildSlot(srv, { station: accepts, ...at(24 * 20) });
    const open = [];
    for (const h of [30, 12, 50, 70]) open.push((await buildSlot(srv, { station: accepts, ...at(h) })).slot);

    const offers = await offer(caregiver);
    expect(offers).toHaveLength(3);
    const byTime = [...open].sort((a, b) => a.startsAt.localeCompare(b.startsAt)).slice(0, 3);
    expect(offers.map((o) => o.slot.id)).toEqual(byTime.map((s) => s.id));
    for (const o of offers) {
      expect(o.child).toEqual({ id: child.id, nickname: "小宝" });
      expect(o.slot.bookability).toMatchObject({ bookable: true, reasons: [] });
      expect(o.slot.station.id).toBe(accepts.id);
    }
    // one tap books the first offer through the ordinary booking route
    await bookOk(srv, caregiver, offers[0]!.slot.id, child.id);
    const next = await offer(caregiver);
    expect(next.map((o) => o.slot.id)).not.toContain(offers[0]!.slot.id);
  });

  it("when nothing is bookable the waitlist of a full slot is offered; nothing at all is an empty list", async () => {
    const { caregiver, child } = await buildFamily(srv, { disabilityTypes: ["chronic_illness"] });
    expect(await offer(caregiver)).toEqual([]);
    const station = await buildStation(srv, { disabilityTypes: ["chronic_illness"] });
    const full = await buildSlot(srv, { station, capacity: 1 });
    const other = await buildFamily(srv, { disabilityTypes: ["chronic_illness"] });
    await bookOk(srv, other.caregiver, full.slot.id, other.child.id);
    const offers = await offer(caregiver);
    expect(offers.map((o) => o.slot.id)).toEqual([full.slot.id]);
    expect(offers[0]!.slot.bookability).toMatchObject({
      bookable: false,
      canWaitlist: true,
      reasons: ["full"],
    });
    expect(offers[0]!.child.id).toBe(child.id);
  });

  it("a family with two children: each slot once, for a child who can take it", async () => {
    const { caregiver, child } = await buildFamily(srv, { disabilityTypes: ["physical"] });
    const second = await buildChild(srv, caregiver, {
      nickname: "妹妹",
      disabilityTypes: ["cerebral_palsy"],
    });
    const station = await buildStation(srv, { disabilityTypes: ["cerebral_palsy"] });
    const s = await buildSlot(srv, { station });
    const offers = await offer(caregiver);
    expect(offers.map((o) => [o.slot.id, o.child.id])).toEqual([[s.slot.id, second.id]]);
    expect(offers.some((o) => o.child.id === child.id)).toBe(false);
  });

  it("soonest means the earliest instant, whatever each station's time zone", async () => {
    const { caregiver } = await buildFamily(srv, { disabilityTypes: ["physical"] });
    const shanghai = await buildStation(srv, { disabilityTypes: ["physical"], timeZone: "Asia/Shanghai" });
    const london = await buildStation(srv, { disabilityTypes: ["physical"], timeZone: "Europe/London" });
    // 02:00Z (10:00 in Shanghai) comes before 03:00Z (03:00 in London), though "03:00" < "10:00"
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const at = (h: number) => new Date(`${day}T0${h}:00:00Z`).toISOString();
    const late = await buildSlot(srv, { station: london, startsAt: at(3), endsAt: at(5) });
    const early = await buildSlot(srv, { station: shanghai, startsAt: at(2), endsAt: at(4) });
    const offers = await offer(caregiver);
    expect(offers.map((o) => o.slot.id)).toEqual([early.slot.id, late.slot.id]);
  });

  it("caregivers only", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const res = await srv.http.get("/api/checkins/respite-offer").set("Authorization", sw.auth);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
    expect((await srv.http.get("/api/checkins/respite-offer")).status).toBe(401);
  });
});

describe("stress history on the family page", () => {
  it("newest first with the notes, for the caregiver, the assigned social worker and admins only", async () => {
    const { caregiver } = await buildFamily(srv);
    await checkin(caregiver, 3, "还行");
    await checkin(caregiver, 5, "快撑不住了");
    const familyId = caregiver.familyId!;
    const assigned = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, familyId, assigned.id);
    const admin = await buildStaff(srv, "admin");
    for (const who of [caregiver, assigned, admin]) {
      const res = await srv.http.get("/api/checkins").query({ familyId }).set("Authorization", who.auth);
      expect(res.status, who.role).toBe(200);
      const list = res.body as CheckinList;
      expect(list.checkins.map((c) => [c.stress, c.note])).toEqual([
        [5, "快撑不住了"],
        [3, "还行"],
      ]);
    }
    const stranger = await buildStaff(srv, "social_worker");
    const refused = await srv.http
      .get("/api/checkins")
      .query({ familyId })
      .set("Authorization", stranger.auth);
    expect(refused.status).toBe(404);
    const otherFamily = await buildFamily(srv);
    const cross = await srv.http
      .get("/api/checkins")
      .query({ familyId })
      .set("Authorization", otherFamily.caregiver.auth);
    expect(cross.status).toBe(404);
    const staff = await buildStaff(srv, "station_staff");
    expect(
      (await srv.http.get("/api/checkins").query({ familyId }).set("Authorization", staff.auth)).status,
    ).toBe(403);
    // Staff reads of the notes are audited, one entry per read; the caregiver's own reads are not.
    const audited = await sqlRows<{ actor_id: string }>(
      srv,
      sql`select actor_id from audit_log where action = 'checkins_viewed' and after->>'familyId' = ${familyId}`,
    );
    expect(audited.map((r) => r.actor_id).sort()).toEqual([assigned.id, admin.id].sort());
  });
});
