import { Emoji, MessageSendSchema } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import { pickMentions } from "../../server/src/modules/messages/mentions.js";

describe("chat contract", () => {
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
