import { signed } from '../core/messages.js';
import type { Ledger } from '../core/ledger.js';
import { terminalText } from './escape.js';
import type { FormatOptions } from './options.js';
import { wrap } from './time-summary.js';
import { commitmentState, ledgerHeadline, leverClassLine, leverNote, plural, totalsLine } from './ledger-words.js';

/**
 * Columns whose cells are short and fixed, then one last column that wraps to what the terminal
 * leaves, so the table fits the width it is given; below 24 characters left, one row per block.
 */
function table(head: string[], rows: string[][], width: number, bold: (s: string) => string, tint: (row: number) => (s: string) => string = () => (s) => s): string[] {
  const fixed = head.length - 1;
  const widths = head.slice(0, fixed).map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const lead = widths.reduce((a, b) => a + b + 2, 0);
  if (width - lead < 24) {
    // Too narrow for columns: each row as a line of its short cells, then its last cell indented.
    const out: string[] = [];
    rows.forEach((r, i) => {
      const paint = tint(i);
      for (const line of wrap(r.slice(0, fixed).join('  '), width)) out.push(paint(line));
      for (const line of wrap(r[fixed]!, width - 4)) out.push(paint(`    ${line}`));
    });
    return out;
  }
  const room = width - lead;
  const pad = (cells: string[]) => cells.slice(0, fixed).map((cell, c) => cell.padEnd(widths[c]!)).join('  ');
  const out = [bold(`${pad(head)}  ${head[fixed]}`.trimEnd())];
  rows.forEach((r, i) => {
    const lines = wrap(r[fixed]!, room);
    const paint = tint(i);
    out.push(paint(`${pad(r)}  ${lines[0] ?? ''}`.trimEnd()));
    for (const more of lines.slice(1)) out.push(paint(`${' '.repeat(lead)}${more}`));
  });
  return out;
}

/** The terminal view of a ledger: the promises and how each stands, then the levers and what followed. */
export function formatLedgerTable(ledger: Ledger, { paint, width }: FormatOptions): string {
  const out: string[] = [];
  const w = (text: string) => wrap(text, width);
  out.push(...w(terminalText(`${ledger.indicatorSet.title}: ledger`)).map(paint.bold));
  out.push(...w(terminalText(ledgerHeadline(ledger))), '');

  const { commitments } = ledger;
  out.push(...w('Commitments (pledged and announced, as of the scoring date)').map(paint.bold));
  if (commitments.items.length === 0) out.push(...w('No promises (pledged or announced events of the subject) in the inputs.'));
  else {
    const rows = commitments.items.map((c) => [c.date, c.eventId, c.status, c.due ?? '-', c.state, commitmentState(c)]);
    const tint = (i: number) => {
      const state = commitments.items[i]!.state;
      return state === 'lapsed' ? paint.red : state === 'delivered' || state === 'delivered-late' ? paint.green : (s: string) => s;
    };
    out.push(...table(['Date', 'Promise', 'Status', 'Due', 'State', 'How it stands'], rows, width, paint.bold, tint));
  }
  out.push('', ...w(totalsLine(commitments.totals)));
  if (commitments.byIndicator.length) {
    out.push('', paint.bold('By indicator'));
    const rows = commitments.byIndicator.map((i) => [
      i.indicator,
      String(i.promises),
      String(i.delivered + i.deliveredLate),
      String(i.lapsed),
      String(i.open),
      String(i.due),
      i.sayDo === null ? 'n/a' : i.sayDo.toFixed(2),
      `lapses ${i.lapseValue.toFixed(4)}; score ${i.score.toFixed(2)}`,
    ]);
    out.push(...table(['Indicator', 'Promises', 'Delivered', 'Lapsed', 'Open', 'Due', 'Say-do', 'Effect'], rows, width, paint.bold));
  }
  if (commitments.oldestOpen.length) out.push('', ...w(`Oldest open: ${commitments.oldestOpen.join(', ')}`));

  const { levers } = ledger;
  out.push('', paint.bold(`Levers and what followed (window ${plural(ledger.windowDays, 'day')})`));
  out.push(...w(levers.caveat).map(paint.yellow));
  if (levers.items.length === 0) out.push(...w('No levers (context events of the kinds the set classes as levers) in the inputs.'));
  else {
    const rows = levers.items.map((l) => [
      l.date,
      l.eventId,
      l.class,
      l.before.toFixed(2),
      `${l.after.toFixed(2)}${l.complete ? '' : '*'}`,
      signed(l.change, 'typographic'),
      `${l.overlaps ? '⚠ ' : ''}${leverNote(l, ledger.actions)}`,
    ]);
    out.push(...table(['Date', 'Lever', 'Class', 'Before', 'After', 'Change', 'What followed'], rows, width, paint.bold));
    if (levers.items.some((l) => !l.complete)) out.push(...w(`* the window ends at the scoring date ${ledger.asOf}, before its ${plural(ledger.windowDays, 'day')} were up`).map(paint.dim));
  }
  out.push('');
  for (const c of levers.classes) out.push(...w(leverClassLine(c)));
  return `${out.join('\n')}\n`;
}
