/** Small formatting helpers for the Markdown report. */

/** A Markdown table. */
export function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Milliseconds with a precision that suits their size. */
export function ms(v: number): string {
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

/** A count with thousands separators. */
export function n(v: number): string {
  return Math.round(v).toLocaleString("en-US");
}

/** Bytes as MiB. */
export function mib(v: number): string {
  return (v / 2 ** 20).toFixed(1);
}

/** Bytes as KB (1,000 bytes, as the target is stated). */
export function kb(v: number): string {
  return (v / 1000).toFixed(1);
}

/** A pass/miss mark for a target. */
export function mark(ok: boolean | null): string {
  if (ok === null) return "not measured";
  return ok ? "**pass**" : "**miss**";
}
