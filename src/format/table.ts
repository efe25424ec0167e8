import Table from 'cli-table3';
import type { ScoreReport } from '../core/report.js';
import type { FormatOptions } from './index.js';
import { excludedByReason, headline } from './summary.js';

/** The ten-second view: one row per indicator, the composite underneath, then what was left out. */
export function formatTable(report: ScoreReport, { paint, color, width }: FormatOptions): string {
  const widths = [26, 8, 8, 13, 10];
  const reasonWidth = Math.max(28, width - widths.reduce((a, b) => a + b, 0) - 7);
  const table = new Table({
    head: ['Indicator', 'Weight', 'Score', 'Band', 'Contrib.', 'Why'],
    colWidths: [...widths, reasonWidth],
    colAligns: ['left', 'right', 'right', 'left', 'right', 'left'],
    wordWrap: true,
    // No rule between rows: ten short rows read faster without them.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: color ? { head: ['bold'] } : { head: [], border: [] },
  });
  for (const ind of report.indicators) {
    // The band column already says "no evidence"; other flags are the codes users search for.
    const flags = ind.flags.filter((f) => f !== 'ungraded-evidence' && f !== 'no-evidence');
    const band = ind.status === 'no-evidence' ? paint.dim('no evidence') : ind.band;
    table.push([
      ind.id,
      String(ind.weight),
      ind.score.toFixed(2),
      band,
      ind.contribution.toFixed(2),
      `${ind.summary}${flags.length ? ` ${paint.yellow(`[${flags.join(', ')}]`)}` : ''}`,
    ]);
  }
  const lines = [table.toString(), ''];
  lines.push(`${paint.bold('Composite')} ${paint.bold(headline(report))}`);
  lines.push(`Indicator set: ${report.indicatorSet.title} (${report.indicatorSet.id})`);
  for (const a of report.alerts) lines.push(paint.yellow(`⚠ ${a.code}: ${a.message}`));
  const groups = excludedByReason(report);
  if (groups.length) {
    lines.push(`Excluded: ${report.excluded.length} event${report.excluded.length === 1 ? '' : 's'}, not scored:`);
    for (const g of groups) lines.push(`  ${paint.dim(`${g.count} × ${g.reason}`)}  ${g.message}`);
  }
  if (!report.verdict.passed) for (const f of report.verdict.failures) lines.push(paint.red(`✖ ${f.message}`));
  return `${lines.join('\n')}\n`;
}
