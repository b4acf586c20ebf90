import { sql } from "@carecircle/server";
import type { CrisisAlert, Notification, WatchedWord } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  buildAdmin,
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

async function addWord(phrase: string, action: "block" | "flag" | "crisis") {
  const sw = await buildStaff(srv, "social_worker");
  const res = await srv.http
    .post("/api/moderation/watched-words")
    .set("Authorization", sw.auth)
    .send({ phrase, action });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as WatchedWord;
}

async function room() {
  const { group, moderator } = await buildGroup(srv);
  const author = await buildCaregiver(srv, { displayName: "深夜的妈妈" });
  const peer = await buildCaregiver(srv);
  await joinGroup(srv, author, group.id);
  await joinGroup(srv, peer, group.id);
  return {
    group,
    moderator,
    author,
    peer,
    as: await connectSocket(srv, author.token),
    ps: await connectSocket(srv, peer.token),
  };
}

describe("watched words", () => {
  it("every database starts with the starter list: tiered crisis entries, insult flags, exceptions; no block words", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const res = await srv.http.get("/api/moderation/watched-words").set("Authorization", sw.auth);
    expect(res.status).toBe(200);
    const words = res.body.words as WatchedWord[];
    const of = (action: WatchedWord["action"]) => words.filter((w) => w.action === action);
    expect(of("crisis").length).toBeGreaterThanOrEqual(40);
    expect(of("crisis").every((w) => w.tier !== null)).toBe(true);
    expect(of("block")).toEqual([]);
    expect(of("flag").map((w) => w.phrase)).toContain("你去死");
    expect(of("allow").map((w) => w.phrase)).toEqual(
      expect.arrayContaining(["笑死", "跳楼价", "dying to see"]),
    );
    expect(words.map((w) => w.phrase)).toEqual(
      expect.arrayContaining(["不想活了", "kill myself", "活不下去"]),
    );
    // Seeding is once per database: a starter phrase the operator removed stays removed at the
    // next start (which runs the same idempotent step).
    const removed = words.find((w) => w.phrase === "轻生")!;
    await srv.http
      .delete(`/api/moderation/watched-words/${removed.id}`)
      .set("Authorization", sw.auth)
      .expect(200);
    await srv.cc.services.chat.watchedWords.ensureStarterList();
    const again = await srv.http.get("/api/moderation/watched-words").set("Authorization", sw.auth);
    expect(again.body.words).toHaveLength(words.length - 1);
    expect(again.body.words.map((w: WatchedWord) => w.phrase)).not.toContain("轻生");
  });

  it("a block word refuses the send with a kind message and stores nothing", async () => {
    await addWord("代购药品", "block");
    await addWord("scam", "block");
    const { group, as, author } = await room();
    const seen = collect(as, "message:new");
    for (const body of ["有人需要代购药品吗", "This is a SCAM, trust me", "ｓｃａｍ alert"]) {
      const ack = await send(as, group.id, body);
      expect(ack, body).toMatchObject({
        ok: false,
        error: { code: "BLOCKED_CONTENT", message: expect.any(String) },
      });
    }
    const http = await srv.http
      .post(`/api/groups/${group.id}/messages`)
      .set("Authorization", author.auth)
      .send({ clientId: crypto.randomUUID(), body: "代购药品" });
    expect(http.status).toBe(422);
    // Word boundaries for Latin script: "scamper" is not "scam".
    expect((await sendOk(as, group.id, "The kids scamper around")).body).toBe("The kids scamper around");
    const rows = await sqlRows<{ n: number | string }>(
      srv,
      sql`select count(*) as n from messages where group_id = ${group.id}`,
    );
    expect(Number(rows[0]!.n)).toBe(1);
    await until(() => seen.length >= 1, { what: "the one accepted message" });
    await roundTrip(as);
    expect(seen).toHaveLength(1);
    const edit = await emitAck(as, "message:edit", { messageId: seen[0]!.id, body: "scam" });
    expect(edit).toMatchObject({ ok: false, error: { code: "BLOCKED_CONTENT" } });
  });

  it("a test endpoint shows which rules match; staff manage the list (audited), duplicates refused", async () => {
    const sw = await buildStaff(srv, "social_worker");
    const flag = await addWord("Free Money", "flag");
    const t = await srv.http
      .post("/api/moderation/watched-words/test")
      .set("Authorization", sw.auth)
      .send({ text: "FREE   money!! 我真的不想活了" });
    expect(t.status).toBe(200);
    expect(t.body.action).toBe("crisis");
    expect(t.body.matches.map((m: WatchedWord) => [m.phrase, m.action]).sort()).toEqual(
      [
        ["Free Money", "flag"],
        ["不想活", "crisis"],
        ["不想活了", "crisis"],
      ].sort(),
    );
    const none = await srv.http
      .post("/api/moderation/watched-words/test")
      .set("Authorization", sw.auth)
      .send({ text: "Free Moneyball 笑死" });
    expect(none.body).toEqual({
      action: null,
      tier: null,
      normalized: "free moneyball 笑死",
      matches: [],
      heldBack: [],
    });
    // A Latin phrase also matches written as one word (a hashtag).
    const joined = await srv.http
      .post("/api/moderation/watched-words/test")
      .set("Authorization", sw.auth)
      .send({ text: "#freemoney" });
    expect(joined.body.matches).toMatchObject([
      { phrase: "Free Money", form: "word", matchedText: "freemoney" },
    ]);
    const dup = await srv.http
      .post("/api/moderation/watched-words")
      .set("Authorization", sw.auth)
      .send({ phrase: "FREE MONEY", action: "block" });
    expect(dup.status).toBe(409);
    const changed = await srv.http
      .patch(`/api/moderation/watched-words/${flag.id}`)
      .set("Authorization", sw.auth)
      .send({ action: "block" });
    expect(changed.body).toMatchObject({ phrase: "Free Money", action: "block" });
    await srv.http
      .delete(`/api/moderation/watched-words/${flag.id}`)
      .set("Authorization", sw.auth)
      .expect(200);
    expect(
      (await srv.http.delete(`/api/moderation/watched-words/${flag.id}`).set("Authorization", sw.auth))
        .status,
    ).toBe(404);
    const bad = await srv.http
      .post("/api/moderation/watched-words")
      .set("Authorization", sw.auth)
      .send({ phrase: " ", action: "block" });
    expect(bad.status).toBe(400);
  });

  it("a flag word delivers the message and files a report into the queue automatically", async () => {
    await addWord("加我微信", "flag");
    const { group, moderator, as, ps } = await room();
    const ms = await connectSocket(srv, moderator.token);
    const queued = nextEvent(ms, "moderation:report");
    const arrived = nextEvent(ps, "message:new");
    const m = await sendOk(as, group.id, "有问题可以加我微信聊");
    expect((await arrived).id).toBe(m.id);
    expect(await queued).toMatchObject({ messageId: m.id, automatic: true });
    const queue = await srv.http
      .get(`/api/moderation/queue?groupId=${group.id}`)
      .set("Authorization", moderator.auth);
    expect(queue.body.items).toHaveLength(1);
    expect(queue.body.items[0]).toMatchObject({
      message: { id: m.id },
      reporterCount: 0,
      reports: [{ automatic: true, note: expect.stringContaining("加我微信") }],
    });
  });
});

describe("crisis talk", () => {
  it("delivers the message, alerts an online moderator within a second, and shows only the author the help text", async () => {
    const { group, moderator, author, as, ps, peer } = await room();
    const ms = await connectSocket(srv, moderator.token);
    const peerSupport = collect(ps, "support:resources");
    const peerAlerts = collect(ps, "moderation:alert");
    const authorAlerts = collect(as, "moderation:alert");
    const arrived = nextEvent(ps, "message:new");
    const alert = nextEvent(ms, "moderation:alert");
    const privateHelp = nextEvent(as, "support:resources");

    const started = Date.now();
    const ack = await emitAck(as, "message:send", {
      groupId: group.id,
      clientId: crypto.randomUUID(),
      body: "孩子又住院了，我真的不想活了",
    });
    const live = await alert;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.message.body).toBe("孩子又住院了，我真的不想活了");
    expect(ack.support?.text).toContain("12356");
    expect((await privateHelp).text).toBe(ack.support!.text);
    const delivered = await arrived;
    expect(delivered.id).toBe(ack.message.id);
    expect(JSON.stringify(delivered)).not.toContain("12356");
    expect(live).toMatchObject({
      group: { id: group.id, name: group.name },
      messageId: ack.message.id,
      source: "word",
      status: "open",
      message: { body: ack.message.body, sender: { id: author.id, displayName: "深夜的妈妈" } },
    });
    await Promise.all([roundTrip(ps), roundTrip(as)]);
    expect(peerSupport).toEqual([]);
    expect(peerAlerts).toEqual([]);
    expect(authorAlerts).toEqual([]);
    // Never a warning: the author gets no notification and the message is not hidden or reported.
    const authorNotes = await srv.http.get("/api/notifications").set("Authorization", author.auth);
    expect(authorNotes.body.notifications).toEqual([]);
    const peerNotes = await srv.http.get("/api/notifications").set("Authorization", peer.auth);
    expect(peerNotes.body.notifications).toEqual([]);
    const modNotes = await srv.http.get("/api/notifications").set("Authorization", moderator.auth);
    expect(modNotes.body.notifications.map((n: Notification) => n.kind)).toEqual(["moderation_alert"]);
    const reports = await sqlRows<{ n: number | string }>(
      srv,
      sql`select count(*) as n from reports where message_id = ${ack.message.id}`,
    );
    expect(Number(reports[0]!.n)).toBe(0);

    // The alert stays open until acknowledged with a follow-up note; the dashboard counts it.
    const dash = async () =>
      (
        await srv.http
          .get(`/api/moderation/dashboard?groupId=${group.id}`)
          .set("Authorization", moderator.auth)
      ).body;
    expect(await dash()).toMatchObject({ openAlerts: 1, acknowledgedAlerts: 0, medianAckSeconds: null });
    const open = await srv.http.get("/api/moderation/alerts").set("Authorization", moderator.auth);
    expect(open.body.alerts.map((a: CrisisAlert) => a.id)).toEqual([live.id]);
    const noNote = await srv.http
      .post(`/api/moderation/alerts/${live.id}/acknowledge`)
      .set("Authorization", moderator.auth)
      .send({});
    expect(noNote.status).toBe(400);
    const ackRes = await srv.http
      .post(`/api/moderation/alerts/${live.id}/acknowledge`)
      .set("Authorization", moderator.auth)
      .send({ note: "已电话联系，明天上门探访" });
    expect(ackRes.status).toBe(200);
    expect(ackRes.body.alert).toMatchObject({
      status: "acknowledged",
      followUpNote: "已电话联系，明天上门探访",
      acknowledgedBy: { id: moderator.id },
    });
    const twice = await srv.http
      .post(`/api/moderation/alerts/${live.id}/acknowledge`)
      .set("Authorization", moderator.auth)
      .send({ note: "again" });
    expect(twice.status).toBe(409);
    const after = await dash();
    expect(after).toMatchObject({ openAlerts: 0, acknowledgedAlerts: 1 });
    expect(after.medianAckSeconds).toBeGreaterThanOrEqual(0);
    expect(
      (await srv.http.get("/api/moderation/alerts").set("Authorization", moderator.auth)).body.alerts,
    ).toEqual([]);
    const all = await srv.http.get("/api/moderation/alerts?status=all").set("Authorization", moderator.auth);
    expect(all.body.alerts).toHaveLength(1);
  });

  it("matches English crisis phrases case-insensitively and uses the author's locale and the operator's text", async () => {
    const admin = await buildAdmin(srv);
    const put = await srv.http
      .put("/api/moderation/crisis-help")
      .set("Authorization", admin.auth)
      .send({ en: "You matter. Call the district hotline 400-000-0000 any time." });
    expect(put.status).toBe(200);
    expect(put.body["zh-CN"]).toContain("12356");
    const sw = await buildStaff(srv, "social_worker");
    expect(
      (await srv.http.put("/api/moderation/crisis-help").set("Authorization", sw.auth).send({ en: "x" }))
        .status,
    ).toBe(403);
    const { group } = await buildGroup(srv);
    const english = await buildCaregiver(srv, { locale: "en" });
    await joinGroup(srv, english, group.id);
    const s = await connectSocket(srv, english.token);
    const ack = await send(s, group.id, "Some days I just WANT TO DIE honestly");
    expect(ack.ok && ack.support?.text).toBe("You matter. Call the district hotline 400-000-0000 any time.");
    const fine = await send(s, group.id, "I could die laughing at this");
    expect(fine.ok && fine.support).toBeUndefined();
  });

  it("a crisis phrase in a blocked message still gets the author the help text", async () => {
    await addWord("傻瓜", "block");
    const { group, as } = await room();
    const ack = await send(as, group.id, "我就是个傻瓜，不想活了");
    expect(ack).toMatchObject({
      ok: false,
      error: { code: "BLOCKED_CONTENT", details: { support: expect.stringContaining("12356") } },
    });
  });
});
