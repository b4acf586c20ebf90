import { type DbHandle, sql } from "@carecircle/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildGroup,
  connectSocket,
  joinGroup,
  sendOk,
  sqlCount,
  subscribePush,
} from "../factories/index.js";
import { useNodes } from "../setup/nodes.js";
import { type Device, LoopbackPushService } from "../setup/push-service.js";
import type { TestServer } from "../setup/server.js";
import { pause, until } from "../setup/until.js";

/*
 * Pushes with several nodes on one database (decision 105): every node polls push_jobs with
 * FOR UPDATE SKIP LOCKED, so each push is sent once; a push queued while no node sends goes out
 * after a restart. On PostgreSQL the second node has its own pool (real concurrency); PGlite is
 * one process by nature, so both nodes share its one instance there.
 */

const pushes = new LoopbackPushService();
beforeAll(() => pushes.start());
afterAll(() => pushes.stop());
// Registered after the push service's hooks, so the nodes close before it stops.
const nodes = useNodes();

const node = (db: DbHandle, pushPollMs: number): Promise<TestServer> =>
  nodes.node({ pushPollMs, pushRetryBaseMs: 200 }, db);

const subscribe = (srv: TestServer, who: Account): Promise<Device> => subscribePush(srv, who, pushes);

/** `n` members of a new group, each with a device; a sender who mentions all of them `times` times. */
async function mentionStorm(srv: TestServer, n: number, times: number) {
  const { group } = await buildGroup(srv);
  const members: Account[] = [];
  for (let i = 0; i < n; i++) members.push(await buildCaregiver(srv, { displayName: `成员${i}号` }));
  const devices: Device[] = [];
  for (const m of members) {
    await joinGroup(srv, m, group.id);
    devices.push(await subscribe(srv, m));
  }
  const author = await buildCaregiver(srv);
  await joinGroup(srv, author, group.id);
  const socket = await connectSocket(srv, author.token);
  const body = members.map((m) => `@${m.displayName}`).join(" ");
  for (let i = 0; i < times; i++) await sendOk(socket, group.id, `${body} 第${i}次`);
  return { members, devices };
}

it("two nodes polling one database send every push exactly once", async () => {
  const db = await nodes.sharedDb();
  const a = await node(db, 50);
  await node(await nodes.anotherHandle(db), 50);
  const { devices } = await mentionStorm(a, 3, 5);
  await until(() => devices.every((d) => pushes.deliveredTo(d).length >= 5), {
    timeoutMs: 30_000,
    what: "5 pushes to each device",
  });
  await until(async () => (await sqlCount(a, sql`select count(*) from push_jobs`)) === 0);
  // A duplicate send by the other node would arrive within its next polls.
  await pause(300);
  for (const d of devices) {
    const tags = pushes.deliveredTo(d).map((p) => p.data.tag);
    expect(tags).toHaveLength(5);
    expect(new Set(tags).size).toBe(5);
  }
  expect(pushes.problems).toEqual([]);
});

it("a push queued while no node sends goes out once after a restart", async () => {
  const db = await nodes.sharedDb();
  // This node never gets to poll: its pushes stay queued in the database when it stops.
  const first = await node(db, 60_000);
  const { devices } = await mentionStorm(first, 1, 1);
  await until(async () => (await sqlCount(first, sql`select count(*) from push_jobs`)) === 1);
  await first.close();
  expect(pushes.deliveredTo(devices[0]!)).toEqual([]);

  const second = await node(await nodes.anotherHandle(db), 50);
  await until(() => pushes.deliveredTo(devices[0]!).length === 1);
  await until(async () => (await sqlCount(second, sql`select count(*) from push_jobs`)) === 0);
});
