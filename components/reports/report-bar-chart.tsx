"use client";
// One bar chart of the report page (recharts). The chart is a picture for sighted readers: the
// wrapper is role="img" with a sentence that states every value, and the page shows the same
// figures in tables, so nothing is only in the drawing.
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";

export type ChartDatum = { label: string; value: number };

const AXIS = { fill: "#334155", fontSize: 12 };

export function ReportBarChart({
  data,
  summary,
  bars,
  color = "#4f46e5",
  max,
  testId,
}: {
  data: ChartDatum[];
  summary: string;
  /** "horizontal": one row per item (long labels); "vertical": columns (the score buckets). */
  bars: "horizontal" | "vertical";
  color?: string;
  /** The scale's top (10 for scores); the data's largest value otherwise. */
  max?: number;
  testId?: string;
}) {
  const horizontal = bars === "horizontal";
  const height = horizontal ? Math.max(120, data.length * 38 + 24) : 240;
  const domain: [number, number | "auto"] = [0, max ?? "auto"];
  // Room for the longest label (about 7 px a character at 12 px), within reason.
  const labelWidth = Math.min(160, Math.max(48, 16 + 7 * Math.max(0, ...data.map((d) => d.label.length))));
  return (
    <div role="img" aria-label={summary} data-testid={testId} className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height }}>
        {horizontal ? (
          <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 4, right: 40, bottom: 4, left: 4 }}>
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" domain={domain} allowDecimals={max === undefined ? false : true} tick={AXIS} />
            <YAxis type="category" dataKey="label" width={labelWidth} tick={AXIS} interval={0} />
            <Bar dataKey="value" fill={color} isAnimationActive={false} radius={[0, 4, 4, 0]}>
              <LabelList dataKey="value" position="right" fill="#0f172a" fontSize={12} />
            </Bar>
          </BarChart>
        ) : (
          <BarChart data={data} accessibilityLayer={false} margin={{ top: 20, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={AXIS} interval={0} />
            <YAxis allowDecimals={false} domain={domain} tick={AXIS} width={32} />
            <Bar dataKey="value" fill={color} isAnimationActive={false} radius={[4, 4, 0, 0]}>
              <LabelList dataKey="value" position="top" fill="#0f172a" fontSize={12} />
            </Bar>
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
