/**
 * Bar charts drawn on the server as SVG (views/staff/reports/_chart.njk): no script, no library,
 * no inline style (the CSP forbids it: colours are classes in _staff-pages.scss). This file is the
 * geometry only — where each bar, label and value goes — so it is unit tested as numbers.
 *
 * A chart is horizontal bars, one row per category, each bar split into segments (one segment for
 * a simple chart; the age buckets for cases by stage and age). The scale is the largest row total
 * (or a fixed maximum, 100 for percentages), so the longest bar fills the plot.
 */

export interface ChartRowInput {
  label: string;
  /** The segments' values, in the series' order (negative or non-finite values count as 0). */
  values: number[];
  /** What is written after the bar (default: the total). */
  valueText?: string;
}

export interface ChartSegment {
  x: number;
  width: number;
  /** The series it belongs to (its colour class: `lcs-chart__bar--<series>`). */
  series: number;
  value: number;
}

export interface ChartRow {
  label: string;
  /** The label as drawn (shortened to fit the gutter; the table beside the chart has it whole). */
  shortLabel: string;
  y: number;
  /** Baseline of the label and value text. */
  textY: number;
  segments: ChartSegment[];
  total: number;
  valueText: string;
  valueX: number;
}

export interface Chart {
  width: number;
  height: number;
  plotX: number;
  plotWidth: number;
  barHeight: number;
  rows: ChartRow[];
  /** Vertical grid lines with their value (0, a quarter... the maximum). */
  ticks: { x: number; value: number; text: string }[];
  max: number;
}

export interface ChartOptions {
  /** A fixed scale (100 for percentages); default: the largest row total (at least 1). */
  max?: number;
  width?: number;
  labelWidth?: number;
  barHeight?: number;
  gap?: number;
  /** Characters of a label drawn in the gutter before it is shortened with an ellipsis. */
  labelChars?: number;
  /** How a tick's value is written (default: rounded to an integer or one decimal). */
  format?: (n: number) => string;
}

const clean = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0);
const round1 = (n: number) => Math.round(n * 10) / 10;
const defaultFormat = (n: number) => String(Number.isInteger(n) ? n : round1(n));

/** Shortens `label` to `max` characters (by code point), ending with an ellipsis when cut. */
export function shorten(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max
    ? label
    : `${chars
        .slice(0, Math.max(1, max - 1))
        .join('')
        .trimEnd()}…`;
}

export function barChart(input: ChartRowInput[], options: ChartOptions = {}): Chart {
  const width = options.width ?? 720;
  const labelWidth = options.labelWidth ?? 220;
  const barHeight = options.barHeight ?? 24;
  const gap = options.gap ?? 12;
  const valueGutter = 64;
  const top = 8;
  const axis = 24;
  const plotX = labelWidth;
  const plotWidth = width - labelWidth - valueGutter;
  const format = options.format ?? defaultFormat;
  const totals = input.map((r) => r.values.reduce((s, v) => s + clean(v), 0));
  const max = options.max && options.max > 0 ? options.max : Math.max(1, ...totals);
  const scale = (v: number) => round1((Math.min(v, max) / max) * plotWidth);

  const rows = input.map((r, i): ChartRow => {
    const y = top + i * (barHeight + gap);
    let x = plotX;
    let drawn = 0;
    const segments: ChartSegment[] = [];
    r.values.forEach((raw, series) => {
      const value = clean(raw);
      if (value === 0) return;
      drawn += value;
      // Each segment ends where the running total ends, so rounding never leaves gaps or overlaps.
      const end = round1(plotX + scale(drawn));
      segments.push({ x, width: round1(end - x), series, value });
      x = end;
    });
    return {
      label: r.label,
      shortLabel: shorten(r.label, options.labelChars ?? 30),
      y,
      textY: round1(y + barHeight / 2 + 5),
      segments,
      total: totals[i],
      valueText: r.valueText ?? format(totals[i]),
      valueX: round1(x + 6),
    };
  });
  const plotBottom = top + input.length * (barHeight + gap);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ x: round1(plotX + f * plotWidth), value: f * max, text: format(f * max) }));
  return { width, height: plotBottom + axis, plotX, plotWidth, barHeight, rows, ticks, max };
}
