import type { Checkin } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useDates } from "../i18n/dates";

/** A chart with its numbers also given as a table for screen readers. */
function ChartFigure({
  caption,
  rows,
  columns,
  children,
}: {
  caption: string;
  rows: Record<string, string | number>[];
  columns: { key: string; label: string }[];
  children: React.ReactElement;
}) {
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      {/* Hidden from assistive tech (the table below says the same), so never focusable either. */}
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height={240}>
          {children}
        </ResponsiveContainer>
      </div>
      {/* A table is as wide as its content whatever its width says: the 1 px box clips it. */}
      <div className="sr-only">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed table
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.key}>{r[c.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** Stress check-ins over time (1-5). */
export function StressChart({ checkins }: { checkins: Checkin[] }) {
  const { t } = useTranslation();
  const d = useDates();
  const rows = [...checkins]
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
    .map((c) => ({ when: d.day(c.createdAt), stress: c.stress }));
  return (
    <ChartFigure
      caption={t("charts.stressCaption")}
      rows={rows}
      columns={[
        { key: "when", label: t("charts.date") },
        { key: "stress", label: t("charts.stress") },
      ]}
    >
      <LineChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="when" fontSize={12} />
        <YAxis domain={[1, 5]} allowDecimals={false} fontSize={12} />
        <Tooltip />
        <Line type="monotone" dataKey="stress" name={t("charts.stress")} stroke="#a52a1f" strokeWidth={3} />
      </LineChart>
    </ChartFigure>
  );
}

export type WeekRow = {
  week: string;
  booked: number;
  capacity: number;
  waitlist: number;
  utilisation: number;
};

/** Bookings, capacity and waitlist per week for one station. */
export function StationWeeksChart({ station, rows }: { station: string; rows: WeekRow[] }) {
  const { t } = useTranslation();
  return (
    <ChartFigure
      caption={t("charts.stationCaption", { station })}
      rows={rows}
      columns={[
        { key: "week", label: t("charts.week") },
        { key: "booked", label: t("charts.booked") },
        { key: "capacity", label: t("charts.capacity") },
        { key: "utilisation", label: t("charts.utilisation") },
        { key: "waitlist", label: t("charts.waitlist") },
      ]}
    >
      <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="week" fontSize={12} />
        <YAxis allowDecimals={false} fontSize={12} />
        <Tooltip />
        <Legend />
        <Bar dataKey="booked" name={t("charts.booked")} fill="#1f6f5c" />
        <Bar dataKey="capacity" name={t("charts.capacity")} fill="#9cc9bb" />
        <Bar dataKey="waitlist" name={t("charts.waitlist")} fill="#c98a00" />
      </BarChart>
    </ChartFigure>
  );
}

export type CountRow = {
  label: string;
  value: number;
};

/** One number per category (no-shows per family, average stress per week...). */
export function SimpleBarChart({
  caption,
  rows,
  valueLabel,
}: {
  caption: string;
  rows: CountRow[];
  valueLabel: string;
}) {
  return (
    <ChartFigure
      caption={caption}
      rows={rows}
      columns={[
        { key: "label", label: "" },
        { key: "value", label: valueLabel },
      ]}
    >
      <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" fontSize={12} />
        <YAxis allowDecimals={false} fontSize={12} />
        <Tooltip />
        <Bar dataKey="value" name={valueLabel} fill="#2a6fb0" />
      </BarChart>
    </ChartFigure>
  );
}
