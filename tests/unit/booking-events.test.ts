import type { Booking, ServerToClientEvents, SlotSeatsPayload } from "@carecircle/shared";
import { describe, expect, it } from "vitest";

type BookingUpdated = ServerToClientEvents["booking:updated"];
type SlotUpdated = ServerToClientEvents["slot:updated"];

describe("booking event map (type level)", () => {
  it("types booking:updated and slot:updated payloads", () => {
    const onBooking: BookingUpdated = (b: Booking) => void b.status;
    const onSlot: SlotUpdated = (s: SlotSeatsPayload) => void s.seatsLeft;
    // @ts-expect-error a booking update carries a Booking, not a bare id
    const wrong: BookingUpdated = (id: string) => void id.length;
    // @ts-expect-error there is no such booking event
    const missing: ServerToClientEvents["booking:deleted"] = () => undefined;
    expect([onBooking, onSlot, wrong, missing].every((f) => typeof f === "function")).toBe(true);
  });
});
