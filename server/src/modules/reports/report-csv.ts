import type { Cell, Locale, OutcomeRow, ProjectReport } from "@carecircle/shared";

type Value = Cell | string | null;
type Line = [section: string, item: string, measure: string, value: Value];

const L = {
  "zh-CN": {
    header: ["部分", "项目", "指标", "数值"],
    noData: "暂无数据",
    families: "服务家庭",
    total: "合计",
    respite: "喘息服务",
    groups: "互助小组",
    groupActivities: "小组活动",
    safeguarding: "安全保障",
    casework: "个案工作",
    outcomes: "成效",
  },
  en: {
    header: ["section", "item", "measure", "value"],
    noData: "no data yet",
    families: "families served",
    total: "total",
    respite: "respite",
    groups: "peer groups",
    groupActivities: "group activities",
    safeguarding: "safeguarding",
    casework: "case work",
    outcomes: "outcomes",
  },
} as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; text that a
 * spreadsheet would run as a formula (= + - @ first) gets a leading apostrophe.
 */
export function csvField(v: Value): string {
  if (v === null) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  const safe = /^[=+\-@\t\r]/.test(v) && v !== "<5" ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function outcomeLines(section: string, scale: string, r: OutcomeRow): Line[] {
  const item = `${scale} · ${r.label}`;
  const lines: Line[] = [
    [section, item, "n", r.n],
    [section, item, "median_pre", r.medianPre],
    [section, item, "median_post", r.medianPost],
    [section, item, "median_change", r.medianChange],
    [section, item, "wilcoxon_V", r.statistic],
    [section, item, "p_value", r.pValue],
    [section, item, "p_method", r.method],
    [section, item, "rank_biserial_r", r.effectSize],
  ];
  if (r.reliableChange) {
    lines.push([section, item, "reliable_improvement", r.reliableChange.improved]);
    lines.push([section, item, "no_reliable_change", r.reliableChange.unchanged]);
    lines.push([section, item, "reliable_deterioration", r.reliableChange.deteriorated]);
  }
  return lines;
}

/** The report's lines: one figure each, every suppressed cell written as "<5". */
export function reportLines(r: ProjectReport, lang: Locale): Line[] {
  const t = L[lang];
  const lines: Line[] = [[t.families, t.total, "families", r.families.total]];
  for (const s of r.families.byStation) lines.push([t.families, s.name, "families", s.families]);
  for (const d of r.families.byDistrict) lines.push([t.families, d.district, "families", d.families]);
  for (const [k, v] of Object.entries(r.respite)) lines.push([t.respite, t.total, k, v]);
  for (const [k, v] of Object.entries(r.groups)) lines.push([t.groups, t.total, k, v]);
  const { byKind, ...activities } = r.groupActivities;
  for (const [k, v] of Object.entries(activities)) lines.push([t.groupActivities, t.total, k, v]);
  for (const k of byKind)
    lines.push(
      [t.groupActivities, k.kind, "families", k.families],
      [t.groupActivities, k.kind, "sessions", k.sessions],
    );
  for (const [k, v] of Object.entries(r.safeguarding)) lines.push([t.safeguarding, t.total, k, v]);
  if (r.casework.status === "no_data") lines.push([t.casework, "", "", t.noData]);
  else {
    const { status: _, ...groups } = r.casework;
    for (const [group, rows] of Object.entries(groups))
      for (const c of rows)
        lines.push(
          [t.casework, `${group}:${c.key}`, "families", c.families],
          [t.casework, `${group}:${c.key}`, "count", c.count],
        );
  }
  if (r.outcomes.status === "no_data") lines.push([t.outcomes, "", "", t.noData]);
  else
    for (const s of r.outcomes.scales)
      for (const row of s.rows) lines.push(...outcomeLines(t.outcomes, s.name, row));
  return lines;
}

/** The CSV text: a UTF-8 byte-order mark (Excel then reads Chinese correctly), a header, CRLF lines. */
export function reportCsv(r: ProjectReport, lang: Locale): string {
  const rows = [L[lang].header as readonly Value[], ...reportLines(r, lang)];
  return `\uFEFF${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}
