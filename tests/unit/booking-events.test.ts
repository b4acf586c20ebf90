import type { Booking, ServerToClientEvents, SlotSeatsPayload } from "@carecircle/shared";
import { describe, expectTypeOf, it } from "vitest";

type BookingUpdated = ServerToClientEvents["booking:updated"];
type SlotUpdated = ServerToClientEvents["slot:updated"];

// Type-level: `pnpm typecheck` fails when these do not hold.
describe("booking event map (type level)", () => {
  it("types booking:updated and slot:updated payloads", () => {
    expectTypeOf<BookingUpdated>().parameter(0).toEqualTypeOf<Booking>();
    expectTypeOf<SlotUpdated>().parameter(0).toEqualTypeOf<SlotSeatsPayload>();
    // A booking update carries a Booking, not a bare id.
    expectTypeOf<BookingUpdated>().parameter(0).not.toEqualTypeOf<string>();
    // There is no such booking event.
    expectTypeOf<ServerToClientEvents>().not.toHaveProperty("booking:deleted");
  });
});
