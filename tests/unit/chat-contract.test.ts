import {
  type ClientToServerEvents,
  Emoji,
  MessageSendSchema,
  type ServerToClientEvents,
} from "@carecircle/shared";
import type { Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { pickMentions } from "../../server/src/modules/messages/mentions.js";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe("chat contract", () => {
  it("types the fixed socket events (a wrong payload does not compile)", () => {
    const typed = (s: Client) => {
      s.emit("message:send", { groupId: "g", clientId: "c", body: "hi", replyToSeq: 1 }, (ack) => {
        if (ack.ok) ack.message.seq.toFixed();
        else ack.error.code.toLowerCase();
      });
      // @ts-expect-error body is required
      s.emit("message:send", { groupId: "g", clientId: "c" });
      // @ts-expect-error replyToSeq is a number
      s.emit("message:send", { groupId: "g", clientId: "c", body: "x", replyToSeq: "1" });
      s.on("message:new", (m) => m.sender?.displayName.toLowerCase());
      // @ts-expect-error presence payloads have no email
      s.on("presence", (p) => p.online[0]?.email);
    };
    expect(typeof typed).toBe("function");
  });

  it("validates the send payload", () => {
    const ok = { groupId: crypto.randomUUID(), clientId: crypto.randomUUID(), body: "  你好  " };
    expect(MessageSendSchema.parse(ok).body).toBe("  你好  ");
    expect(MessageSendSchema.safeParse({ ...ok, body: " ".repeat(10) }).success).toBe(false);
    expect(MessageSendSchema.safeParse({ ...ok, body: "好".repeat(2001) }).success).toBe(false);
    expect(MessageSendSchema.safeParse({ ...ok, html: true }).success).toBe(false);
  });

  it("accepts emoji (with modifiers and sequences) and nothing else as a reaction", () => {
    for (const e of ["👍", "👍🏽", "❤️", "👨‍👩‍👧", "🇨🇳", "1️⃣", "🙏"])
      expect(Emoji.safeParse(e).success, e).toBe(true);
    for (const e of ["", "a", "1", "#", "<b>", "好", " 👍", "👍".repeat(9)])
      expect(Emoji.safeParse(e).success, e).toBe(false);
  });
});

describe("mentions", () => {
  const members = [
    { id: "ann", displayName: "Ann" },
    { id: "anna", displayName: "Anna" },
    { id: "mum", displayName: "小宇妈妈" },
  ];
  it("finds @display names, preferring the longest name at each @", () => {
    expect(pickMentions("@Anna 你好", members)).toEqual(["anna"]);
    expect(pickMentions("@Ann and @Anna", members).sort()).toEqual(["ann", "anna"]);
    expect(pickMentions("谢谢@小宇妈妈的分享", members)).toEqual(["mum"]);
    expect(pickMentions("no mentions here, Ann", members)).toEqual([]);
  });
});
