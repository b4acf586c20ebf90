import { MEDIA_LIMITS } from "@carecircle/shared";
import sharp from "sharp";
import { mediaRefusal } from "./media-refusal.js";

/** A re-encoded photo: JPEG without any metadata, and its thumbnail. */
export interface Photo {
  mime: "image/jpeg";
  bytes: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/** Still raster formats we decode; anything else sharp reads (SVG, PDF...) is refused. */
const RASTER = new Set(["jpeg", "png", "webp", "gif", "avif", "heif", "tiff"]);

const open = (buf: Buffer) =>
  sharp(buf, { limitInputPixels: MEDIA_LIMITS.photoMaxInputPixels, failOn: "error", pages: 1 });

/** Read the header only: format, size and page count, before any pixel is decoded. */
async function inspect(buf: Buffer) {
  const meta = await sharp(buf, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw mediaRefusal("not_media");
    });
  if (meta.format === "svg") throw mediaRefusal("svg");
  if (!meta.format || !RASTER.has(meta.format)) throw mediaRefusal("not_media");
  if ((meta.pages ?? 1) > 1) throw mediaRefusal("animated");
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > MEDIA_LIMITS.photoMaxInputPixels)
    throw mediaRefusal("too_many_pixels", { maxPixels: MEDIA_LIMITS.photoMaxInputPixels });
}

/**
 * Decode a photo by its content, upright by its EXIF orientation, resized to at most 1600 px on
 * the long side and re-encoded as JPEG (sRGB, no EXIF/GPS, XMP, IPTC or ICC left: sharp keeps no
 * metadata unless told), plus a thumbnail. Throws a media refusal.
 */
export async function processPhoto(buf: Buffer): Promise<Photo> {
  if (buf.length > MEDIA_LIMITS.photoMaxBytes)
    throw mediaRefusal("too_big", { maxBytes: MEDIA_LIMITS.photoMaxBytes });
  await inspect(buf);
  const side = MEDIA_LIMITS.photoMaxSide;
  const full = await open(buf)
    .rotate()
    .resize(side, side, { fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .toColourspace("srgb")
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw mediaRefusal("not_media");
    });
  const t = MEDIA_LIMITS.thumbMaxSide;
  const thumb = await sharp(full.data)
    .resize(t, t, { fit: "inside", withoutEnlargement: true })
    .jpeg({ quality: 70, mozjpeg: true })
    .toBuffer();
  return { mime: "image/jpeg", bytes: full.data, thumb, width: full.info.width, height: full.info.height };
}
