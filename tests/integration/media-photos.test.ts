import { randomUUID } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { signedMediaPath, sql } from "@carecircle/server";
import { MEDIA_LIMITS, MediaUploadResultSchema, MessageSchema } from "@carecircle/shared";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  buildCaregiver,
  buildGroup,
  fetchMedia,
  joinGroup,
  sqlCount,
  sqlOne,
  upload,
  uploadOk,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

const srv = useTestServer();
let groupId: string;
let gran: Account;

const solid = (w: number, h: number) =>
  sharp({ create: { width: w, height: h, channels: 3, background: "#3366cc" } });

/** A PNG whose header declares `w` x `h` pixels and holds none (a decompression bomb's shape). */
function declaredPng(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    sig,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(64))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  const { group } = await buildGroup(srv);
  groupId = group.id;
  gran = await buildCaregiver(srv, { displayName: "王奶奶" });
  await joinGroup(srv, gran, groupId);
});

describe("photos are decided by content, cleaned and re-encoded", () => {
  it("a PNG named .jpg is accepted as a picture and stored as a JPEG with a thumbnail", async () => {
    const png = await solid(2400, 1200).png().toBuffer();
    const res = await upload(srv, gran, groupId, png, { type: "image/jpeg" });
    expect(res.status, res.text).toBe(201);
    const media = MediaUploadResultSchema.parse(res.body).media;
    expect(media).toMatchObject({ kind: "photo", mime: "image/jpeg", width: 1600, height: 800 });
    const full = await fetchMedia(srv, media.url);
    expect(full.status).toBe(200);
    expect(full.headers["content-type"]).toBe("image/jpeg");
    expect((await sharp(full.body as Buffer).metadata()).format).toBe("jpeg");
    const thumb = await fetchMedia(srv, media.thumbUrl!);
    const t = await sharp(thumb.body as Buffer).metadata();
    expect(Math.max(t.width!, t.height!)).toBe(MEDIA_LIMITS.thumbMaxSide);
  });

  it("a photo with GPS EXIF comes back with no metadata at all, upright by its orientation", async () => {
    const gps = {
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "39/1 54/1 2/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "116/1 23/1 0/1",
      },
    };
    const original = await solid(40, 20).withExif(gps).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    const media = await uploadOk(srv, gran, groupId, original, { type: "image/jpeg" });
    const got = await fetchMedia(srv, media.url);
    const after = await sharp(got.body as Buffer).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    // Orientation 6 = rotate 90°: the 40x20 landscape is stored as a 20x40 portrait.
    expect([after.width, after.height]).toEqual([20, 40]);
    expect(media).toMatchObject({ width: 20, height: 40 });
    expect((got.body as Buffer).includes(Buffer.from("GPS"))).toBe(false);
  });

  it.each([
    ["a text file named photo.jpg", () => Buffer.from("这不是照片，只是一段文字"), "not_media"],
    [
      "an SVG",
      () =>
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
        ),
      "svg",
    ],
    ["a PNG declaring 30000x30000 pixels", () => declaredPng(30000, 30000), "too_many_pixels"],
  ])("refuses %s (415, reason %s) and stores nothing", async (_what, make, reason) => {
    const clientId = randomUUID();
    const res = await upload(srv, gran, groupId, make(), { type: "image/jpeg", clientId });
    expect(res.status, res.text).toBe(415);
    expect(res.body.error).toMatchObject({ code: "UNSUPPORTED_MEDIA", details: { reason } });
    expect(await sqlCount(srv, sql`select count(*) from media where client_id = ${clientId}::uuid`)).toBe(0);
  });

  it("refuses an animated GIF", async () => {
    const frame = (c: string) =>
      sharp({ create: { width: 10, height: 10, channels: 4, background: c } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame("#f00"), await frame("#00f")], { join: { animated: true } })
      .gif()
      .toBuffer();
    const res = await upload(srv, gran, groupId, gif, { type: "image/gif" });
    expect(res.status).toBe(415);
    expect(res.body.error.details.reason).toBe("animated");
  });

  it("refuses more bytes than the photo limit with 413 too_big", async () => {
    const res = await upload(srv, gran, groupId, Buffer.alloc(MEDIA_LIMITS.photoMaxBytes + 1, 1));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: { reason: "too_big" } });
  });

  it("is idempotent by clientId: a retry answers the same file, one row", async () => {
    const png = await solid(30, 30).png().toBuffer();
    const clientId = randomUUID();
    const a = await uploadOk(srv, gran, groupId, png, { clientId });
    const b = await uploadOk(srv, gran, groupId, png, { clientId });
    expect(b.id).toBe(a.id);
    expect(await sqlCount(srv, sql`select count(*) from media where client_id = ${clientId}::uuid`)).toBe(1);
  });

  it("only members who may post upload: a stranger gets 403 and nothing is stored", async () => {
    const stranger = await buildCaregiver(srv);
    const clientId = randomUUID();
    const res = await upload(srv, stranger, groupId, await solid(8, 8).png().toBuffer(), { clientId });
    expect(res.status).toBe(403);
    expect(await sqlCount(srv, sql`select count(*) from media where client_id = ${clientId}::uuid`)).toBe(0);
  });
});

describe("signed URLs", () => {
  it("work without a token, with private caching, and fail when expired or tampered", async () => {
    const media = await uploadOk(srv, gran, groupId, await solid(20, 20).png().toBuffer());
    const ok = await fetchMedia(srv, media.url);
    expect(ok.status).toBe(200);
    expect(ok.headers["x-content-type-options"]).toBe("nosniff");
    expect(ok.headers["content-disposition"]).toBe("inline");
    const maxAge = Number(/private, max-age=(\d+)/.exec(ok.headers["cache-control"] ?? "")![1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(MEDIA_LIMITS.urlTtlSeconds + 60);

    const { url_key: key } = await sqlOne<{ url_key: string }>(
      srv,
      sql`select url_key from media where id = ${media.id}::uuid`,
    );
    const past = Math.floor(Date.now() / 1000) - 1;
    const expired = await fetchMedia(srv, signedMediaPath(key, media.id, "full", past, "r"));
    expect(expired.status).toBe(403);
    const tampered = media.url.replace(/exp=(\d+)/, (_m, e: string) => `exp=${Number(e) + 3600}`);
    expect((await fetchMedia(srv, tampered)).status).toBe(404);
    const otherKey = signedMediaPath("A".repeat(43), media.id, "full", past + 600, "r");
    expect((await fetchMedia(srv, otherKey)).status).toBe(404);
    const asModerator = media.url.replace("scope=r", "scope=m");
    expect((await fetchMedia(srv, asModerator)).status).toBe(404);
  });

  it("a sent photo's message carries the media; a non-member never receives a URL", async () => {
    const media = await uploadOk(srv, gran, groupId, await solid(50, 40).png().toBuffer());
    const sent = await srv.http
      .post(`/api/groups/${groupId}/messages`)
      .set("Authorization", gran.auth)
      .send({ clientId: randomUUID(), media: { id: media.id }, body: "医院的表格" });
    expect(sent.status, sent.text).toBe(200);
    const msg = MessageSchema.parse(sent.body.message);
    expect(msg.media).toMatchObject({ id: media.id, kind: "photo", width: 50, height: 40 });
    expect(msg.body).toBe("医院的表格");
    const stranger = await buildCaregiver(srv);
    const page = await srv.http.get(`/api/groups/${groupId}/messages`).set("Authorization", stranger.auth);
    expect(page.status).toBe(403);
    expect(JSON.stringify(page.body)).not.toContain("/api/media/");
    // The same upload cannot be sent twice.
    const again = await srv.http
      .post(`/api/groups/${groupId}/messages`)
      .set("Authorization", gran.auth)
      .send({ clientId: randomUUID(), media: { id: media.id } });
    expect(again.status).toBe(400);
    expect(again.body.error.details.fields.media).toBeDefined();
  });
});
