import { type DataExport, DataExportSchema } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  bookOk,
  buildCaregiver,
  buildChild,
  buildGroup,
  buildSlot,
  buildStaff,
  connectSocket,
  joinFamily,
  joinGroup,
  sendOk,
  setPushPreferences,
  subscribePush,
} from "../factories/index.js";
import { LoopbackPushService } from "../setup/push-service.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

async function exportOf(
  who: Account,
): Promise<{ data: DataExport; raw: string; headers: Record<string, string> }> {
  const res = await srv.http.get("/api/me/export").set("Authorization", who.auth);
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  return {
    data: DataExportSchema.parse(res.body),
    raw: res.text,
    headers: res.headers as Record<string, string>,
  };
}

describe("GET /api/me/export", () => {
  it("holds exactly the family's data (profile, children, bookings, check-ins, own messages) and nothing of another family", async () => {
    // Family A: mum and grandma.
    const mum = await buildCaregiver(srv, { displayName: "小雨妈妈" });
    const grandma = await joinFamily(srv, mum, { displayName: "小雨奶奶" });
    const family = (await srv.http.post("/api/family/invite-code").set("Authorization", mum.auth)).body as {
      inviteCode: string;
    };
    const child = await buildChild(srv, mum, {
      nickname: "小雨",
      careNotes: { medication: "睡前 5mg 褪黑素", triggers: "吹风机的声音" },
      emergencyContact: { name: "小雨爸爸", phone: "13900001111" },
    });
    const sw = await buildStaff(srv, "social_worker", "李社工");
    await assignSocialWorker(srv, mum.familyId!, sw.id);
    const { slot } = await buildSlot(srv, { capacity: 1 });
    const booking = await bookOk(srv, grandma, slot.id, child.id);
    await srv.http
      .post(`/api/bookings/${booking.id}/cancel`)
      .set("Authorization", mum.auth)
      .send({})
      .expect(200);
    const rebooked = await bookOk(srv, mum, slot.id, child.id);
    await srv.http
      .post("/api/checkins")
      .set("Authorization", mum.auth)
      .send({ stress: 4, note: "这周很难" })
      .expect(201);
    await srv.http.post("/api/checkins").set("Authorization", grandma.auth).send({ stress: 2 }).expect(201);

    // Family B, in the same group and on the same slot's waitlist.
    const other = await buildCaregiver(srv, { displayName: "阿乐爸爸" });
    const otherChild = await buildChild(srv, other, {
      nickname: "豆豆",
      careNotes: { allergies: "对青霉素过敏" },
    });
    const otherBooking = await bookOk(srv, other, slot.id, otherChild.id, true);
    await srv.http
      .post("/api/checkins")
      .set("Authorization", other.auth)
      .send({ stress: 5, note: "失业了" })
      .expect(201);

    const { group } = await buildGroup(srv, { name: "孤独症家长互助群" });
    for (const who of [mum, grandma, other]) await joinGroup(srv, who, group.id);
    const mumSocket = await connectSocket(srv, mum.token);
    const otherSocket = await connectSocket(srv, other.token);
    const hello = await sendOk(mumSocket, group.id, "大家好，我是新来的");
    const theirs = await sendOk(otherSocket, group.id, `@小雨妈妈 欢迎！我家住在幸福路 8 号`);
    const reply = await sendOk(mumSocket, group.id, "谢谢", { replyToSeq: theirs.seq });
    await srv.http
      .patch(`/api/messages/${reply.id}`)
      .set("Authorization", mum.auth)
      .send({ body: "谢谢你的欢迎" })
      .expect(200);
    await srv.http
      .post(`/api/messages/${theirs.id}/reactions`)
      .set("Authorization", mum.auth)
      .send({ emoji: "❤️" })
      .expect(200);
    await srv.http
      .post(`/api/messages/${theirs.id}/reports`)
      .set("Authorization", mum.auth)
      .send({ reason: "privacy", note: "他公开了住址" })
      .expect(201);
    // Wait for the mention notification (stored after the send is acknowledged).
    await expect
      .poll(async () => {
        const n = await srv.http.get("/api/notifications").set("Authorization", mum.auth);
        return (n.body.notifications as { kind: string }[]).some((x) => x.kind === "mention");
      })
      .toBe(true);

    const { data, raw, headers } = await exportOf(mum);
    expect(headers["content-disposition"]).toMatch(
      /^attachment; filename="carecircle-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(headers["cache-control"]).toBe("no-store");
    expect(headers["content-type"]).toMatch(/^application\/json/);

    expect(data.account).toMatchObject({
      id: mum.id,
      email: mum.email,
      displayName: "小雨妈妈",
      role: "caregiver",
    });
    expect(data.family).toMatchObject({
      id: mum.familyId,
      caregivers: expect.arrayContaining([
        { displayName: "小雨妈妈", you: true },
        { displayName: "小雨奶奶", you: false },
      ]),
      socialWorkers: [{ displayName: "李社工" }],
    });
    expect(data.family!.caregivers).toHaveLength(2);
    expect(data.children).toHaveLength(1);
    expect(data.children[0]).toMatchObject({
      id: child.id,
      careNotes: { medication: "睡前 5mg 褪黑素", triggers: "吹风机的声音" },
      emergencyContact: { name: "小雨爸爸", phone: "13900001111" },
    });
    // Every booking of the family (the cancelled one too), each with its history.
    expect(data.bookings.map((b) => b.booking.id).sort()).toEqual([booking.id, rebooked.id].sort());
    expect(data.bookings.every((b) => b.booking.familyId === mum.familyId)).toBe(true);
    const cancelled = data.bookings.find((b) => b.booking.id === booking.id)!;
    expect(cancelled.history.map((h) => h.toStatus)).toEqual(["confirmed", "cancelled"]);
    // Both caregivers' check-ins, no one else's.
    expect(data.stressCheckins.map((c) => [c.user?.displayName, c.stress]).sort()).toEqual([
      ["小雨奶奶", 2],
      ["小雨妈妈", 4],
    ]);
    // Own messages only, with their edits; the other member's words are not in the file.
    expect(data.groups).toEqual([
      expect.objectContaining({ groupId: group.id, name: "孤独症家长互助群", role: "member" }),
    ]);
    expect(data.messages.map((m) => [m.seq, m.body])).toEqual([
      [hello.seq, "大家好，我是新来的"],
      [reply.seq, "谢谢你的欢迎"],
    ]);
    expect(data.messages[1]).toMatchObject({
      groupName: "孤独症家长互助群",
      replyToSeq: theirs.seq,
      edits: [{ body: "谢谢" }],
    });
    expect(data.reactions).toEqual([
      expect.objectContaining({ groupId: group.id, seq: theirs.seq, emoji: "❤️" }),
    ]);
    expect(data.reports).toEqual([
      expect.objectContaining({
        messageSeq: theirs.seq,
        reason: "privacy",
        note: "他公开了住址",
        status: "open",
      }),
    ]);
    expect(data.notifications.map((n) => n.kind)).toContain("mention");

    // Nothing of family B (its caregiver's pseudonym appears only as the author of the mention,
    // as the group showed it), and no secrets.
    for (const foreign of [
      "幸福路",
      "豆豆",
      "对青霉素过敏",
      "失业了",
      other.email,
      other.familyId!,
      otherChild.id,
      otherBooking.id,
      grandma.email,
      family.inviteCode,
      mum.password,
      mum.refreshToken,
      "password",
    ])
      expect(raw, foreign).not.toContain(foreign);

    // Grandma's export is the same family record, with her own messages (none) and account.
    const g = (await exportOf(grandma)).data;
    expect(g.account.email).toBe(grandma.email);
    expect(g.children.map((c) => c.id)).toEqual([child.id]);
    expect(g.messages).toEqual([]);
    expect(g.family!.caregivers.find((c) => c.you)!.displayName).toBe("小雨奶奶");
  });

  it("staff and social workers export their own account only: no family's children or care notes", async () => {
    const mum = await buildCaregiver(srv);
    await buildChild(srv, mum, { careNotes: { medication: "卡马西平 100mg" } });
    const sw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, mum.familyId!, sw.id);
    const staff = await buildStaff(srv, "station_staff");
    for (const who of [sw, staff]) {
      const { data, raw } = await exportOf(who);
      expect(data.account.email).toBe(who.email);
      expect(data).toMatchObject({ family: null, children: [], bookings: [], stressCheckins: [] });
      expect(raw).not.toContain("卡马西平");
      expect(raw).not.toContain(mum.email);
    }
    expect((await srv.http.get("/api/me/export")).status).toBe(401);
    // Deletion is self-service for caregivers only; staff accounts are closed by an admin.
    expect((await srv.http.get("/api/me/deletion").set("Authorization", sw.auth)).status).toBe(403);
  });

  it("lists her push devices by push service and label, with her preferences, never the endpoint's path or the keys", async () => {
    const mum = await buildCaregiver(srv);
    const token = "gAAAAABmDeviceToken_0123456789";
    // A device as a phone's browser would subscribe it; nothing is pushed to it here.
    const pushes = new LoopbackPushService();
    const device = { ...pushes.device(), endpoint: `https://push.example.test/wpush/v2/${token}` };
    await subscribePush(srv, mum, pushes, { device, label: "Android 手机" });
    await setPushPreferences(srv, mum, {
      kinds: { mentions: false },
      quietHours: { start: "22:00", end: "07:00" },
    });
    const { data, raw } = await exportOf(mum);
    expect(data.pushDevices).toEqual([
      {
        id: expect.any(String),
        pushService: "push.example.test",
        label: "Android 手机",
        createdAt: expect.any(String),
        lastSentAt: null,
      },
    ]);
    expect(data.pushPreferences).toMatchObject({
      kinds: { mentions: false, direct: true },
      quietHours: { start: "22:00", end: "07:00" },
    });
    for (const secret of [token, device.keys.p256dh, device.keys.auth]) expect(raw).not.toContain(secret);
    const other = (await exportOf(await buildCaregiver(srv))).data;
    expect(other.pushDevices).toEqual([]);
    expect(other.pushPreferences.quietHours).toBeNull();
  });
});
