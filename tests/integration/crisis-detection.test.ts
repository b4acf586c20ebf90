import { sql } from "@carecircle/server";
import type { WatchedWord, WatchedWordTestResult } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  buildCaregiver,
  buildGroup,
  buildStaff,
  collect,
  connectSocket,
  emitAck,
  joinGroup,
  nextEvent,
  roundTrip,
  send,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

const srv = useTestServer();

async function room() {
  const { group, moderator } = await buildGroup(srv);
  const author = await buildCaregiver(srv);
  await joinGroup(srv, author, group.id);
  return {
    group,
    moderator,
    as: await connectSocket(srv, author.token),
    ms: await connectSocket(srv, moderator.token),
  };
}

async function alertsFor(messageId: string) {
  return sqlRows<{ id: string }>(srv, sql`select id from crisis_alerts where message_id = ${messageId}`);
}

async function testText(text: string): Promise<WatchedWordTestResult> {
  const sw = await buildStaff(srv, "social_worker");
  const res = await srv.http
    .post("/api/moderation/watched-words/test")
    .set("Authorization", sw.auth)
    .send({ text });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as WatchedWordTestResult;
}

/** Each disguise form of crisis talk, as a caregiver might send it. */
const DISGUISES: [form: string, text: string][] = [
  ["missing from the first list", "今天又被学校劝退了，活不下去了"],
  ["traditional", "我想自殺"],
  ["zero-width", "我想\u200b死"],
  ["spaces", "我 想 死"],
  ["punctuation", "活.不.下.去"],
  ["look-alikes", "I want to kіll mуself"],
  ["pinyin", "wo xiang si"],
  ["pinyin joined", "woxiangsi"],
  ["mixed", "我想si"],
  ["slang", "想紫砂了"],
  ["digit for 死", "我想4了"],
  ["2 for to", "I want 2 die"],
  ["harm to the child", "我真的想死，带着孩子一起走算了"],
];

describe("crisis detection survives disguise", () => {
  it("each disguise form sent as a chat message raises an alert and shows the author help", async () => {
    const { group, ms } = await room();
    for (const [form, text] of DISGUISES) {
      // A fresh author each time (the send rate limit is per person).
      const author = await buildCaregiver(srv);
      await joinGroup(srv, author, group.id);
      const as = await connectSocket(srv, author.token);
      const alert = nextEvent(ms, "moderation:alert", (a) => a.message?.body === text);
      const ack = await send(as, group.id, text);
      expect(ack.ok, `${form}: ${JSON.stringify(ack)}`).toBe(true);
      if (!ack.ok) continue;
      expect(ack.message.body, form).toBe(text); // stored as written, never rewritten
      expect(ack.support?.text, form).toContain("12356");
      expect((await alert).messageId, form).toBe(ack.message.id);
      expect(await alertsFor(ack.message.id), form).toHaveLength(1);
    }
  });

  it("exceptions and everyday talk stay silent", async () => {
    const { group, as, ms } = await room();
    const alerts = collect(ms, "moderation:alert");
    for (const text of [
      "笑死我了",
      "手机死机了",
      "累死了，今天跑了三趟医院",
      "想死你们了！",
      "跳楼价甩卖轮椅",
      "I'm dying to see the new playground",
      "You're killing it!",
      "买了个紫砂壶",
    ]) {
      const ack = await send(as, group.id, text);
      expect(ack.ok && ack.support, text).toBeUndefined();
      if (ack.ok) expect(await alertsFor(ack.message.id), text).toEqual([]);
    }
    // A crisis phrase elsewhere in the same text still counts.
    const mixed = await sendOk(as, group.id, "笑死，其实我真的想死");
    expect(await alertsFor(mixed.id)).toHaveLength(1);
    await until(() => alerts.length >= 1, { what: "the alert for the mixed message" });
    await roundTrip(ms);
    expect(alerts).toHaveLength(1);
  });

  it("editing a message into disguised crisis talk is screened the same way", async () => {
    const { group, as, ms } = await room();
    const m = await sendOk(as, group.id, "今天还好");
    const alert = nextEvent(ms, "moderation:alert");
    const edit = await emitAck(as, "message:edit", {
      messageId: m.id,
      body: "撐 不 下 去 了",
    });
    expect(edit.ok).toBe(true);
    expect((await alert).messageId).toBe(m.id);
  });
});

describe("the test page explains a match", () => {
  it("shows the normalised text, the entry, its form and tier", async () => {
    const r = await testText("我想自殺，wo xiang si");
    expect(r.normalized).toBe("我想自杀,wo xiang si");
    expect(r.action).toBe("crisis");
    expect(r.tier).toBe("intent");
    expect(r.matches.map((m) => [m.phrase, m.form, m.tier])).toEqual(
      expect.arrayContaining([
        ["自杀", "traditional", "intent"],
        ["想死", "pinyin", "intent"],
      ]),
    );
    expect(r.matches.find((m) => m.form === "pinyin")!.matchedText).toBe("xiang si");
    const slang = await testText("要不紫砂算了");
    expect(slang.matches).toMatchObject([
      { phrase: "自杀", form: "slang", matchedText: "紫砂", variants: ["紫砂", "自鲨"] },
    ]);
    const imminent = await testText("今晚就去跳楼");
    expect(imminent.tier).toBe("imminent");
  });

  it("shows which exception held an entry back", async () => {
    const r = await testText("跳楼价！");
    expect(r).toMatchObject({ action: null, tier: null, matches: [] });
    expect(r.heldBack).toMatchObject([{ phrase: "跳楼", action: "crisis", heldBy: { phrase: "跳楼价" } }]);
  });
});

describe("admins edit tiers, forms and variants", () => {
  it("creates, validates and changes entries; the next screen uses them", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const post = (body: object) =>
      srv.http.post("/api/moderation/watched-words").set("Authorization", sw.auth).send(body);
    const created = await post({ phrase: "不想醒来", action: "crisis", variants: ["不想醒過來"] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ tier: "intent", forms: ["word", "traditional", "pinyin", "slang"] });
    for (const bad of [
      { phrase: "scam2", action: "block", tier: "imminent" },
      { phrase: "x1", action: "crisis", tier: "urgent" },
      { phrase: "x2", action: "crisis", forms: [] },
      { phrase: "x3", action: "crisis", forms: ["word", "word"] },
      { phrase: "x4", action: "crisis", variants: [""] },
    ]) {
      const res = await post(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await testText("bu xiang xing lai")).matches.map((m) => m.form)).toEqual(["pinyin"]);
    const id = (created.body as WatchedWord).id;
    const patch = (body: object) =>
      srv.http.patch(`/api/moderation/watched-words/${id}`).set("Authorization", sw.auth).send(body);
    expect((await patch({ forms: ["word"], tier: "distress" })).body).toMatchObject({
      forms: ["word"],
      tier: "distress",
    });
    expect((await testText("bu xiang xing lai")).matches).toEqual([]);
    expect((await testText("我不想醒過來")).matches).toEqual([]); // the slang form is off now
    const flagged = await patch({ action: "flag" });
    expect(flagged.body).toMatchObject({ action: "flag", tier: null });
    const refused = await patch({ tier: "imminent" });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: { fields: { tier: expect.any(String) } },
    });
    const audit = await sqlRows<{ after: { tier: string | null } }>(
      srv,
      sql`select after from audit_log where action = 'watched_word_changed' and after->>'id' = ${id} order by id`,
    );
    expect(audit.map((a) => a.after.tier)).toEqual(["distress", null]);
  });
});

describe("starter list upgrade", () => {
  it("a database seeded with the first list gains the new entries and tiers, not what an admin removed", async () => {
    const svc = srv.cc.services.chat.watchedWords;
    await sqlRows(srv, sql`delete from platform_settings where key = 'starter_watched_words_v2'`);
    await sqlRows(srv, sql`delete from watched_words`);
    // The first list as a v1 database holds it (no tiers), minus one phrase the admin removed.
    await sqlRows(
      srv,
      sql`insert into watched_words (phrase, action) values ('想死', 'crisis'), ('跳楼', 'crisis'), ('kill myself', 'crisis')`,
    );
    await svc.ensureStarterList();
    const words = await sqlRows<{ phrase: string; action: string; tier: string | null }>(
      srv,
      sql`select phrase, action, tier from watched_words`,
    );
    const byPhrase = new Map(words.map((w) => [w.phrase, w]));
    expect(byPhrase.get("想死")?.tier).toBe("intent");
    expect(byPhrase.get("跳楼")?.tier).toBe("imminent");
    expect(byPhrase.get("活不下去")).toMatchObject({ action: "crisis", tier: "distress" });
    expect(byPhrase.get("笑死")).toMatchObject({ action: "allow" });
    expect(byPhrase.has("轻生")).toBe(false); // a v1 phrase the admin had removed stays removed
    await svc.ensureStarterList(); // once only
    expect(await sqlRows(srv, sql`select id from watched_words`)).toHaveLength(words.length);
  });
});
