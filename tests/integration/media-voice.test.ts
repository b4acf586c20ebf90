import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import { DataExportSchema, MEDIA_LIMITS, type Message, MessageSchema } from "@carecircle/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildGroup,
  connectSocket,
  dropConnection,
  emitAck,
  establishMember,
  fetchMedia,
  joinGroup,
  mediaFixture,
  sqlCount,
  sqlOne,
  upload,
  uploadOk,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();
let groupId: string;
let moderator: Account;
let gran: Account;
let listener: Account;

async function sendMedia(who: Account, mediaId: string, body?: string): Promise<Message> {
  const res = await srv.http
    .post(`/api/groups/${groupId}/messages`)
    .set("Authorization", who.auth)
    .send({ clientId: randomUUID(), media: { id: mediaId }, ...(body ? { body } : {}) });
  expect(res.status, res.text).toBe(200);
  return MessageSchema.parse(res.body.message);
}

async function history(who: Account): Promise<Message[]> {
  const res = await srv.http.get(`/api/groups/${groupId}/messages`).set("Authorization", who.auth);
  expect(res.status).toBe(200);
  return res.body.messages.map((m: unknown) => MessageSchema.parse(m));
}

const bytesOf = (mediaId: string) =>
  sqlOne<{ has_bytes: boolean; removed: boolean }>(
    srv,
    sql`select bytes is not null as has_bytes, removed_at is not null as removed from media where id = ${mediaId}::uuid`,
  );

beforeAll(async () => {
  ({
    group: { id: groupId },
    moderator,
  } = await buildGroup(srv, { hideThreshold: 1 }));
  gran = await buildCaregiver(srv, { displayName: "李奶奶" });
  listener = await buildCaregiver(srv, { displayName: "张妈妈" });
  await joinGroup(srv, gran, groupId);
  await joinGroup(srv, listener, groupId);
  await establishMember(srv, listener, groupId);
});

describe("voice messages", () => {
  it.each([
    ["voice-2s.webm", "audio/webm"],
    ["voice-2s-live.webm", "audio/webm"],
    // what Chromium's MediaRecorder really writes (clusters of unknown size)
    ["voice-2s-chromium.webm", "audio/webm"],
    ["voice-2s.m4a", "audio/mp4"],
  ])("accepts %s with its real duration, served with byte ranges", async (file, mime) => {
    const media = await uploadOk(srv, gran, groupId, mediaFixture(file), { type: "audio/whatever" });
    expect(media).toMatchObject({ kind: "voice", mime, thumbUrl: null });
    expect(media.durationMs).toBeGreaterThanOrEqual(1900);
    expect(media.durationMs).toBeLessThanOrEqual(2200);
    const whole = await fetchMedia(srv, media.url);
    expect(whole.headers["content-type"]).toBe(mime);
    expect(whole.headers["accept-ranges"]).toBe("bytes");
    const part = await fetchMedia(srv, media.url, { Range: "bytes=0-99" });
    expect(part.status).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 0-99/${media.size}`);
    expect((part.body as Buffer).equals((whole.body as Buffer).subarray(0, 100))).toBe(true);
    const beyond = await fetchMedia(srv, media.url, { Range: `bytes=${media.size + 10}-` });
    expect(beyond.status).toBe(416);
  });

  it.each([
    ["voice-70s.webm", "too_long"],
    ["voice-70s-live.webm", "too_long"],
    ["vorbis-2s.webm", "unsupported_audio"],
  ])("refuses %s (%s)", async (file, reason) => {
    const res = await upload(srv, gran, groupId, mediaFixture(file), { type: "audio/webm" });
    expect(res.status, res.text).toBe(415);
    expect(res.body.error.details.reason).toBe(reason);
  });

  it("refuses a voice file over the voice size limit with 413 too_big", async () => {
    const big = Buffer.concat([mediaFixture("voice-2s.webm"), Buffer.alloc(MEDIA_LIMITS.voiceMaxBytes)]);
    const res = await upload(srv, gran, groupId, big, { type: "audio/webm" });
    expect(res.status).toBe(413);
    expect(res.body.error.details.reason).toBe("too_big");
  });

  it("is sent without a caption, and the listener's played mark is theirs alone", async () => {
    const media = await uploadOk(srv, gran, groupId, mediaFixture("voice-2s.webm"));
    const msg = await sendMedia(gran, media.id);
    expect(msg.body).toBeNull();
    expect(msg.media?.kind).toBe("voice");
    const mine = (await history(listener)).find((m) => m.id === msg.id)!;
    expect(mine.media?.played).toBe(false);
    for (let i = 0; i < 2; i++) {
      const res = await srv.http.post(`/api/messages/${msg.id}/played`).set("Authorization", listener.auth);
      expect(res.status).toBe(200);
      expect(MessageSchema.parse(res.body.message).media?.played).toBe(true);
    }
    expect((await history(listener)).find((m) => m.id === msg.id)!.media?.played).toBe(true);
    expect((await history(gran)).find((m) => m.id === msg.id)!.media?.played).toBe(false);
    expect(
      await sqlCount(srv, sql`select count(*) from media_plays where message_id = ${msg.id}::uuid`),
    ).toBe(1);
  });
});

describe("moderation, deletion, purge, erasure and export", () => {
  it("a reported media message is hidden: members get no URL, its reader links stop working", async () => {
    const media = await uploadOk(srv, gran, groupId, mediaFixture("voice-2s.m4a"));
    const msg = await sendMedia(gran, media.id);
    const res = await srv.http
      .post(`/api/messages/${msg.id}/reports`)
      .set("Authorization", listener.auth)
      .send({ reason: "spam" });
    expect(res.status, res.text).toBeLessThan(300);
    const seen = (await history(listener)).find((m) => m.id === msg.id)!;
    expect(seen.hidden).toBe(true);
    expect(seen.media).toBeNull();
    expect((await fetchMedia(srv, msg.media!.url)).status).toBe(404);
    const forMod = (await history(moderator)).find((m) => m.id === msg.id)!;
    expect(forMod.media?.url).toContain("scope=m");
    expect((await fetchMedia(srv, forMod.media!.url)).status).toBe(200);
  });

  it("deleting a message removes its bytes in the same change; the row keeps kind and size", async () => {
    const media = await uploadOk(srv, gran, groupId, mediaFixture("voice-2s.webm"));
    const msg = await sendMedia(gran, media.id);
    const del = await srv.http.delete(`/api/messages/${msg.id}`).set("Authorization", gran.auth);
    expect(del.status).toBe(200);
    expect(del.body.message.media).toBeNull();
    expect(await bytesOf(media.id)).toEqual({ has_bytes: false, removed: true });
    const row = await sqlOne(srv, sql`select kind, size from media where id = ${media.id}::uuid`);
    expect(row).toEqual({ kind: "voice", size: media.size });
    expect((await fetchMedia(srv, msg.media!.url)).status).toBe(404);
  });

  it("the retention purge removes uploads never sent after a day, and keeps newer ones", async () => {
    const old = await uploadOk(srv, gran, groupId, mediaFixture("voice-2s.webm"));
    const fresh = await uploadOk(srv, gran, groupId, mediaFixture("voice-2s.webm"));
    await sqlOne(
      srv,
      sql`update media set created_at = now() - interval '25 hours' where id = ${old.id}::uuid returning id`,
    );
    const r = await srv.cc.services.chat.retention.purgeDeletedBodies();
    expect(r.unsentRemoved).toBeGreaterThanOrEqual(1);
    expect(await sqlCount(srv, sql`select count(*) from media where id = ${old.id}::uuid`)).toBe(0);
    expect(await sqlCount(srv, sql`select count(*) from media where id = ${fresh.id}::uuid`)).toBe(1);
  });

  it("the export holds the person's own media; erasure removes every byte of theirs", async () => {
    const leaver = await buildCaregiver(srv, { displayName: "赵奶奶" });
    await joinGroup(srv, leaver, groupId);
    const voice = mediaFixture("voice-2s.webm");
    const sent = await sendMedia(leaver, (await uploadOk(srv, leaver, groupId, voice)).id);
    const unsent = await uploadOk(srv, leaver, groupId, mediaFixture("voice-2s.m4a"));
    const exp = await srv.http.get("/api/me/export").set("Authorization", leaver.auth);
    expect(exp.status).toBe(200);
    const data = DataExportSchema.parse(exp.body);
    expect(data.media.map((m) => m.id).sort()).toEqual([sent.media!.id, unsent.id].sort());
    const item = data.media.find((m) => m.id === sent.media!.id)!;
    expect(item.messageId).toBe(sent.id);
    expect(Buffer.from(item.data, "base64").equals(voice)).toBe(true);

    const gone = await srv.http
      .post("/api/me/delete")
      .set("Authorization", leaver.auth)
      .send({ password: leaver.password });
    expect(gone.status, gone.text).toBe(200);
    expect(
      await sqlCount(
        srv,
        sql`select count(*) from media where id in (${sent.media!.id}::uuid, ${unsent.id}::uuid) and bytes is not null`,
      ),
    ).toBe(0);
    expect((await fetchMedia(srv, sent.media!.url)).status).toBe(404);
  });
});

describe("exactly once across a reconnect", () => {
  it("the same clientId resent after a dropped connection answers the same message, one row", async () => {
    const media = await uploadOk(srv, gran, groupId, mediaFixture("voice-2s.webm"));
    const clientId = randomUUID();
    const payload = { groupId, clientId, media: { id: media.id } };
    const s1 = await connectSocket(srv, gran.token);
    const first = await emitAck(s1, "message:send", payload);
    expect(first.ok).toBe(true);
    await dropConnection(srv, s1);
    const s2 = await connectSocket(srv, gran.token);
    const again = await emitAck(s2, "message:send", payload);
    if (!first.ok || !again.ok) throw new Error("send failed");
    expect(again.message.id).toBe(first.message.id);
    expect(again.message.media?.id).toBe(media.id);
    expect(
      await sqlCount(
        srv,
        sql`select count(*) from messages where sender_id = ${gran.id}::uuid and client_id = ${clientId}::uuid`,
      ),
    ).toBe(1);
  });
});
