/** Sparklines and a small line chart in text, for terminals and Markdown. Pure string functions. */

const TICKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * One character per value, scaled from 0 (the lowest tick) to `top` (the highest; default the
 * series' own maximum), so zero always reads as zero and the shape of a small series shows.
 */
export function sparkline(values: readonly number[], top = Math.max(0, ...values)): string {
  if (top <= 0) return TICKS[0]!.repeat(values.length);
  return values
    .map((v) => TICKS[Math.min(TICKS.length - 1, Math.max(0, Math.round((v / top) * (TICKS.length - 1))))]!)
    .join('');
}

/** A round upper bound for a chart axis: 5, 10, 20, 25, 50 or 100 times a power of ten. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export interface LineChartOptions {
  /** Rows of plot area (default 10). */
  height?: number;
  /** Columns per value (default: as many as fit in `width`, at most 4). */
  width?: number;
  /** Labels under the first and last value. */
  first?: string;
  last?: string;
}

/**
 * A line chart of one series from 0 up, drawn with box-drawing characters as asciichart does:
 * a level stretch is ─, a rise ╯…╭ and a fall ╮…╰ joined by │. The y axis is labelled at every row.
 */
export function lineChart(values: readonly number[], options: LineChartOptions = {}): string {
  if (values.length === 0) return '';
  const height = options.height ?? 10;
  const top = niceCeiling(Math.max(...values));
  const labels = Array.from({ length: height + 1 }, (_, row) => ((top * (height - row)) / height).toFixed(top < 10 ? 1 : 0));
  const gutter = Math.max(...labels.map((l) => l.length));
  const available = Math.max(values.length, (options.width ?? 80) - gutter - 2);
  const step = Math.max(1, Math.min(4, Math.floor(available / values.length)));
  // Stretch the series so each value spans `step` columns, interpolating in between.
  const series: number[] = [];
  values.forEach((v, i) => {
    const next = values[i + 1];
    for (let k = 0; k < (next === undefined ? 1 : step); k++) series.push(next === undefined ? v : v + ((next - v) * k) / step);
  });
  const level = (v: number) => Math.round((v / top) * height);
  const grid = Array.from({ length: height + 1 }, () => Array.from({ length: series.length }, () => ' '));
  const put = (y: number, x: number, ch: string) => {
    const row = grid[height - y];
    if (row) row[x] = ch;
  };
  for (let x = 0; x < series.length; x++) {
    const y0 = level(series[x]!);
    const y1 = x + 1 < series.length ? level(series[x + 1]!) : y0;
    if (y0 === y1) {
      put(y0, x, '─');
      continue;
    }
    put(y0, x, y0 < y1 ? '╯' : '╮');
    put(y1, x, y0 < y1 ? '╭' : '╰');
    for (let y = Math.min(y0, y1) + 1; y < Math.max(y0, y1); y++) put(y, x, '│');
  }
  const lines = grid.map((row, i) => `${labels[i]!.padStart(gutter)} ┤${row.join('')}`.trimEnd());
  const first = options.first ?? '';
  const last = options.last ?? '';
  const span = series.length;
  const axis = `${' '.repeat(gutter)} └${'─'.repeat(span)}`;
  const under = `${' '.repeat(gutter + 2)}${first}${' '.repeat(Math.max(1, span - first.length - last.length))}${last}`;
  return `${[...lines, axis, under.trimEnd()].join('\n')}\n`;
}
