import { sql } from "@carecircle/server";
import { PushPreferencesSchema, ROUTES } from "@carecircle/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitOfWork } from "../../server/src/db/unit-of-work.js";
import {
  type Account,
  assignSocialWorker,
  buildCaregiver,
  buildGroup,
  buildStaff,
  connectSocket,
  crisisRoom,
  joinFamily,
  joinGroup,
  sendOk,
  setDutyHours,
  sqlCount,
  sqlRows,
  subscribePush,
} from "../factories/index.js";
import { type Device, LoopbackPushService } from "../setup/push-service.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/*
 * Web Push end to end (issue 16 §3, decisions 105-106): a stored notification becomes a push job
 * in its own transaction; the sender encrypts and VAPID-signs it for a push service running here
 * on loopback, which checks the signature and decrypts the body with the device's keys.
 */

const srv = useTestServer({ pushPollMs: 100, pushRetryBaseMs: 300 });
const pushes = new LoopbackPushService();
beforeAll(() => pushes.start());
afterAll(() => pushes.stop());

const subscribe = (who: Account, device?: Device) =>
  subscribePush(srv, who, pushes, { label: "测试手机", ...(device ? { device } : {}) });

const jobsOf = (who: Account) =>
  sqlCount(
    srv,
    sql`select count(*) from push_jobs j join notifications n on n.id = j.notification_id where n.user_id = ${who.id}`,
  );

/** Pushes to the user's devices held by quiet hours. */
const heldJobs = (who: Account) =>
  sqlCount(
    srv,
    sql`select count(*) from push_jobs j join push_subscriptions s on s.id = j.subscription_id where s.user_id = ${who.id} and j.held`,
  );

/** A group where `author` mentions `target`; answers the message. */
async function mention(target: Account, body = "@") {
  const { group } = await buildGroup(srv);
  const author = await buildCaregiver(srv, { displayName: `作者${Math.random().toString(36).slice(2, 6)}` });
  await joinGroup(srv, author, group.id);
  await joinGroup(srv, target, group.id);
  const socket = await connectSocket(srv, author.token);
  const msg = await sendOk(socket, group.id, `@${target.displayName} ${body}`);
  return { group, author, msg };
}

/** "HH:MM" in the deployment's zone, `minutes` from now. */
function localHhmm(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: srv.cc.deps.config.timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
}

const quietNow = () => ({ start: localHhmm(-60), end: localHhmm(60) });

describe("devices and the key", () => {
  it("publishes its VAPID key, stores a device per endpoint, and forgets it", async () => {
    const key = await srv.http.get("/api/push/key");
    expect(key.status).toBe(200);
    expect(Buffer.from(key.body.publicKey, "base64url")).toHaveLength(65);

    const mum = await buildCaregiver(srv);
    const device = await subscribe(mum);
    const again = await subscribe(mum, device);
    const list = await srv.http.get("/api/push/subscriptions").set("Authorization", mum.auth);
    expect(list.body.devices).toHaveLength(1);
    expect(list.body.devices[0]).toMatchObject({ endpoint: device.endpoint, label: "测试手机" });

    // The same browser signed in as someone else: the device moves to them.
    const dad = await buildCaregiver(srv);
    await subscribe(dad, device);
    expect(
      (await srv.http.get("/api/push/subscriptions").set("Authorization", mum.auth)).body.devices,
    ).toEqual([]);
    const del = await srv.http
      .delete("/api/push/subscriptions")
      .set("Authorization", dad.auth)
      .send({ endpoint: again.endpoint });
    expect(del.body).toEqual({ ok: true });
    expect(await sqlCount(srv, sql`select count(*) from push_subscriptions where user_id = ${dad.id}`)).toBe(
      0,
    );
  });

  it("refuses endpoints that are not URLs and keys of the wrong size, storing nothing", async () => {
    const mum = await buildCaregiver(srv);
    const d = pushes.device();
    for (const body of [
      { endpoint: "ftp://push.example/x", keys: d.keys },
      { endpoint: "not a url", keys: d.keys },
      { endpoint: d.endpoint, keys: { p256dh: "short", auth: d.keys.auth } },
      { endpoint: d.endpoint, keys: { p256dh: d.keys.p256dh } },
    ]) {
      const res = await srv.http.post("/api/push/subscriptions").set("Authorization", mum.auth).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect(await sqlCount(srv, sql`select count(*) from push_subscriptions where user_id = ${mum.id}`)).toBe(
      0,
    );
    expect(
      (await srv.http.post(ROUTES.subscribePush.path).send({ endpoint: d.endpoint, keys: d.keys })).status,
    ).toBe(401);
  });
});

describe("delivery through the push service", () => {
  it("a mention is pushed encrypted and VAPID-signed, carrying only kind, a generic title, a path and a tag", async () => {
    const grandma = await buildCaregiver(srv, { displayName: "王奶奶" });
    const phone = await subscribe(grandma);
    const { group, author, msg } = await mention(grandma, "孩子今天癫痫发作了三次");
    await until(() => pushes.deliveredTo(phone).length === 1);

    const [push] = pushes.deliveredTo(phone);
    expect(pushes.problems).toEqual([]);
    expect(Object.keys(push!.data).sort()).toEqual(["kind", "tag", "title", "url"]);
    expect(push!.data).toMatchObject({
      kind: "mention",
      title: "有人在群里提到了你",
      // the same link as the in-app list: the chat opened at that message (`?at=<seq>`)
      url: `/groups/${group.id}?at=${msg.seq}`,
    });
    for (const secret of ["癫痫", "王奶奶", author.displayName, group.name])
      expect(push!.text).not.toContain(secret);
    expect(push!.claims.aud).toBe(pushes.origin);
    expect(push!.ttl).toBeGreaterThan(0);
    expect(push!.urgency).toBe("normal");
    const key = (await srv.http.get("/api/push/key")).body.publicKey as string;
    expect([...pushes.senderKeys]).toEqual([key]);
    await until(async () => (await jobsOf(grandma)) === 0);
    const [sub] = await sqlRows<{ last_sent_at: Date | null }>(
      srv,
      sql`select last_sent_at from push_subscriptions where user_id = ${grandma.id}`,
    );
    expect(sub!.last_sent_at).not.toBeNull();
  });

  it("in the user's language; every device of the user gets it", async () => {
    const anna = await buildCaregiver(srv, { displayName: "Anna", locale: "en" });
    const [phone, tablet] = [await subscribe(anna), await subscribe(anna)];
    await mention(anna);
    await until(() => pushes.deliveredTo(phone).length === 1 && pushes.deliveredTo(tablet).length === 1);
    expect(pushes.deliveredTo(phone)[0]!.data.title).toBe("Someone mentioned you in a group");
  });

  it("a private message is pushed to the conversation's other side, opening the conversation", async () => {
    const mum = await buildCaregiver(srv, { displayName: "小明妈妈" });
    const grandma = await joinFamily(srv, mum);
    const sw = await buildStaff(srv, "social_worker", "李社工");
    await assignSocialWorker(srv, mum.familyId!, sw.id);
    const swPhone = await subscribe(sw);
    const grandmaPhone = await subscribe(grandma);
    const mumPhone = await subscribe(mum);
    const conv = await srv.http.post("/api/conversations").set("Authorization", mum.auth).send({});
    expect(conv.status, JSON.stringify(conv.body)).toBe(200);
    await sendOk(await connectSocket(srv, mum.token), conv.body.id, "孩子的药吃完了");
    await until(
      () => pushes.deliveredTo(swPhone).length === 1 && pushes.deliveredTo(grandmaPhone).length === 1,
    );
    expect(pushes.deliveredTo(swPhone)[0]!.data).toMatchObject({
      kind: "direct_message",
      url: `/messages/${conv.body.id}`,
    });
    expect(pushes.deliveredTo(swPhone)[0]!.text).not.toContain("药");
    expect(pushes.deliveredTo(mumPhone)).toEqual([]);
  });

  it("nothing is queued for notifications whose transaction rolled back", async () => {
    const mum = await buildCaregiver(srv);
    await subscribe(mum);
    await expect(
      unitOfWork(srv.cc.deps, async (tx, uow) => {
        uow.notify({ userId: mum.id, kind: "mention", payload: {} });
        // Stored (with its pushes) before commit, but the work then fails: all of it rolls back.
        await tx.execute(sql`select 1/0`);
      }),
    ).rejects.toThrow();
    expect(await sqlCount(srv, sql`select count(*) from notifications where user_id = ${mum.id}`)).toBe(0);
    expect(await jobsOf(mum)).toBe(0);
  });
});

describe("answers of the push service", () => {
  it("410 Gone: the device is forgotten with its pending pushes", async () => {
    const mum = await buildCaregiver(srv);
    const phone = await subscribe(mum);
    pushes.script(phone, 410);
    await mention(mum);
    await until(
      async () =>
        (await sqlCount(srv, sql`select count(*) from push_subscriptions where user_id = ${mum.id}`)) === 0,
    );
    expect(pushes.deliveredTo(phone)).toEqual([]);
    expect(await jobsOf(mum)).toBe(0);
  });

  it("429 then 201: sent again after a backoff, delivered once", async () => {
    const mum = await buildCaregiver(srv);
    const phone = await subscribe(mum);
    pushes.script(phone, 429, 503);
    const started = Date.now();
    await mention(mum);
    await until(() => pushes.deliveredTo(phone).length === 1, { timeoutMs: 10_000 });
    // 300 ms, then 600 ms: the third try is at least 900 ms after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(pushes.deliveries.filter((d) => d.device === phone.id).map((d) => d.status)).toEqual([
      429, 503, 201,
    ]);
    await until(async () => (await jobsOf(mum)) === 0);
  });
});

describe("preferences and quiet hours", () => {
  it("a kind turned off is not pushed (but still in the notification list)", async () => {
    const mum = await buildCaregiver(srv);
    const phone = await subscribe(mum);
    const put = await srv.http
      .put("/api/push/preferences")
      .set("Authorization", mum.auth)
      .send({ kinds: { mentions: false } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(PushPreferencesSchema.parse(put.body).kinds).toMatchObject({ mentions: false, direct: true });
    await mention(mum);
    const notes = () => sqlCount(srv, sql`select count(*) from notifications where user_id = ${mum.id}`);
    await until(async () => (await notes()) === 1);
    // The job was stored with the notification; the sender drops it instead of sending.
    await until(async () => (await jobsOf(mum)) === 0);
    expect(pushes.deliveredTo(phone)).toEqual([]);
  });

  it("refuses bad quiet hours and unknown kinds", async () => {
    const mum = await buildCaregiver(srv);
    for (const body of [
      { quietHours: { start: "25:00", end: "07:00" } },
      { quietHours: { start: "22:00", end: "22:00" } },
      { kinds: { gossip: false } },
    ]) {
      const res = await srv.http.put("/api/push/preferences").set("Authorization", mum.auth).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    const now = await srv.http.get("/api/push/preferences").set("Authorization", mum.auth);
    expect(now.body).toMatchObject({ quietHours: null, timeZone: srv.cc.deps.config.timeZone });
  });

  it("during quiet hours a push is held until they end; clearing them sends it", async () => {
    const mum = await buildCaregiver(srv);
    const phone = await subscribe(mum);
    const put = await srv.http
      .put("/api/push/preferences")
      .set("Authorization", mum.auth)
      .send({ quietHours: quietNow() });
    expect(put.body.quietHours).toEqual(quietNow());
    await mention(mum);
    await until(async () => (await heldJobs(mum)) === 1);
    const [job] = await sqlRows<{ due_at: Date }>(
      srv,
      sql`select j.due_at from push_jobs j join push_subscriptions s on s.id = j.subscription_id where s.user_id = ${mum.id}`,
    );
    const wait = new Date(job!.due_at).getTime() - Date.now();
    expect(wait).toBeGreaterThan(55 * 60_000);
    expect(wait).toBeLessThanOrEqual(60 * 60_000);
    expect(pushes.deliveredTo(phone)).toEqual([]);

    await srv.http.put("/api/push/preferences").set("Authorization", mum.auth).send({ quietHours: null });
    await until(() => pushes.deliveredTo(phone).length === 1);
  });

  it("a crisis alert reaches a social worker on duty through quiet hours, urgently; a mention waits", async () => {
    const sw = await buildStaff(srv, "social_worker", "值班社工");
    await setDutyHours(srv, sw);
    const phone = await subscribe(sw);
    await srv.http
      .put("/api/push/preferences")
      .set("Authorization", sw.auth)
      .send({ quietHours: quietNow() });
    const room = await crisisRoom(srv, { moderator: sw });
    const msg = await sendOk(room.as, room.group.id, "我真的想死，带着孩子一起走算了");
    await until(() => pushes.deliveredTo(phone).length === 1);
    const [alert] = await sqlRows<{ id: string }>(
      srv,
      sql`select id from crisis_alerts where message_id = ${msg.id}`,
    );
    const [push] = pushes.deliveredTo(phone);
    expect(push!.data).toMatchObject({ kind: "moderation_alert", url: `/alerts?alert=${alert!.id}` });
    expect(push!.urgency).toBe("high");
    expect(push!.text).not.toContain("想死");

    await mention(sw);
    await until(async () => (await heldJobs(sw)) === 1);
    expect(pushes.deliveredTo(phone)).toHaveLength(1);
  });
});
