import { sql } from "@carecircle/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildGroup,
  buildStaff,
  connectSocket,
  establishMember,
  joinGroup,
  sendOk,
  setPushPreferences,
  sqlCount,
  sqlRows,
  subscribePush,
} from "../factories/index.js";
import { LoopbackPushService } from "../setup/push-service.js";
import { useTestServer } from "../setup/server.js";
import { until } from "../setup/until.js";

/*
 * Moderators hear of reports (issue 16 §3, decision 118): a `report_filed` notification when a
 * message gets its first open report and when reports hide it, pushed under the "reports"
 * preference, carrying ids only.
 */

const srv = useTestServer({ pushPollMs: 100 });
const pushes = new LoopbackPushService();
beforeAll(() => pushes.start());
afterAll(() => pushes.stop());

const report = (who: Account, messageId: string, reason = "spam") =>
  srv.http.post(`/api/messages/${messageId}/reports`).set("Authorization", who.auth).send({ reason });

const notesOf = (who: Account, kind: string) =>
  sqlRows<{ payload: Record<string, unknown> }>(
    srv,
    sql`select payload from notifications where user_id = ${who.id} and kind = ${kind} order by created_at`,
  );

const jobsOf = (who: Account) =>
  sqlCount(
    srv,
    sql`select count(*) from push_jobs j join notifications n on n.id = j.notification_id where n.user_id = ${who.id}`,
  );

/** A group (hidden at 3 reports) with two moderators, an author and three established members. */
async function room() {
  const { group, moderator } = await buildGroup(srv, { name: "脑瘫家长群", hideThreshold: 3 });
  const second = await buildStaff(srv, "social_worker", "第二位社工");
  const add = await srv.http
    .post(`/api/groups/${group.id}/moderators`)
    .set("Authorization", moderator.auth)
    .send({ userId: second.id });
  expect(add.status).toBe(200);
  const author = await buildCaregiver(srv, { displayName: "张阿姨" });
  await joinGroup(srv, author, group.id);
  const members: Account[] = [];
  for (let i = 0; i < 3; i++) {
    const m = await buildCaregiver(srv);
    await joinGroup(srv, m, group.id);
    await establishMember(srv, m, group.id);
    members.push(m);
  }
  const as = await connectSocket(srv, author.token);
  return { group, moderator, second, author, members, as };
}

describe("report_filed", () => {
  it("the first report and the hide tell every moderator, the reports in between do not; pushed only with the preference on", async () => {
    const { group, moderator, second, author, members, as } = await room();
    const onPhone = await subscribePush(srv, moderator, pushes);
    const offPhone = await subscribePush(srv, second, pushes);
    await setPushPreferences(srv, second, { kinds: { reports: false } });
    const msg = await sendOk(as, group.id, "加我微信买药，家里地址是幸福路 8 号");

    expect((await report(members[0]!, msg.id)).status).toBe(201);
    const expected = { groupId: group.id, messageId: msg.id, seq: msg.seq };
    for (const mod of [moderator, second])
      expect(await notesOf(mod, "report_filed")).toEqual([{ payload: { ...expected, hidden: false } }]);

    // The second report is still the same open case: nobody is told again.
    expect((await report(members[1]!, msg.id)).status).toBe(201);
    for (const mod of [moderator, second]) expect(await notesOf(mod, "report_filed")).toHaveLength(1);

    // The third hides the message: that is news.
    expect((await report(members[2]!, msg.id)).status).toBe(201);
    for (const mod of [moderator, second])
      expect((await notesOf(mod, "report_filed"))[1]).toEqual({ payload: { ...expected, hidden: true } });
    // Neither reporters nor the author hear of it.
    for (const who of [author, ...members]) expect(await notesOf(who, "report_filed")).toEqual([]);

    await until(() => pushes.deliveredTo(onPhone).length === 2);
    expect(pushes.problems).toEqual([]);
    for (const push of pushes.deliveredTo(onPhone)) {
      expect(push.data).toMatchObject({ kind: "report_filed", title: "群里有新的举报", url: "/moderation" });
      for (const secret of ["微信", "幸福路", author.displayName, group.name, msg.id])
        expect(push.text).not.toContain(secret);
    }
    // The other moderator's jobs were dropped by the sender, not sent.
    await until(async () => (await jobsOf(second)) === 0);
    expect(pushes.deliveredTo(offPhone)).toEqual([]);
  });

  it("a message reported again after its reports were decided is news again", async () => {
    const { group, moderator, members, as } = await room();
    const msg = await sendOk(as, group.id, "今天天气不错");
    expect((await report(members[0]!, msg.id)).status).toBe(201);
    const decided = await srv.http
      .post(`/api/moderation/messages/${msg.id}/resolve`)
      .set("Authorization", moderator.auth)
      .send({ action: "dismiss", reason: "不是广告" });
    expect(decided.status, decided.text).toBe(200);
    expect((await report(members[1]!, msg.id)).status).toBe(201);
    expect(await notesOf(moderator, "report_filed")).toHaveLength(2);
  });

  it("a first report for crisis raises an alert instead of a second notice", async () => {
    const { group, moderator, members, as } = await room();
    const msg = await sendOk(as, group.id, "最近总是睡不着");
    expect((await report(members[0]!, msg.id, "crisis")).status).toBe(201);
    expect(await notesOf(moderator, "report_filed")).toEqual([]);
    expect(await notesOf(moderator, "moderation_alert")).toHaveLength(1);
  });
});
