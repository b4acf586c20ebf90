import { randomUUID } from "node:crypto";
import { sql } from "@carecircle/server";
import type { AccountDeletionPreview, AuditEntry, Message, Notification } from "@carecircle/shared";
import { describe, expect, it } from "vitest";
import {
  type Account,
  assignSocialWorker,
  bookOk,
  buildAdmin,
  buildCaregiver,
  buildChild,
  buildGroup,
  buildSlot,
  buildStaff,
  buildStation,
  collect,
  connectSocket,
  fullHistory,
  joinGroup,
  nextEvent,
  sendOk,
  slotRow,
  sqlCount,
  sqlRows,
} from "../factories/index.js";
import { databaseFingerprint } from "../setup/fingerprint.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();

const deleteAccount = (who: Account, password = who.password) =>
  srv.http.post("/api/me/delete").set("Authorization", who.auth).send({ password });

describe("a refused deletion changes nothing", () => {
  it("a wrong password, no token, or a staff role: refused, and the database is byte-for-byte the same", async () => {
    const mum = await buildCaregiver(srv);
    await buildChild(srv, mum);
    await srv.http.post("/api/checkins").set("Authorization", mum.auth).send({ stress: 4 }).expect(201);
    const staff = await buildStaff(srv, "social_worker");
    const before = await databaseFingerprint(srv.cc.deps.db);

    const wrong = await deleteAccount(mum, "not-my-password-123");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    const anonymous = await srv.http.post("/api/me/delete").send({ password: mum.password });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("UNAUTHENTICATED");
    const notCaregiver = await deleteAccount(staff);
    expect(notCaregiver.status).toBe(403);
    const empty = await srv.http.post("/api/me/delete").set("Authorization", mum.auth).send({});
    expect(empty.status).toBe(400);

    expect(await databaseFingerprint(srv.cc.deps.db)).toBe(before);
    expect((await srv.http.get("/api/me").set("Authorization", mum.auth)).status).toBe(200);
  });

  it("password guessing through the deletion form is slowed like logins", async () => {
    const mum = await buildCaregiver(srv);
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await deleteAccount(mum, `guess-number-${i}`)).status);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    // Even the right password waits until the window has passed: nothing is deleted.
    expect((await deleteAccount(mum)).status).toBe(429);
    expect((await srv.http.get("/api/me").set("Authorization", mum.auth)).status).toBe(200);
  });
});

describe("the last caregiver deletes their account", () => {
  it("tombstones their messages live, erases the family, cancels bookings (the waitlist gets the seat) and ends every session", async () => {
    // Family A: the last caregiver, with a child booked into the only seat of a slot.
    const mum = await buildCaregiver(srv, { displayName: `妈妈${randomUUID().slice(0, 4)}` });
    const child = await buildChild(srv, mum, { nickname: "小雨", careNotes: { medication: "丙戊酸 200mg" } });
    const staff = await buildStaff(srv, "station_staff");
    const station = await buildStation(srv, {}, { staff: [staff] });
    const { slot } = await buildSlot(srv, { station, capacity: 1 });
    const mine = await bookOk(srv, mum, slot.id, child.id);
    await srv.http
      .post("/api/checkins")
      .set("Authorization", mum.auth)
      .send({ stress: 5, note: "很累" })
      .expect(201);
    const sw = await buildStaff(srv, "social_worker");
    await assignSocialWorker(srv, mum.familyId!, sw.id);
    expect((await srv.http.get(`/api/children/${child.id}`).set("Authorization", sw.auth)).status).toBe(200);

    // Family B is on the slot's waitlist.
    const dad = await buildCaregiver(srv, { displayName: `爸爸${randomUUID().slice(0, 4)}` });
    const dadChild = await buildChild(srv, dad, { nickname: "阿乐" });
    const waiting = await bookOk(srv, dad, slot.id, dadChild.id, true);
    expect(waiting.status).toBe("waitlisted");

    // A group where both talk; mum edits, deletes, reacts and mentions dad.
    const { group } = await buildGroup(srv);
    await joinGroup(srv, mum, group.id);
    await joinGroup(srv, dad, group.id);
    const mumSocket = await connectSocket(srv, mum.token);
    const dadSocket = await connectSocket(srv, dad.token);
    const staffSocket = await connectSocket(srv, staff.token);
    const first = await sendOk(mumSocket, group.id, "我们家孩子晚上总是醒");
    const fromDad = await sendOk(dadSocket, group.id, "试试睡前听音乐");
    const second = await sendOk(mumSocket, group.id, `@${dad.displayName} 谢谢，我住在阳光小区`);
    const third = await sendOk(mumSocket, group.id, "这条我会删掉");
    await srv.http
      .patch(`/api/messages/${first.id}`)
      .set("Authorization", mum.auth)
      .send({ body: "我们家孩子晚上总是醒，三点左右" })
      .expect(200);
    await srv.http.delete(`/api/messages/${third.id}`).set("Authorization", mum.auth).expect(200);
    await srv.http
      .post(`/api/messages/${fromDad.id}/reactions`)
      .set("Authorization", mum.auth)
      .send({ emoji: "👍" })
      .expect(200);
    const afterDad = await sendOk(dadSocket, group.id, "不客气");
    const { changeSeq: changeSeqBefore } = (
      await srv.http.get(`/api/groups/${group.id}/messages`).set("Authorization", dad.auth)
    ).body as { changeSeq: number };

    // The preview explains what will happen.
    const preview = (await srv.http.get("/api/me/deletion").set("Authorization", mum.auth))
      .body as AccountDeletionPreview;
    expect(preview).toEqual({
      allowed: true,
      blockers: [],
      familyErased: true,
      otherCaregivers: [],
      counts: { messages: 3, children: 1, activeBookings: 1, checkins: 1 },
    });

    const tombstoned = collect(dadSocket, "message:deleted");
    const updated = collect(dadSocket, "message:updated");
    const dadBookings = collect(dadSocket, "booking:updated");
    const stationBookings = collect(staffSocket, "booking:updated");
    const seats = collect(staffSocket, "slot:updated");
    const ended = nextEvent(mumSocket, "session:ended");
    const gone = new Promise<string>((resolve) => mumSocket.once("disconnect", resolve));

    const res = await deleteAccount(mum);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      deleted: true,
      familyErased: true,
      messagesTombstoned: 3,
      bookingsCancelled: 1,
      childrenErased: 1,
      checkinsErased: 1,
    });
    expect(await ended).toEqual({ reason: "deleted" });
    await gone;

    // Other members see tombstones in place: same seqs, no gaps, no body, sender "deleted user" (null).
    const history = await fullHistory(srv, dad, group.id);
    expect(history.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    for (const id of [first.id, second.id, third.id]) {
      const m = history.find((h) => h.id === id)!;
      expect(m).toMatchObject({ body: null, sender: null, mentions: [], reactions: [] });
      expect(m.deletedAt).not.toBeNull();
    }
    expect(history.find((h) => h.id === afterDad.id)!.body).toBe("不客气");
    const dadsOwn = history.find((h) => h.id === fromDad.id)!;
    expect(dadsOwn.body).toBe("试试睡前听音乐");
    expect(dadsOwn.reactions).toEqual([]);

    // ... and they saw it live: a deletion per message, the reaction gone from dad's message.
    await expect.poll(() => tombstoned.length).toBe(3);
    expect(new Set(tombstoned.map((m) => m.id))).toEqual(new Set([first.id, second.id, third.id]));
    expect(tombstoned.every((m) => m.body === null && m.sender === null)).toBe(true);
    await expect.poll(() => updated.some((m) => m.id === fromDad.id && m.reactions.length === 0)).toBe(true);

    // A client that was offline catches up through the change feed.
    const changes = await srv.http
      .get(`/api/groups/${group.id}/changes`)
      .query({ since: changeSeqBefore })
      .set("Authorization", dad.auth);
    expect(changes.status).toBe(200);
    const changedIds = (changes.body.messages as Message[]).map((m) => m.id);
    expect(changedIds).toEqual(expect.arrayContaining([first.id, second.id, third.id, fromDad.id]));

    // The booking was cancelled through the booking service: family B got the seat, live.
    const promoted = await srv.http.get(`/api/bookings/${waiting.id}`).set("Authorization", dad.auth);
    expect(promoted.body.booking.status).toBe("confirmed");
    expect(promoted.body.history.at(-1)).toMatchObject({ fromStatus: "waitlisted", toStatus: "confirmed" });
    expect((await slotRow(srv, slot.id)).confirmed_count).toBe(1);
    await expect
      .poll(() => dadBookings.some((b) => b.id === waiting.id && b.status === "confirmed"))
      .toBe(true);
    await expect
      .poll(() => stationBookings.some((b) => b.id === mine.id && b.status === "cancelled"))
      .toBe(true);
    await expect.poll(() => seats.some((s) => s.slotId === slot.id)).toBe(true);
    const dadNotes = (await srv.http.get("/api/notifications").set("Authorization", dad.auth)).body
      .notifications as Notification[];
    expect(dadNotes.map((n) => n.kind)).toContain("booking_promoted");
    // The mention notification no longer names the person who left.
    const mention = dadNotes.find((n) => n.kind === "mention")!;
    expect(mention.payload.by).toBeNull();
    expect(JSON.stringify(dadNotes)).not.toContain(mum.displayName);

    // The database holds nothing of family A any more.
    const fam = mum.familyId!;
    expect(await sqlCount(srv, sql`SELECT count(*) AS n FROM users WHERE id = ${mum.id}::uuid`)).toBe(0);
    expect(await sqlCount(srv, sql`SELECT count(*) AS n FROM families WHERE id = ${fam}::uuid`)).toBe(0);
    expect(await sqlCount(srv, sql`SELECT count(*) AS n FROM children WHERE id = ${child.id}::uuid`)).toBe(0);
    expect(await sqlCount(srv, sql`SELECT count(*) AS n FROM bookings WHERE family_id = ${fam}::uuid`)).toBe(
      0,
    );
    expect(
      await sqlCount(srv, sql`SELECT count(*) AS n FROM stress_checkins WHERE family_id = ${fam}::uuid`),
    ).toBe(0);
    expect(
      await sqlCount(srv, sql`SELECT count(*) AS n FROM refresh_tokens WHERE user_id = ${mum.id}::uuid`),
    ).toBe(0);
    expect(
      await sqlCount(srv, sql`SELECT count(*) AS n FROM group_members WHERE user_id = ${mum.id}::uuid`),
    ).toBe(0);
    expect(
      await sqlCount(srv, sql`SELECT count(*) AS n FROM message_reactions WHERE user_id = ${mum.id}::uuid`),
    ).toBe(0);
    const rows = await sqlRows<{ body: string | null; sender_id: string | null; purged_at: Date | null }>(
      srv,
      sql`SELECT body, sender_id, purged_at FROM messages WHERE id IN (${first.id}::uuid, ${second.id}::uuid, ${third.id}::uuid)`,
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.body === null && r.sender_id === null && r.purged_at !== null)).toBe(true);
    expect(
      await sqlCount(
        srv,
        sql`SELECT count(*) AS n FROM message_edits WHERE message_id IN (${first.id}::uuid, ${second.id}::uuid, ${third.id}::uuid)`,
      ),
    ).toBe(0);
    // Not a trace of the person's words, name or email anywhere in the database.
    const everything = await sqlRows<{ t: string }>(
      srv,
      sql`SELECT string_agg(x::text, ' ') AS t FROM (
            SELECT row_to_json(m)::text AS x FROM messages m UNION ALL
            SELECT row_to_json(e)::text FROM message_edits e UNION ALL
            SELECT row_to_json(n)::text FROM notifications n UNION ALL
            SELECT row_to_json(a)::text FROM audit_log a UNION ALL
            SELECT row_to_json(b)::text FROM booking_events b UNION ALL
            SELECT row_to_json(u)::text FROM users u) rows`,
    );
    const dump = everything[0]!.t;
    for (const secret of [
      "三点左右",
      "阳光小区",
      "这条我会删掉",
      "丙戊酸",
      mum.email,
      mum.displayName,
      mum.id,
    ])
      expect(dump, secret).not.toContain(secret);

    // Staff and social workers lose sight of the child and its care notes with it.
    expect((await srv.http.get(`/api/children/${child.id}`).set("Authorization", sw.auth)).status).toBe(404);
    const families = (await srv.http.get("/api/families").set("Authorization", sw.auth)).body.families as {
      id: string;
    }[];
    expect(families.map((f) => f.id)).not.toContain(fam);
    const day = slot.startsAt.slice(0, 10);
    const roster = await srv.http
      .get(`/api/stations/${station.id}/roster`)
      .query({ date: day })
      .set("Authorization", staff.auth);
    expect(roster.status).toBe(200);
    expect(JSON.stringify(roster.body)).not.toContain(child.id);
    expect(JSON.stringify(roster.body)).not.toContain("丙戊酸");

    // Every way back in is closed: password, access token, refresh token, socket, a second delete.
    const login = await srv.http.post("/api/auth/login").send({ email: mum.email, password: mum.password });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe("INVALID_CREDENTIALS");
    expect((await srv.http.get("/api/me").set("Authorization", mum.auth)).status).toBe(401);
    expect((await srv.http.post("/api/auth/refresh").send({ refreshToken: mum.refreshToken })).status).toBe(
      401,
    );
    await expect(connectSocket(srv, mum.token)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    const again = await deleteAccount(mum);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe("UNAUTHENTICATED");

    // The audit log keeps the event under a pseudonym, without email, name or id.
    const admin = await buildAdmin(srv);
    const audit = await srv.http
      .get("/api/moderation/audit")
      .query({ limit: 100 })
      .set("Authorization", admin.auth);
    expect(audit.status).toBe(200);
    const entry = (audit.body.entries as AuditEntry[]).find((e) => e.action === "account_deleted")!;
    expect(entry).toMatchObject({ actor: null, targetUser: null });
    expect(entry.after).toMatchObject({
      subject: expect.stringMatching(/^account:[A-Za-z0-9_-]{22}$/),
      family: expect.stringMatching(/^family:/),
      requestedBy: "self",
      familyErased: true,
      messagesTombstoned: 3,
    });
    const auditText = JSON.stringify(audit.body);
    for (const secret of [mum.email, mum.displayName, mum.id, fam]) expect(auditText).not.toContain(secret);
  });

  it("messages sent while the account is being deleted either become tombstones or are refused: no words survive", async () => {
    const { group } = await buildGroup(srv);
    const mum = await buildCaregiver(srv);
    const peer = await buildCaregiver(srv);
    await joinGroup(srv, mum, group.id);
    await joinGroup(srv, peer, group.id);
    const post = (i: number) =>
      srv.http
        .post(`/api/groups/${group.id}/messages`)
        .set("Authorization", mum.auth)
        .send({ clientId: randomUUID(), body: `竞速消息 ${i}` });
    await post(0).expect(200);
    // Nine sends in all: within the per-user send rate limit, so every refusal is the deletion's.
    const results = await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => post(i + 1)),
      deleteAccount(mum),
      ...Array.from({ length: 4 }, (_, i) => post(i + 5)),
    ]);
    const deletion = results[4]!;
    expect(deletion.status, JSON.stringify(deletion.body)).toBe(200);
    // A send that lost the race is refused: the account is gone (401/403/404), or its insert met
    // the deleted account or a deadlock that the database broke (409): never a 5xx.
    for (const r of results) expect([200, 401, 403, 404, 409], JSON.stringify(r.body)).toContain(r.status);
    const history = await fullHistory(srv, peer, group.id);
    expect(history.every((m) => m.body === null && m.sender === null)).toBe(true);
    expect(history.map((m) => m.seq)).toEqual(history.map((_, i) => i + 1));
    const left = await sqlRows<{ n: number | string }>(
      srv,
      sql`SELECT count(*) AS n FROM messages WHERE group_id = ${group.id}::uuid AND body IS NOT NULL`,
    );
    expect(Number(left[0]!.n)).toBe(0);
  });

  it("two requests at once: one deletes, the other finds no account (401)", async () => {
    const mum = await buildCaregiver(srv);
    await buildChild(srv, mum);
    const results = await Promise.all([deleteAccount(mum), deleteAccount(mum), deleteAccount(mum)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    expect(
      await sqlCount(srv, sql`SELECT count(*) AS n FROM families WHERE id = ${mum.familyId}::uuid`),
    ).toBe(0);
    expect(
      await sqlCount(srv, sql`SELECT count(*) AS n FROM audit_log WHERE action = 'account_deleted'`),
    ).toBeGreaterThan(0);
  });
});
