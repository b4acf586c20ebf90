import type { Slot } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from "../../server/src/seed/demo.js";
import { login } from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

describe("demo data", () => {
  it("seeds weekly slot rules whose slots a demo family can book at once", async () => {
    expect(await seedDemoIfEmpty(srv.cc.deps)).toBe(true);
    const mama = DEMO_ACCOUNTS.find((a) => a.email.startsWith("mama"))!;
    const me = await login(srv, mama.email, mama.password);
    const children = await srv.http.get("/api/children").set("Authorization", me.auth);
    const child = children.body.children[0];
    const res = await srv.http.get("/api/slots").query({ childId: child.id }).set("Authorization", me.auth);
    expect(res.status).toBe(200);
    const slots = res.body.slots as Slot[];
    expect(slots.length).toBeGreaterThan(5);
    for (const s of slots) expect(["09:00", "09:30", "13:30"]).toContain(s.localStartTime);
    const staff = DEMO_ACCOUNTS.find((a) => a.role === "station_staff")!;
    const teacher = await login(srv, staff.email, staff.password);
    const stations = await srv.http.get("/api/stations").set("Authorization", me.auth);
    const teachersStation = stations.body.stations.find((st: { staff: { id: string }[] }) =>
      st.staff.some((x) => x.id === teacher.id),
    );
    const bookable = slots.find((s) => s.bookability?.bookable && s.stationId === teachersStation.id);
    expect(bookable).toBeDefined();
    const booked = await srv.http
      .post("/api/bookings")
      .set("Authorization", me.auth)
      .send({ slotId: bookable!.id, childId: child.id });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const roster = await srv.http
      .get(`/api/stations/${bookable!.stationId}/roster`)
      .query({ date: bookable!.localDate })
      .set("Authorization", teacher.auth);
    expect(roster.status).toBe(200);
    expect(roster.body.slots.flatMap((s: { entries: unknown[] }) => s.entries)).toHaveLength(1);
  });
});
