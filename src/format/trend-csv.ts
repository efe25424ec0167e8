import type { TrendReport } from '../core/trend.js';
import { csvCell } from './escape.js';

/** A figure this formatter wrote itself (a score, a date, a flag): never a formula, passed as it is. */
class Figure {
  constructor(readonly text: string) {}
}
const figure = (value: string | number | boolean | null) => new Figure(value === null ? '' : String(value));

/**
 * RFC 4180 field. Text from the inputs (ids, band ids, alert codes) goes through csvCell, so a
 * hostile set's band `=HYPERLINK(...)` stays text in a spreadsheet; figures pass as they are.
 */
function field(value: string | Figure): string {
  return value instanceof Figure ? value.text : csvCell(value);
}

/** One row per period, one column per indicator: for spreadsheets and plotting tools. */
export function formatTrendCsv(report: TrendReport): string {
  const head = ['period', 'start', 'end', 'as_of', 'partial', 'score', 'band', 'coverage', 'confidence', 'change', 'movement', ...report.indicators.map((i) => i.id), 'alerts', 'events'];
  const rows = report.periods.map((p): (string | Figure)[] => [
    figure(p.label),
    figure(p.start),
    figure(p.end),
    figure(p.asOf),
    figure(p.partial),
    figure(p.score.toFixed(2)),
    p.band,
    figure(p.coverage),
    p.confidence,
    figure(p.change === null ? null : p.change.toFixed(2)),
    figure(p.movement),
    ...p.indicators.map((i) => figure(i.score.toFixed(2))),
    p.alerts.map((a) => `${a.code}:${a.events.map((e) => e.eventId).join('+')}`).join(' '),
    p.events.join(' '),
  ]);
  return `${[head, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
