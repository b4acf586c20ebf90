import type { Ack, Message, SendResult, SyncResult } from "@carecircle/shared";
import { describe, expectTypeOf, it } from "vitest";
import type { AckOf, EventOf, PayloadOf } from "../factories/sockets.js";
import { emitAck, nextEvent } from "../factories/sockets.js";

// Type-level: `pnpm typecheck` fails when these do not hold. The test helpers take payload, ack and
// event types from the event name, so a test never restates them.
describe("socket test helpers (type level)", () => {
  it("emitAck infers the payload and the ack from the event name", () => {
    expectTypeOf<AckOf<"message:send">>().toEqualTypeOf<Ack<SendResult>>();
    expectTypeOf<AckOf<"group:sync">>().toEqualTypeOf<Ack<SyncResult>>();
    expectTypeOf(emitAck<"message:send">).returns.resolves.toEqualTypeOf<Ack<SendResult>>();
    expectTypeOf<{ groupId: string; clientId: string; body: string }>().toExtend<PayloadOf<"message:send">>();
    // A field the schema defaults may be left out; a required one may not.
    expectTypeOf<{ groupId: string; sinceChangeSeq: number }>().toExtend<PayloadOf<"group:sync">>();
    expectTypeOf<{ groupId: string; body: string }>().not.toExtend<PayloadOf<"message:send">>();
  });

  it("nextEvent answers the payload of the server event it waits for", () => {
    expectTypeOf<EventOf<"message:new">>().toEqualTypeOf<Message>();
    expectTypeOf(nextEvent<"message:new">).returns.resolves.toEqualTypeOf<Message>();
    // @ts-expect-error not an event the server sends
    expectTypeOf<EventOf<"message:sned">>();
  });
});
