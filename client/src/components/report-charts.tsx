import { LABEL_FONT, LABEL_W, labelLines } from "./report-chart-labels";

/** One bar group of a chart: a label and up to two values (before and after). */
export interface BarRow {
  label: string;
  values: number[];
}

const ROW_H = 34;
const WIDTH = 320;
const COLORS = ["#8a6d3b", "#1f6f5c"];
/**
 * A small horizontal bar chart drawn as inline SVG (prints crisply, no chart library in the
 * report's chunk). It is an image with a summary label; the table beside it carries the numbers.
 */
export function BarChart({
  title,
  rows,
  legend,
}: {
  title: string;
  rows: BarRow[];
  /** The name of each value series (e.g. 前测 / 后测). */
  legend: string[];
}) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const barH = (ROW_H - 10) / Math.max(1, legend.length);
  const height = rows.length * ROW_H + 24;
  const scale = (v: number) => ((WIDTH - LABEL_W - 36) * v) / max;
  const summary = rows.map((r) => `${r.label}: ${r.values.join(" → ")}`).join("; ");
  return (
    <figure className="report-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${title}. ${summary}`}>
        {rows.map((r, i) => (
          <g key={r.label} transform={`translate(0 ${i * ROW_H})`}>
            <BarLabel label={r.label} />
            {r.values.map((v, j) => (
              <g key={legend[j]}>
                <rect x={LABEL_W} y={4 + j * barH} width={scale(v)} height={barH - 2} fill={COLORS[j % 2]} />
                <text
                  x={LABEL_W + scale(v) + 4}
                  y={4 + j * barH + barH / 2}
                  dominantBaseline="middle"
                  fontSize="10"
                >
                  {v}
                </text>
              </g>
            ))}
          </g>
        ))}
        {legend.map((name, j) => (
          <g key={name} transform={`translate(${LABEL_W + j * 90} ${rows.length * ROW_H + 8})`}>
            <rect width="10" height="10" fill={COLORS[j % 2]} />
            <text x="14" y="9" fontSize="10">
              {name}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

function BarLabel({ label }: { label: string }) {
  const lines = labelLines(label);
  return (
    <text x={LABEL_W - 6} y={ROW_H / 2} textAnchor="end" dominantBaseline="middle" fontSize={LABEL_FONT}>
      {lines.length === 1
        ? label
        : lines.map((line, i) => (
            <tspan key={line} x={LABEL_W - 6} dy={i === 0 ? "-0.55em" : "1.1em"}>
              {line}
            </tspan>
          ))}
    </text>
  );
}
