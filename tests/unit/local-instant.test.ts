import { localInstant } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { localParts } from "../../server/src/modules/slots/local-time.js";

/** The one station-wall-clock -> instant conversion the server and the slot form both use. */
describe("localInstant", () => {
  it("reads the wall clock in the station's zone, not the machine's", () => {
    expect(localInstant("2027-05-10", "09:30", "Asia/Shanghai").toISOString()).toBe(
      "2027-05-10T01:30:00.000Z",
    );
    expect(localInstant("2027-01-01", "00:00", "Asia/Shanghai").toISOString()).toBe(
      "2026-12-31T16:00:00.000Z",
    );
  });

  it("moves a time skipped when DST starts forward by the gap", () => {
    // New York, 2027-03-14: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist
    expect(localInstant("2027-03-14", "02:30", "America/New_York").toISOString()).toBe(
      "2027-03-14T07:30:00.000Z",
    );
  });

  it("takes the first of two instants when DST ends", () => {
    // New York, 2027-11-07: 01:30 happens in EDT and again in EST; the EDT one comes first
    expect(localInstant("2027-11-07", "01:30", "America/New_York").toISOString()).toBe(
      "2027-11-07T05:30:00.000Z",
    );
  });

  it("round-trips with the server's localParts", () => {
    const at = localInstant("2027-08-01", "18:05", "Europe/Berlin");
    expect(localParts(at, "Europe/Berlin")).toMatchObject({ date: "2027-08-01", time: "18:05" });
  });
});
