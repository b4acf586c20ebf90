import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  type ECDH,
  hkdfSync,
  randomBytes,
  randomUUID,
  verify,
} from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One push the service accepted (or refused), decrypted and with its checked VAPID claims. */
export interface Delivery {
  device: string;
  status: number;
  ttl: number;
  urgency: string;
  claims: { aud: string; exp: number; sub: string };
  /** The decrypted body, parsed as JSON. */
  data: Record<string, unknown>;
  /** The decrypted body as text, for "no personal text" assertions. */
  text: string;
}

/** A browser's side of a subscription: its key pair and auth secret, which decrypt its pushes. */
export interface Device {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: ECDH;
  authSecret: Buffer;
}

/**
 * A push service on loopback implementing what a browser vendor's does (RFC 8030): a POST to a
 * device's endpoint with TTL and Urgency, answered 201. It checks the sender's VAPID
 * authorisation (RFC 8292: an ES256 JWT signed by the key in `k`, `aud` the endpoint's origin,
 * `exp` at most 24 h ahead, a `sub`) and decrypts the aes128gcm body (RFC 8291) with the device's
 * private key. Anything wrong is recorded in `problems` and answered 400/401.
 */
export class LoopbackPushService {
  readonly deliveries: Delivery[] = [];
  readonly problems: string[] = [];
  /** Every VAPID public key seen (`k`), to check the server uses the one it published. */
  readonly senderKeys = new Set<string>();
  private readonly devices = new Map<string, Device>();
  private readonly scripted = new Map<string, number[]>();
  private server?: Server;
  origin = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.receive(req).then((status) => res.writeHead(status).end());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** A new device (browser profile) with its own keys, as `pushManager.subscribe` would make. */
  device(): Device {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const authSecret = randomBytes(16);
    const id = randomUUID();
    const d: Device = {
      id,
      endpoint: `${this.origin}/push/${id}`,
      keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: authSecret.toString("base64url") },
      ecdh,
      authSecret,
    };
    this.devices.set(id, d);
    return d;
  }

  /** Answer the next pushes to `device` with these statuses (then 201 again). */
  script(device: Device, ...statuses: number[]): void {
    this.scripted.set(device.id, [...(this.scripted.get(device.id) ?? []), ...statuses]);
  }

  /** Pushes delivered (2xx) to one device. */
  deliveredTo(device: Device): Delivery[] {
    return this.deliveries.filter((d) => d.device === device.id && d.status === 201);
  }

  private async receive(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const id = /^\/push\/([0-9a-f-]{36})$/.exec(req.url ?? "")?.[1];
    const device = id ? this.devices.get(id) : undefined;
    if (req.method !== "POST" || !device) return 404;
    try {
      const claims = this.checkVapid(String(req.headers.authorization ?? ""));
      const ttl = Number(req.headers.ttl);
      if (!Number.isInteger(ttl) || ttl < 0) throw new Error(`bad TTL header ${req.headers.ttl}`);
      if (req.headers["content-encoding"] !== "aes128gcm") throw new Error("not aes128gcm");
      const text = decrypt(Buffer.concat(chunks), device).toString("utf8");
      const status = this.scripted.get(device.id)?.shift() ?? 201;
      this.deliveries.push({
        device: device.id,
        status,
        ttl,
        urgency: String(req.headers.urgency ?? "normal"),
        claims,
        data: JSON.parse(text) as Record<string, unknown>,
        text,
      });
      return status;
    } catch (err) {
      this.problems.push((err as Error).message);
      return 400;
    }
  }

  /** RFC 8292: `vapid t=<jwt>, k=<public key>`; the JWT is ES256-signed by the key in `k`. */
  private checkVapid(header: string): Delivery["claims"] {
    const t = /(?:^|[\s,])t=([^,\s]+)/.exec(header)?.[1];
    const k = /(?:^|[\s,])k=([^,\s]+)/.exec(header)?.[1];
    if (!header.startsWith("vapid ") || !t || !k) throw new Error(`no VAPID authorization: ${header}`);
    const [h, p, s] = t.split(".") as [string, string, string];
    const head = JSON.parse(Buffer.from(h, "base64url").toString()) as { alg: string; typ?: string };
    if (head.alg !== "ES256") throw new Error(`JWT alg ${head.alg}`);
    const raw = Buffer.from(k, "base64url");
    const key = createPublicKey({
      format: "jwk",
      key: {
        kty: "EC",
        crv: "P-256",
        x: raw.subarray(1, 33).toString("base64url"),
        y: raw.subarray(33, 65).toString("base64url"),
      },
    });
    const signed = verify(
      "sha256",
      Buffer.from(`${h}.${p}`),
      { key, dsaEncoding: "ieee-p1363" },
      Buffer.from(s, "base64url"),
    );
    if (!signed) throw new Error("VAPID JWT signature does not verify with k");
    const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as Delivery["claims"];
    const now = Date.now() / 1000;
    if (claims.aud !== this.origin) throw new Error(`aud ${claims.aud} is not ${this.origin}`);
    if (!(claims.exp > now && claims.exp <= now + 24 * 3600))
      throw new Error(`exp ${claims.exp} out of range`);
    if (!/^(mailto:|https:)/.test(claims.sub ?? "")) throw new Error(`sub ${claims.sub}`);
    this.senderKeys.add(k);
    return claims;
  }
}

const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();

/**
 * RFC 8291 / RFC 8188: header salt(16) | rs(4) | idlen(1) | keyid (the sender's ephemeral public
 * key), then one record: AES-128-GCM with a key and nonce derived from the ECDH secret and the
 * auth secret; the plaintext ends with the 0x02 delimiter and zero padding.
 */
function decrypt(body: Buffer, device: Device): Buffer {
  const salt = body.subarray(0, 16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  const ecdhSecret = device.ecdh.computeSecret(asPublic);
  const uaPublic = device.ecdh.getPublicKey();
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, asPublic]);
  const prkKey = hmac(device.authSecret, ecdhSecret);
  const ikm = hmac(prkKey, Buffer.concat([keyInfo, Buffer.from([1])]));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, "Content-Encoding: aes128gcm\0", 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, "Content-Encoding: nonce\0", 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (plain[end] !== 2) throw new Error("no last-record delimiter");
  return plain.subarray(0, end);
}
