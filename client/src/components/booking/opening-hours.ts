/** Opening hours as staff type them (station edit form). */

/** "09:00-12:00, 14:00-17:00" <-> [["09:00","12:00"],["14:00","17:00"]] */
export function hoursText(ranges: [string, string][] | undefined): string {
  return (ranges ?? []).map(([a, b]) => `${a}-${b}`).join(", ");
}
/** The text form back to ranges; `null` when it cannot be read. */
export function parseHours(s: string): [string, string][] | null {
  const parts = s
    .split(/[,，;；]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: [string, string][] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}:\d{2})\s*[-–~至到]\s*(\d{1,2}:\d{2})$/.exec(p);
    if (!m?.[1] || !m[2]) return null;
    out.push([m[1].padStart(5, "0"), m[2].padStart(5, "0")]);
  }
  return out;
}
