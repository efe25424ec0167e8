import type { Ledger } from '../core/ledger.js';
import { csvCell } from './escape.js';
import { leverNote } from './ledger-words.js';

/**
 * One row per promise and one per lever, in one table with a `section` column, so a spreadsheet
 * can filter either. Every cell goes through csvCell (a summary starting with `=` stays text).
 */
export function formatLedgerCsv(ledger: Ledger): string {
  const head = ['section', 'event_id', 'date', 'kind', 'status_or_class', 'due_or_window_end', 'state', 'by_event', 'by_date', 'days', 'days_late_or_overdue', 'indicators', 'lapse_value', 'before', 'after', 'change', 'note', 'file', 'line', 'summary'];
  const rows: (string | number)[][] = [];
  for (const c of ledger.commitments.items) {
    rows.push([
      'commitment',
      c.eventId,
      c.date,
      c.kind,
      c.status,
      c.due ?? '',
      c.state,
      c.by?.eventId ?? c.supersededBy?.eventId ?? '',
      c.by?.date ?? c.supersededBy?.date ?? '',
      c.days ?? c.daysLeft ?? '',
      c.daysLate ?? c.daysOverdue ?? '',
      c.indicators.map((p) => `${p.indicator}:${p.state}`).join(' '),
      c.lapseValue,
      '',
      '',
      '',
      '',
      c.file,
      c.line,
      c.summary,
    ]);
  }
  for (const l of ledger.levers.items) {
    rows.push([
      'lever',
      l.eventId,
      l.date,
      l.kind,
      l.class,
      l.windowEnd,
      l.complete ? 'complete' : 'cut',
      '',
      '',
      '',
      '',
      '',
      '',
      l.before,
      l.after,
      l.change,
      `${leverNote(l, ledger.actions)}. ${ledger.levers.caveat}`,
      l.file,
      l.line,
      l.summary,
    ]);
  }
  return `${[head, ...rows].map((r) => r.map((v) => csvCell(v)).join(',')).join('\r\n')}\r\n`;
}
