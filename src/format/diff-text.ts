import { signed } from '../core/messages.js';
import Table from 'cli-table3';
import type { ReportDiff } from '../core/diff.js';
import { changeCounts, eventChangeText } from '../core/explain-time.js';
import type { FormatOptions } from './options.js';
import { terminalText as t } from './escape.js';
import type { Paint } from './paint.js';
import { alertLine, ARROWS, diffHeadline } from './time-summary.js';

function movementText(movement: ReportDiff['composite']['movement'], delta: number, paint: Paint): string {
  const text = `${ARROWS[movement]} ${signed(delta, 'typographic')}`.trim();
  return movement === 'improvement' ? paint.green(text) : movement === 'regression' ? paint.red(text) : text;
}

/** What moved between two reports: one row per indicator, then every event change with its file:line. */
export function formatDiffTable(diff: ReportDiff, { paint, color, width }: FormatOptions): string {
  // Everything from the two reports is untrusted text (a report is a file anyone can craft).
  const out: string[] = [paint.bold(t(`${diff.indicatorSet.title}: ${diff.subject}`)), paint.bold(t(diffHeadline(diff)))];
  if (!diff.sameSet) out.push(paint.yellow('The indicator set changed between the reports (different sha256): deltas mix new evidence with a new method.'));
  const fixed = 30 + 9 + 9 + 11 + 13;
  const table = new Table({
    head: ['Indicator', 'Base', 'Head', 'Change', 'Movement', 'Evidence'],
    colWidths: [30, 9, 9, 11, 13, Math.max(28, Math.min(40, width - fixed - 7))],
    colAligns: ['left', 'right', 'right', 'right', 'left', 'left'],
    wordWrap: true,
    style: color ? { head: ['bold'] } : { head: [], border: [] },
  });
  for (const ind of diff.indicators) {
    table.push([
      t(ind.id),
      ind.base === null ? '—' : ind.base.toFixed(2),
      ind.head === null ? '—' : ind.head.toFixed(2),
      movementText(ind.movement, ind.delta, paint),
      ind.movement,
      changeCounts(ind.events),
    ]);
  }
  out.push(table.toString());
  const moved = diff.indicators.filter((i) => i.events.length);
  if (moved.length) {
    out.push('', paint.bold('Events'));
    for (const ind of moved) {
      out.push(`${t(ind.id)} ${paint.dim(`(${signed(ind.delta, 'typographic')})`)}`);
      for (const e of ind.events) out.push(`  ${t(eventChangeText(e))}  ${paint.dim(t(`${e.file}:${e.line}`))}`);
    }
  }
  for (const a of diff.alerts.raised) out.push(paint.yellow(`⚠ raised ${t(alertLine(a))}`));
  for (const a of diff.alerts.cleared) out.push(paint.green(`✓ cleared ${t(alertLine(a))}`));
  for (const f of diff.verdict.failures) out.push(paint.red(`✖ ${t(f.message)}`));
  return `${out.join('\n')}\n`;
}
