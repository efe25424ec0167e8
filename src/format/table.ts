import Table from 'cli-table3';
import type { ScoreReport } from '../core/report.js';
import type { FormatOptions } from './options.js';
import { describeWatchEvent } from '../core/explain.js';
import { ASSUMPTION_LABELS, describeRanges } from '../core/explain-sensitivity.js';
import { bandLabel, excludedByReason, headline, reasonWithoutHead, sensitivityHeadline, signed } from './summary.js';
import { topEvidenceLine } from './top-evidence.js';

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
    // The band column already says "no evidence" or "not scored"; other flags are the codes users search for.
    const flags = ind.flags.filter((f) => f !== 'no-evidence');
    const band = ind.status === 'scored' ? ind.band : paint.dim(bandLabel(ind));
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
  lines.push(`Method: ${reasonWithoutHead(report.reasoning)}`);
  const tops = report.indicators.map((ind) => [ind.id, topEvidenceLine(ind)] as const).filter(([, line]) => line);
  if (tops.length) {
    lines.push(`Top evidence (largest values; every event is in --format json):`);
    const idWidth = Math.max(...tops.map(([id]) => id.length));
    for (const [id, line] of tops) lines.push(`  ${id.padEnd(idWidth)}  ${paint.dim(line)}`);
  }
  lines.push(...watchLines(report, paint));
  lines.push(...sensitivityLines(report, paint));
  const groups = excludedByReason(report);
  if (groups.length) {
    lines.push(`Excluded: ${report.excluded.length} event${report.excluded.length === 1 ? '' : 's'}, not scored:`);
    for (const g of groups) lines.push(`  ${paint.dim(`${g.count} × ${g.reason}`)}  ${g.message}`);
  }
  if (!report.verdict.passed) for (const f of report.verdict.failures) lines.push(paint.red(`✖ ${f.message}`));
  return `${lines.join('\n')}\n`;
}

const WATCH_ROWS = 5;

/** The indicators where one more enforced action would move the composite most. */
function watchLines(report: ScoreReport, paint: FormatOptions['paint']): string[] {
  if (report.watchList.length === 0) return [];
  const width = Math.max(...report.watchList.slice(0, WATCH_ROWS).map((w) => w.id.length));
  const lines = [`Watch list: one more enforced, A1-graded action dated ${report.asOf} would move the composite most on`];
  for (const w of report.watchList.slice(0, WATCH_ROWS)) {
    const notes = [describeWatchEvent(w), ...(w.ends.length ? [`ends ${w.ends.join(', ')}`] : []), ...(w.alsoCounts.length ? [`also ${w.alsoCounts.join(', ')}`] : [])];
    lines.push(`  ${paint.bold(signed(w.gain).padStart(6))}  ${w.id.padEnd(width)}  ${paint.dim(notes.join('; '))}`);
  }
  if (report.watchList.length > WATCH_ROWS) lines.push(paint.dim(`  (${report.watchList.length - WATCH_ROWS} more in --format json or markdown)`));
  return lines;
}

function sensitivityLines(report: ScoreReport, paint: FormatOptions['paint']): string[] {
  const s = report.sensitivity;
  if (!s) return [];
  const lines = [`${paint.bold('Sensitivity')} (${s.draws} draws, seed ${s.seed}): ${sensitivityHeadline(s)}`];
  lines.push(`  ranges: ${describeRanges(s.ranges)}`);
  if (s.byAggregation.length > 1) {
    lines.push(`  by rule: ${s.byAggregation.map((r) => `${r.aggregation} median ${r.median.toFixed(2)} (${r.p5.toFixed(2)} to ${r.p95.toFixed(2)})`).join(' · ')}`);
  }
  const loo = s.leaveOneOut.slice(0, 3).map((l) => `${l.id} ${signed(l.delta)}`);
  if (loo.length) lines.push(`  leave one out: ${loo.join(', ')}`);
  if (s.sobol) {
    const top = [...s.sobol.indices].sort((a, b) => b.total - a.total).slice(0, 4);
    lines.push(`  Sobol (total): ${top.map((x) => `${ASSUMPTION_LABELS[x.id] ?? x.id} ${x.total.toFixed(2)} (${x.totalInterval[0].toFixed(2)} to ${x.totalInterval[1].toFixed(2)})`).join(' · ')}`);
  }
  return lines;
}
