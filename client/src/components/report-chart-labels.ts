/** The width of a bar chart's label column, and the labels' font size (report-charts.tsx). */
export const LABEL_W = 112;
export const LABEL_FONT = 11;

/** About how wide a label is at LABEL_FONT: a Chinese character is a full em, Latin about half. */
const labelWidth = (s: string) =>
  [...s].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? LABEL_FONT : LABEL_FONT * 0.55), 0);

/**
 * A label that fits beside its bar, or two lines: broken before a bracket or at a space when one
 * is near the middle, else in the middle ("资源链接" / "（如补贴申请）").
 */
export function labelLines(label: string): string[] {
  if (labelWidth(label) <= LABEL_W - 8) return [label];
  const chars = [...label];
  const mid = chars.length / 2;
  const breaks = chars
    .map((ch, i) => (i > 0 && /[（(\s]/.test(ch) ? i : -1))
    .filter((i) => i > 0 && Math.abs(i - mid) <= chars.length / 3);
  const at = breaks.sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid))[0] ?? Math.ceil(mid);
  return [chars.slice(0, at).join("").trim(), chars.slice(at).join("").trim()];
}
