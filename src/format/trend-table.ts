import type { TrendReport } from '../core/trend.js';
import type { FormatOptions } from './options.js';
import { lineChart, sparkline } from './text-charts.js';
import { countryName } from '../core/names.js';
import { terminalText } from './escape.js';
import { wrapText } from './summary.js';
import { alertLine, changeText, indicatorSeries, trendHeadline } from './time-summary.js';

/**
 * The terminal view of a trend: one line per period (new evidence and alerts beside it), then a
 * sparkline per indicator, then, when asked, a line chart of the composite.
 */
export function formatTrendTable(report: TrendReport, { paint, width, chart }: FormatOptions): string {
  const out: string[] = [];
  out.push(...wrapText(`${terminalText(report.indicatorSet.title)}: ${countryName(report.subject)}`, width, 2).map((l) => paint.bold(l)));
  out.push(...wrapText(trendHeadline(report), width, 2), '');

  const head = ['Period', 'As of', 'Score', 'Change', 'Band'];
  const rows = report.periods.map((p) => [p.label, `${p.asOf}${p.partial ? '*' : ''}`, p.score.toFixed(2), changeText(p), p.band]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const lead = widths.reduce((a, b) => a + b + 2, 0);
  const noteWidth = width - lead;
  const pad = (cells: string[]) => cells.map((cell, c) => (c === 2 || c === 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  out.push(paint.bold(noteWidth >= 24 ? `${pad(head)}  New evidence and alerts` : pad(head).trimEnd()));
  report.periods.forEach((p, i) => {
    let cells = pad(rows[i]!);
    if (p.movement === 'improvement') cells = cells.replace(rows[i]![3]!, paint.green(rows[i]![3]!));
    if (p.movement === 'regression') cells = cells.replace(rows[i]![3]!, paint.red(rows[i]![3]!));
    // New events beside the row when every line fits there, else under it, so no id is split;
    // alerts are sentences: beside the row only on a wide terminal.
    const events = p.events.length ? wrapText(p.events.join(', '), noteWidth) : [];
    const eventsBeside = noteWidth >= 24 && events.every((l) => l.length <= noteWidth);
    const alertsBeside = eventsBeside && noteWidth >= 60;
    const alerts = (w: number) => p.alerts.flatMap((alert) => wrapText(`⚠ ${terminalText(alertLine(alert))}`, w, 2)).map((l) => paint.yellow(l));
    const beside = [...(eventsBeside ? events : []), ...(alertsBeside ? alerts(noteWidth) : [])];
    const under = [...(eventsBeside || !p.events.length ? [] : wrapText(p.events.join(', '), width - 4)), ...(alertsBeside ? [] : alerts(width - 4))];
    out.push(`${cells}  ${beside[0] ?? ''}`.trimEnd());
    for (const note of beside.slice(1)) out.push(`${' '.repeat(lead)}${note}`);
    for (const note of under) out.push(`    ${note}`);
  });
  if (report.periods.some((p) => p.partial)) out.push(...wrapText(`* scored as of ${report.until}, where the range ends inside the period`, width, 2).map((l) => paint.dim(l)));

  out.push('', paint.bold('Indicators (each sparkline runs from 0 to its own high)'));
  const series = [
    ...indicatorSeries(report),
    { id: 'composite', title: 'Composite', weight: 0, values: report.periods.map((p) => p.score) },
  ];
  const idWidth = Math.max(...series.map((s) => s.id.length));
  // Numbers that fit beside the sparkline, most telling first; a sparkline too long for the line
  // shows its latest periods after an ellipsis.
  const stats = [
    { head: 'last', of: (v: number[]) => v[v.length - 1]! },
    { head: 'high', of: (v: number[]) => Math.max(...v) },
    { head: 'first', of: (v: number[]) => v[0]! },
  ];
  let room = width - idWidth - 2;
  const periods = report.periods.length;
  let kept = stats.filter((st) => {
    if (room - 8 < Math.min(periods, 12)) return false;
    room -= 8;
    return true;
  });
  kept = stats.filter((st) => kept.includes(st)).reverse().sort((a, b) => ['first', 'last', 'high'].indexOf(a.head) - ['first', 'last', 'high'].indexOf(b.head));
  const spark = Math.max(5, Math.min(periods, room));
  const line = (s: { values: number[] }) =>
    periods > spark ? `…${sparkline(s.values).slice(periods - spark + 1)}` : sparkline(s.values);
  out.push(paint.dim(`${'indicator'.padEnd(idWidth)}  ${'trend'.padEnd(spark)}${kept.map((st) => `  ${st.head.padStart(6)}`).join('')}`));
  for (const s of series) {
    const text = `${s.id.padEnd(idWidth)}  ${line(s).padEnd(spark)}${kept.map((st) => `  ${st.of(s.values).toFixed(2).padStart(6)}`).join('')}`;
    out.push(s.id === 'composite' ? paint.bold(text) : text);
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
