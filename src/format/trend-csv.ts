import type { TrendReport } from '../core/trend.js';

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
function field(value: string | number | boolean | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per period, one column per indicator: for spreadsheets and plotting tools. */
export function formatTrendCsv(report: TrendReport): string {
  const head = ['period', 'start', 'end', 'as_of', 'partial', 'score', 'band', 'coverage', 'confidence', 'change', 'movement', ...report.indicators.map((i) => i.id), 'alerts', 'events'];
  const rows = report.periods.map((p) => [
    p.label,
    p.start,
    p.end,
    p.asOf,
    p.partial,
    p.score.toFixed(2),
    p.band,
    p.coverage,
    p.confidence,
    p.change === null ? null : p.change.toFixed(2),
    p.movement,
    ...p.indicators.map((i) => i.score.toFixed(2)),
    p.alerts.map((a) => `${a.code}:${a.events.map((e) => e.eventId).join('+')}`).join(' '),
    p.events.join(' '),
  ]);
  return `${[head, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
