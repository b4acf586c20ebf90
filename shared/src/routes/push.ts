import { z } from "zod";
import { OkSchema } from "../schemas/common.js";
import {
  PushDeviceSchema,
  PushPreferencesPutSchema,
  PushPreferencesSchema,
  PushSubscribeSchema,
  PushUnsubscribeSchema,
} from "../schemas/push.js";
import { ALL_ROLES, defineRoutes } from "./define.js";

/** Web Push: the server's key, the caller's devices and preferences (issue 16 §3). */
export const pushRoutes = defineRoutes({
  pushKey: {
    method: "get",
    path: "/api/push/key",
    summary: "The server's VAPID public key (the applicationServerKey for pushManager.subscribe)",
    tag: "push",
    access: "public",
    response: z.object({ publicKey: z.string() }),
  },
  listPushDevices: {
    method: "get",
    path: "/api/push/subscriptions",
    summary: "The caller's devices that receive push",
    tag: "push",
    access: ALL_ROLES,
    relations: ["self"],
    response: z.object({ devices: z.array(PushDeviceSchema) }),
  },
  subscribePush: {
    method: "post",
    path: "/api/push/subscriptions",
    summary: "Store this device's push subscription for the caller (upsert by endpoint)",
    tag: "push",
    access: ALL_ROLES,
    relations: ["self"],
    body: PushSubscribeSchema,
    response: PushDeviceSchema,
    status: 201,
  },
  unsubscribePush: {
    method: "delete",
    path: "/api/push/subscriptions",
    summary: "Forget one of the caller's devices, by endpoint",
    tag: "push",
    access: ALL_ROLES,
    relations: ["self"],
    body: PushUnsubscribeSchema,
    response: OkSchema,
  },
  pushPreferences: {
    method: "get",
    path: "/api/push/preferences",
    summary: "What the caller is pushed, and their quiet hours",
    tag: "push",
    access: ALL_ROLES,
    relations: ["self"],
    response: PushPreferencesSchema,
  },
  updatePushPreferences: {
    method: "put",
    path: "/api/push/preferences",
    summary: "Turn kinds of push on or off, set or clear quiet hours",
    tag: "push",
    access: ALL_ROLES,
    relations: ["self"],
    body: PushPreferencesPutSchema,
    response: PushPreferencesSchema,
  },
});
