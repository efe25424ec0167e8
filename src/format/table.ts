import Table from 'cli-table3';
import type { ScoreReport } from '../core/report.js';
import type { FormatOptions } from './index.js';
import { excludedByReason, headline } from './summary.js';
import { topEvidenceLine } from './top-evidence.js';

/** The ten-second view: one row per indicator, the composite underneath, then what was left out. */
export function formatTable(report: ScoreReport, { paint, color, width }: FormatOptions): string {
  const fixed = 30 + 8 + 8 + 13 + 10 + 7;
  const reasonWidth = Math.max(28, width - fixed);
  const table = new Table({
    head: ['Indicator', 'Weight', 'Score', 'Band', 'Contrib.', 'Why'],
    colWidths: [30, 8, 8, 13, 10, reasonWidth],
    colAligns: ['left', 'right', 'right', 'left', 'right', 'left'],
    wordWrap: true,
    style: color ? { head: ['bold'] } : { head: [], border: [] },
  });
  for (const ind of report.indicators) {
    const flags = ind.flags.filter((f) => f !== 'ungraded-evidence');
    const band = ind.status === 'no-evidence' ? paint.dim('no evidence') : ind.band;
    table.push([
      `${ind.title}\n${paint.dim(ind.id)}`,
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
  const tops = report.indicators.map((ind) => [ind.id, topEvidenceLine(ind)] as const).filter(([, line]) => line);
  if (tops.length) {
    lines.push(`Top evidence (largest values; every event is in --format json):`);
    const idWidth = Math.max(...tops.map(([id]) => id.length));
    for (const [id, line] of tops) lines.push(`  ${id.padEnd(idWidth)}  ${paint.dim(line)}`);
  }
  const groups = excludedByReason(report);
  if (groups.length) {
    lines.push(`Excluded: ${report.excluded.length} event${report.excluded.length === 1 ? '' : 's'}, not scored:`);
    for (const g of groups) lines.push(`  ${paint.dim(`${g.count} × ${g.reason}`)}  ${g.message}`);
  }
  if (!report.verdict.passed) for (const f of report.verdict.failures) lines.push(paint.red(`✖ ${f.message}`));
  return `${lines.join('\n')}\n`;
}
