import { PushDeviceSchema, type PushPreferencesPutInput } from "@carecircle/shared";
import { expect } from "vitest";
import type { Device, LoopbackPushService } from "../setup/push-service.js";
import type { TestServer } from "../setup/server.js";
import type { Account } from "./accounts.js";

type HasHttp = Pick<TestServer, "http">;

/** Subscribe `who`'s browser (a new device of `pushes`, or `device`) to push; answers the device. */
export async function subscribePush(
  srv: HasHttp,
  who: Account,
  pushes: LoopbackPushService,
  opts: { device?: Device; label?: string } = {},
): Promise<Device> {
  const device = opts.device ?? pushes.device();
  const res = await srv.http
    .post("/api/push/subscriptions")
    .set("Authorization", who.auth)
    .send({ endpoint: device.endpoint, keys: device.keys, ...(opts.label ? { label: opts.label } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  PushDeviceSchema.parse(res.body);
  return device;
}

/** Change `who`'s push preferences (kinds and/or quiet hours). */
export async function setPushPreferences(
  srv: HasHttp,
  who: Account,
  body: PushPreferencesPutInput,
): Promise<void> {
  const res = await srv.http.put("/api/push/preferences").set("Authorization", who.auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
