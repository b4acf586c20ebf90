import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import webpush from "web-push";
import type { Config } from "../../env.js";
import type { Logger } from "../../logger.js";

/** The server's VAPID identity (RFC 8292): the key pair push services know it by, and a contact. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/**
 * VAPID keys: configured (VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY), or generated once and kept in the
 * data dir, as the JWT secret is. Several nodes must share them (set them in the environment):
 * a browser's subscription is bound to the public key it subscribed with.
 */
export function resolveVapidKeys(config: Readonly<Config>, logger: Logger): VapidKeys {
  const subject = config.vapidSubject;
  if (config.vapidPublicKey && config.vapidPrivateKey)
    return { publicKey: config.vapidPublicKey, privateKey: config.vapidPrivateKey, subject };
  const file = path.resolve(config.dataDir, "vapid-keys.json");
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as Omit<VapidKeys, "subject">;
    return { publicKey: stored.publicKey, privateKey: stored.privateKey, subject };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const keys = webpush.generateVAPIDKeys();
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  logger.warn({ file }, "VAPID keys are not set; generated a key pair and stored it in the data dir");
  return { ...keys, subject };
}
