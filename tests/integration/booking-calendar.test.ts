import { describe, expect, it } from "vitest";
import {
  bookOk,
  buildFamily,
  buildSlot,
  buildStaff,
  buildStation,
  hoursFromNow,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

/** RFC 5545 unfolding: a CRLF followed by one space continues the previous line. */
const unfold = (ics: string) => ics.replace(/\r\n /g, "");
const icsUtc = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
const pathOf = (url: string) => new URL(url).pathname;

describe("iCalendar feed", () => {
  it("serves the family's bookings as valid text/calendar at a secret, rotatable, revocable URL", async () => {
    const fam = await buildFamily(srv, { nickname: "小宇" });
    const other = await buildFamily(srv, { nickname: "别人家的孩子" });
    const station = await buildStation(srv, {
      name: "阳光街道未成年人保护站, 一楼; 东门",
      address: "阳光路 12 号一楼，靠近地铁站出口的那栋白色大楼旁边的小院子里面",
    });
    const a = (await buildSlot(srv, { station, startsAt: hoursFromNow(30), capacity: 1 })).slot;
    const b = (await buildSlot(srv, { station, startsAt: hoursFromNow(60) })).slot;
    await bookOk(srv, other.caregiver, a.id, other.child.id);
    const waiting = await bookOk(srv, fam.caregiver, a.id, fam.child.id, true);
    const confirmed = await bookOk(srv, fam.caregiver, b.id, fam.child.id);

    expect((await srv.http.get("/api/calendar-feed").set("Authorization", fam.caregiver.auth)).body).toEqual({
      active: false,
      url: null,
    });
    const created = await srv.http.post("/api/calendar-feed").set("Authorization", fam.caregiver.auth);
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const url = pathOf(created.body.url);

    const res = await srv.http
      .get(url)
      .buffer(true)
      .parse((r, cb) => {
        let data = "";
        r.setEncoding("utf8");
        r.on("data", (c: string) => {
          data += c;
        });
        r.on("end", () => cb(null, data));
      });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/calendar; charset=utf-8/);
    const ics = res.body as string;
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);

    const text = unfold(ics);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(text).toContain(`UID:booking-${confirmed.id}@carecircle`);
    expect(text).toContain(`DTSTART:${icsUtc(b.startsAt)}`);
    expect(text).toContain(`DTEND:${icsUtc(b.endsAt)}`);
    expect(text).toContain("阳光街道未成年人保护站\\, 一楼\\; 东门");
    expect(text).toContain("小宇");
    expect(text).not.toContain("别人家的孩子");
    const waitEvent = text.split("BEGIN:VEVENT").find((e) => e.includes(waiting.id))!;
    expect(waitEvent).toContain("STATUS:TENTATIVE");
    expect(text.split("BEGIN:VEVENT").find((e) => e.includes(confirmed.id))).toContain("STATUS:CONFIRMED");

    // A cancelled booking stays in the feed as CANCELLED so calendar apps remove it.
    await srv.http
      .post(`/api/bookings/${confirmed.id}/cancel`)
      .set("Authorization", fam.caregiver.auth)
      .send({});
    const afterCancel = unfold((await srv.http.get(url).buffer(true)).text);
    expect(afterCancel.split("BEGIN:VEVENT").find((e) => e.includes(confirmed.id))).toContain(
      "STATUS:CANCELLED",
    );

    // Rotating gives a new URL and kills the old one; revoking kills the feed.
    const rotated = await srv.http.post("/api/calendar-feed").set("Authorization", fam.caregiver.auth);
    const url2 = pathOf(rotated.body.url);
    expect(url2).not.toBe(url);
    expect((await srv.http.get(url)).status).toBe(404);
    expect((await srv.http.get(url2)).status).toBe(200);
    const revoked = await srv.http.delete("/api/calendar-feed").set("Authorization", fam.caregiver.auth);
    expect(revoked.body).toEqual({ active: false, url: null });
    expect((await srv.http.get(url2)).status).toBe(404);
    expect((await srv.http.get("/api/calendar/not-a-token.ics")).status).toBe(400);

    const sw = await buildStaff(srv, "social_worker");
    expect((await srv.http.post("/api/calendar-feed").set("Authorization", sw.auth)).status).toBe(403);
  });
});
