import {
  PUSH_KINDS,
  type PushDevice,
  type PushKind,
  type PushPreferences,
  type PushPreferencesPutInput,
  type PushSubscribeInput,
} from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { invalid } from "../../errors.js";
import { type PushPreferencesRow, type PushSubscriptionRow, pushJobsRepo, pushRepo } from "./push.repo.js";
import { toHhmm, toMinute } from "./quiet-hours.js";
import type { VapidKeys } from "./vapid-keys.js";

/** row -> DTO */
function presentDevice(s: PushSubscriptionRow): PushDevice {
  return {
    id: s.id,
    endpoint: s.endpoint,
    label: s.label,
    createdAt: s.createdAt.toISOString(),
    lastSentAt: s.lastSentAt?.toISOString() ?? null,
  };
}

/** row -> DTO (no row: everything on, no quiet hours). */
export function presentPreferences(row: PushPreferencesRow | undefined, timeZone: string): PushPreferences {
  const off = new Set(row?.disabled ?? []);
  const kinds = Object.fromEntries(PUSH_KINDS.map((k) => [k, !off.has(k)])) as Record<PushKind, boolean>;
  const q = row && row.quietStart !== null && row.quietEnd !== null ? row : undefined;
  return {
    kinds,
    quietHours: q ? { start: toHhmm(q.quietStart!), end: toHhmm(q.quietEnd!) } : null,
    timeZone,
  };
}

/**
 * A user's push devices and preferences (decisions 105, 106). A device is its endpoint: storing
 * it again (for this or another user of the same browser) replaces the earlier subscription.
 */
export function createPushService(deps: Deps, vapid: VapidKeys) {
  const { db, config } = deps;

  // Push services are https; the loopback service of the tests is plain http on 127.0.0.1.
  function checkEndpoint(endpoint: string): void {
    if (config.nodeEnv === "production" && !endpoint.startsWith("https://"))
      throw invalid("endpoint", "must be an https URL");
  }

  return {
    publicKey: (): { publicKey: string } => ({ publicKey: vapid.publicKey }),

    async list(userId: string): Promise<{ devices: PushDevice[] }> {
      return { devices: (await pushRepo.list(db, userId)).map(presentDevice) };
    },

    async subscribe(userId: string, input: PushSubscribeInput): Promise<PushDevice> {
      checkEndpoint(input.endpoint);
      const row = await pushRepo.upsert(db, {
        userId,
        endpoint: input.endpoint,
        p256dh: input.keys.p256dh,
        auth: input.keys.auth,
        label: input.label ?? null,
      });
      return presentDevice(row);
    },

    /** Idempotent: a browser that lost its subscription may say so more than once. */
    async unsubscribe(userId: string, endpoint: string): Promise<{ ok: true }> {
      await pushRepo.deleteOwn(db, userId, endpoint);
      return { ok: true };
    },

    async preferences(userId: string): Promise<PushPreferences> {
      return presentPreferences(await pushRepo.preferences(db, userId), config.timeZone);
    },

    /** Change preferences; pushes held by quiet hours are decided again under the new ones. */
    async update(userId: string, input: PushPreferencesPutInput): Promise<PushPreferences> {
      await db.transaction(async (tx) => {
        const now = presentPreferences(await pushRepo.preferences(tx, userId), config.timeZone);
        const kinds = { ...now.kinds, ...input.kinds };
        const quiet = input.quietHours === undefined ? now.quietHours : input.quietHours;
        await pushRepo.savePreferences(tx, {
          userId,
          disabled: PUSH_KINDS.filter((k) => !kinds[k]),
          quietStart: quiet ? toMinute(quiet.start) : null,
          quietEnd: quiet ? toMinute(quiet.end) : null,
        });
        await pushJobsRepo.reconsider(tx, userId);
      });
      return this.preferences(userId);
    },
  };
}
export type PushService = ReturnType<typeof createPushService>;
