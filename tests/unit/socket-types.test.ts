/**
 * The socket contract at the type level: `ClientToServerEvents`, and the handler `onEvent` takes,
 * derive from `EVENT_SCHEMAS`, so a payload or ack cannot disagree with its schema. These are
 * checked by `tsc` (`pnpm typecheck`); at run time `expectTypeOf` does nothing.
 */
import {
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  EVENT_ACCESS,
  EVENT_SCHEMAS,
  type EventAnswer,
  type EventPayload,
  type MessageSendInput,
  type ParsedEventPayload,
  type Role,
  type SendResult,
  type ServerToClientEvents,
  type SocketData,
} from "@carecircle/shared";
import type { Socket } from "socket.io-client";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { onEvent } from "../../server/src/realtime/io.js";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Handler<E extends ClientEventName> = Parameters<typeof onEvent<E>>[3];

describe("socket types derive from EVENT_SCHEMAS", () => {
  it("has exactly the events of the schema table, and the access table has the same", () => {
    expectTypeOf<keyof ClientToServerEvents>().toEqualTypeOf<keyof typeof EVENT_SCHEMAS>();
    expectTypeOf<keyof typeof EVENT_ACCESS>().toEqualTypeOf<ClientEventName>();
    expect(Object.keys(EVENT_ACCESS).sort()).toEqual(Object.keys(EVENT_SCHEMAS).sort());
  });

  it("types a client's payload as the schema's input and its ack as the schema's output", () => {
    // MessageSendInput and SendResult are `z.infer` of the send payload and answer schemas.
    expectTypeOf<EventPayload<"message:send">>().toEqualTypeOf<MessageSendInput>();
    expectTypeOf<Parameters<ClientToServerEvents["message:send"]>[1]>().toEqualTypeOf<
      ((res: Ack<SendResult>) => void) | undefined
    >();
    // A default (`limit` of a catch-up) may be left out by the client and is filled in for the handler.
    expectTypeOf<EventPayload<"group:sync">["limit"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ParsedEventPayload<"group:sync">["limit"]>().toEqualTypeOf<number>();
    expectTypeOf<EventAnswer<"group:read">>().toEqualTypeOf<{ unreadCount: number }>();
  });

  it("types the server handler by event name: parsed payload in, the event's answer out", () => {
    expectTypeOf<Parameters<Handler<"group:sync">>[0]>().toEqualTypeOf<ParsedEventPayload<"group:sync">>();
    expectTypeOf<ReturnType<Handler<"group:read">>>().toEqualTypeOf<Promise<{ unreadCount: number }>>();
    expectTypeOf(async () => ({ unreadCount: 1 })).toExtend<Handler<"group:read">>();
    // @ts-expect-error the answer of group:read is { unreadCount }, not { count }
    expectTypeOf(async () => ({ count: 1 })).toExtend<Handler<"group:read">>();
    // @ts-expect-error a typing payload has no body
    expectTypeOf<Parameters<Handler<"typing">>[0]>().toHaveProperty("body");
  });

  it("types SocketData.role as a Role", () => {
    expectTypeOf<SocketData["role"]>().toEqualTypeOf<Role>();
  });

  it("a typed client gets a type error for a wrong payload, ack or event name", () => {
    const typed = (s: Client) => {
      s.emit("message:send", { groupId: "g", clientId: "c", body: "hi", replyToSeq: 1 }, (ack) => {
        if (ack.ok) ack.message.seq.toFixed();
        else ack.error.code.toLowerCase();
      });
      // @ts-expect-error clientId is required
      s.emit("message:send", { groupId: "g", body: "x" });
      // @ts-expect-error replyToSeq is a number
      s.emit("message:send", { groupId: "g", clientId: "c", body: "x", replyToSeq: "1" });
      // @ts-expect-error the ack of group:read has no message
      s.emit("group:read", { groupId: "g", seq: 1 }, (ack) => ack.ok && ack.message);
      // @ts-expect-error no such client event
      s.emit("booking:create", {});
      s.on("message:new", (m) => m.sender?.displayName.toLowerCase());
      // @ts-expect-error presence payloads have no email
      s.on("presence", (p) => p.online[0]?.email);
    };
    expectTypeOf(typed).parameter(0).toEqualTypeOf<Client>();
  });
});
