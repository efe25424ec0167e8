import type { TrendReport } from '../core/trend.js';
import type { TimeFormatOptions } from './options.js';
import { lineChart, sparkline } from './text-charts.js';
import { alertLine, changeText, indicatorSeries, trendHeadline, wrap } from './time-summary.js';

/**
 * The terminal view of a trend: one line per period (new evidence and alerts beside it), then a
 * sparkline per indicator, then, when asked, a line chart of the composite.
 */
export function formatTrendTable(report: TrendReport, { paint, width, chart }: TimeFormatOptions): string {
  const out: string[] = [];
  out.push(paint.bold(`${report.indicatorSet.title}: ${report.subject}`));
  out.push(trendHeadline(report), '');

  const head = ['Period', 'As of', 'Score', 'Change', 'Band'];
  const rows = report.periods.map((p) => [p.label, `${p.asOf}${p.partial ? '*' : ''}`, p.score.toFixed(2), changeText(p), p.band]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const lead = widths.reduce((a, b) => a + b + 2, 0);
  const noteWidth = Math.max(30, width - lead);
  const pad = (cells: string[]) => cells.map((cell, c) => (c === 2 || c === 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  out.push(paint.bold(`${pad(head)}  New evidence and alerts`));
  report.periods.forEach((p, i) => {
    let cells = pad(rows[i]!);
    if (p.movement === 'improvement') cells = cells.replace(rows[i]![3]!, paint.green(rows[i]![3]!));
    if (p.movement === 'regression') cells = cells.replace(rows[i]![3]!, paint.red(rows[i]![3]!));
    const notes: string[] = [];
    if (p.events.length) notes.push(...wrap(p.events.join(', '), noteWidth));
    for (const alert of p.alerts) notes.push(...wrap(`⚠ ${alertLine(alert)}`, noteWidth).map((l) => paint.yellow(l)));
    out.push(`${cells}  ${notes[0] ?? ''}`.trimEnd());
    for (const note of notes.slice(1)) out.push(`${' '.repeat(lead)}${note}`);
  });
  if (report.periods.some((p) => p.partial)) out.push(paint.dim(`* scored as of ${report.until}, where the range ends inside the period`));

  out.push('', paint.bold('Indicators (each sparkline runs from 0 to its own high)'));
  const series = [
    ...indicatorSeries(report),
    { id: 'composite', title: 'Composite', weight: 0, values: report.periods.map((p) => p.score) },
  ];
  const idWidth = Math.max(...series.map((s) => s.id.length));
  const spark = Math.max(5, report.periods.length);
  out.push(paint.dim(`${'indicator'.padEnd(idWidth)}  ${'trend'.padEnd(spark)}  ${'first'.padStart(6)}  ${'last'.padStart(6)}  ${'high'.padStart(6)}`));
  for (const s of series) {
    const line = `${s.id.padEnd(idWidth)}  ${sparkline(s.values).padEnd(spark)}  ${s.values[0]!.toFixed(2).padStart(6)}  ${s.values[s.values.length - 1]!.toFixed(2).padStart(6)}  ${Math.max(...s.values).toFixed(2).padStart(6)}`;
    out.push(s.id === 'composite' ? paint.bold(line) : line);
  }
  if (chart) {
    out.push('', paint.bold('Composite'));
    out.push(
      lineChart(
        report.periods.map((p) => p.score),
        { width, first: report.periods[0]!.label, last: report.periods[report.periods.length - 1]!.label },
      ).trimEnd(),
    );
  }
  return `${out.join('\n')}\n`;
}
