import webpush from "web-push";
import type { Deps } from "../../deps.js";
import { createPoller, drainInBatches } from "../../lib/poller.js";
import { dutyRepo } from "../moderation/duty-hours.repo.js";
import { localParts } from "../slots/local-time.js";
import { type ClaimedPush, pushJobsRepo, pushRepo } from "./push.repo.js";
import { pushKindOf, pushPayload } from "./push-content.js";
import { quietUntil, toMinute } from "./quiet-hours.js";
import type { VapidKeys } from "./vapid-keys.js";

const BATCH = 20;
const MAX_ATTEMPTS = 8;
const SEND_TIMEOUT_MS = 10_000;
/** A claimed job is due again this long after its claim if its node died while sending. */
const LEASE_MS = 60_000;

type Outcome = "sent" | "gone" | "retry" | "failed";

function outcomeOf(status: number): Outcome {
  if (status >= 200 && status < 300) return "sent";
  if (status === 404 || status === 410) return "gone";
  if (status === 429 || status >= 500) return "retry";
  return "failed";
}

/** Encrypt and sign with `web-push`, post with fetch (which also reaches the tests' http loopback). */
async function postPush(
  job: ClaimedPush,
  vapid: VapidKeys,
): Promise<{ status: number; retryAfterMs: number }> {
  const alert = pushKindOf(job.kind) === "alerts";
  const details = webpush.generateRequestDetails(
    { endpoint: job.endpoint, keys: { p256dh: job.p256dh, auth: job.auth } },
    JSON.stringify(
      pushPayload({ id: job.notificationId, kind: job.kind, payload: job.payload }, job.locale, job.role),
    ),
    { vapidDetails: vapid, TTL: alert ? 3600 : 86_400, urgency: alert ? "high" : "normal" },
  );
  const headers = Object.fromEntries(
    Object.entries(details.headers)
      .filter(([k]) => k.toLowerCase() !== "content-length")
      .map(([k, v]) => [k, String(v)]),
  );
  const res = await fetch(job.endpoint, {
    method: "POST",
    headers,
    body: details.body ? new Uint8Array(details.body) : null,
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  await res.body?.cancel();
  const retryAfter = Number(res.headers.get("retry-after"));
  return { status: res.status, retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : 0 };
}

/**
 * The push sender (decision 105): every node polls `push_jobs` for due rows, claims them with
 * `FOR UPDATE SKIP LOCKED` (so each is sent by one node), and for each decides by the user's
 * preferences and quiet hours (held until they end, except alerts to a social worker on duty),
 * then sends through the push service: encrypted and VAPID-signed by `web-push`, posted with fetch.
 * 2xx: done; 404/410: the device is forgotten; 429/5xx or no answer: retried with exponential
 * backoff (Retry-After if longer), given up after MAX_ATTEMPTS; any other answer: dropped.
 */
export function createPushSender(deps: Deps, vapid: VapidKeys) {
  const { db, config, logger } = deps;

  async function onDuty(userId: string, now: Date): Promise<boolean> {
    const local = localParts(now, config.timeZone);
    return (await dutyRepo.onDutyIds(db, local.weekday, toMinute(local.time))).includes(userId);
  }

  /** Until when the push waits for quiet hours to end (null: send now). */
  async function heldUntil(job: ClaimedPush, now: Date): Promise<Date | null> {
    const quiet =
      job.quietStart === null || job.quietEnd === null ? null : { start: job.quietStart, end: job.quietEnd };
    const until = quietUntil(now, quiet, config.timeZone);
    if (!until) return null;
    if (pushKindOf(job.kind) === "alerts" && (await onDuty(job.userId, now))) return null;
    return until;
  }

  async function settle(job: ClaimedPush, outcome: Outcome, retryAfterMs = 0): Promise<void> {
    if (outcome === "sent") {
      await pushJobsRepo.done(db, job.jobId);
      await pushJobsRepo.markSent(db, job.subscriptionId);
    } else if (outcome === "gone") {
      await pushRepo.deleteById(db, job.subscriptionId);
    } else if (outcome === "retry" && job.attempts < MAX_ATTEMPTS) {
      const backoff = config.pushRetryBaseMs * 2 ** (job.attempts - 1);
      await pushJobsRepo.later(db, job.jobId, new Date(Date.now() + Math.max(backoff, retryAfterMs)), true);
    } else {
      logger.warn({ job: job.jobId, kind: job.kind, attempts: job.attempts, outcome }, "push given up");
      await pushJobsRepo.done(db, job.jobId);
    }
  }

  async function handle(job: ClaimedPush, now: Date): Promise<void> {
    const kind = pushKindOf(job.kind);
    // `account` (always pushed) is not a preference, so it is never among the disabled.
    if (!kind || job.disabled.includes(kind)) return pushJobsRepo.done(db, job.jobId);
    const until = await heldUntil(job, now);
    if (until) return pushJobsRepo.later(db, job.jobId, until, false);
    let answer: { status: number; retryAfterMs: number } | undefined;
    try {
      answer = await postPush(job, vapid);
    } catch (err) {
      logger.debug({ err, job: job.jobId }, "push service did not answer");
    }
    await settle(job, answer ? outcomeOf(answer.status) : "retry", answer?.retryAfterMs);
  }

  /** Send every due push (several batches if needed); answers how many jobs were taken. */
  async function runDue(): Promise<number> {
    return drainInBatches(BATCH, async () => {
      const jobs = await pushJobsRepo.claimDue(db, BATCH, LEASE_MS);
      const now = new Date();
      await Promise.all(
        jobs.map((j) => handle(j, now).catch((err) => logger.warn({ err, job: j.jobId }, "push failed"))),
      );
      return jobs.length;
    });
  }

  return { runDue, ...createPoller({ everyMs: config.pushPollMs, poll: runDue, logger, what: "push" }) };
}
export type PushSender = ReturnType<typeof createPushSender>;
