/**
 * The real length of a WebM recording, from the timestamps of its audio blocks. A browser's
 * MediaRecorder writes WebM as a live stream: no duration in the header, clusters of unknown
 * size. So the header cannot be trusted or even present; the last block's time can.
 */

const ID = {
  segment: 0x18538067,
  cluster: 0x1f43b675,
  blockGroup: 0xa0,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  clusterTimecode: 0xe7,
  simpleBlock: 0xa3,
  block: 0xa1,
} as const;

/** Masters we read inside of; every other element is skipped by its size. */
const DESCEND = new Set<number>([ID.segment, ID.cluster, ID.blockGroup, ID.info]);

interface Vint {
  value: number;
  length: number;
  unknown: boolean;
}

function readVint(buf: Buffer, at: number, keepMarker: boolean): Vint | undefined {
  const first = buf[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (length > 8 || at + length > buf.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const b = buf[at + i]!;
    value = value * 256 + b;
    if (b !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readUint(buf: Buffer, at: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + buf[at + i]!;
  return v;
}

/** Milliseconds from the first byte to the last audio block, or undefined when not WebM/EBML. */
export function webmDurationMs(buf: Buffer): number | undefined {
  let at = 0;
  let scaleNs = 1_000_000;
  let clusterTc = 0;
  let maxTc = -1;
  while (at < buf.length) {
    const id = readVint(buf, at, true);
    if (!id) return undefined;
    const size = readVint(buf, at + id.length, false);
    if (!size) return undefined;
    const body = at + id.length + size.length;
    if (DESCEND.has(id.value)) {
      at = body;
      continue;
    }
    if (size.unknown || body + size.value > buf.length) break;
    if (id.value === ID.timecodeScale) scaleNs = readUint(buf, body, size.value);
    else if (id.value === ID.clusterTimecode) clusterTc = readUint(buf, body, size.value);
    else if (id.value === ID.simpleBlock || id.value === ID.block) {
      const track = readVint(buf, body, false);
      if (track && size.value >= track.length + 2) {
        const rel = buf.readInt16BE(body + track.length);
        maxTc = Math.max(maxTc, clusterTc + rel);
      }
    }
    at = body + size.value;
  }
  if (maxTc < 0 || scaleNs <= 0) return maxTc < 0 ? 0 : undefined;
  return Math.round((maxTc * scaleNs) / 1_000_000);
}
