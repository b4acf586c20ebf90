import { sql } from "@carecircle/server";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildCaregiver,
  buildGroup,
  buildStaff,
  collect,
  connectSocket,
  emitAck,
  joinGroup,
  send,
  sendOk,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

// Issue 14 #6: block and flag words are matched on the same normalised text as crisis detection,
// so zero-width characters, Cyrillic look-alikes, full-width letters and traditional characters
// do not slip a watched word past the list.
const srv = useTestServer();
beforeAll(async () => {
  const sw = await buildStaff(srv, "social_worker");
  for (const [phrase, action] of [
    ["scam", "block"],
    ["代购药品", "block"],
    ["fraud", "flag"],
    ["私下转账", "flag"],
  ] as const) {
    const res = await srv.http
      .post("/api/moderation/watched-words")
      .set("Authorization", sw.auth)
      .send({ phrase, action });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});

async function room() {
  const { group, moderator } = await buildGroup(srv);
  const author = await buildCaregiver(srv);
  await joinGroup(srv, author, group.id);
  return { group, moderator, as: await connectSocket(srv, author.token) };
}

const BLOCK_DISGUISES = [
  "this is a sc\u200bam",
  "this is a s\u200dc\u2060am",
  "a ѕсаm (Cyrillic look-alikes)",
  "ｓｃａｍ",
  "S C A M",
  "有人需要代購藥品嗎", // traditional characters
  "代\u200b购\u200b药\u200b品",
];

const FLAG_DISGUISES = ["pure fr\u200baud", "frаud here (Cyrillic а)", "可以私下轉賬", "私\u200b下 转 账"];

describe("watched words see through disguise", () => {
  it("a disguised block word is refused on send and on edit, and nothing is stored", async () => {
    const { group, as } = await room();
    for (const body of BLOCK_DISGUISES) {
      const ack = await send(as, group.id, body);
      expect(ack, JSON.stringify(body)).toMatchObject({ ok: false, error: { code: "BLOCKED_CONTENT" } });
    }
    const rows = await sqlRows<{ n: number | string }>(
      srv,
      sql`select count(*) as n from messages where group_id = ${group.id}`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
    const m = await sendOk(as, group.id, "普通的一句话");
    for (const body of BLOCK_DISGUISES) {
      const edit = await emitAck(as, "message:edit", { messageId: m.id, body });
      expect(edit, JSON.stringify(body)).toMatchObject({ ok: false, error: { code: "BLOCKED_CONTENT" } });
    }
  });

  it("a disguised flag word still files an automatic report", async () => {
    const { group, moderator, as } = await room();
    const ms = await connectSocket(srv, moderator.token);
    const queued = collect(ms, "moderation:report");
    const sent = [];
    for (const body of FLAG_DISGUISES) sent.push(await sendOk(as, group.id, body));
    await until(() => queued.filter((q) => q.automatic).length >= sent.length, {
      what: "an automatic report per flagged message",
    });
    expect(queued.filter((q) => q.automatic).map((q) => q.messageId)).toEqual(sent.map((m) => m.id));
    const rows = await sqlRows<{ message_id: string }>(
      srv,
      sql`select message_id from reports where group_id = ${group.id} and reporter_id is null`,
    );
    expect(rows.map((r) => r.message_id).sort()).toEqual(sent.map((m) => m.id).sort());
  });
});
