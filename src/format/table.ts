import { signed } from '../core/messages.js';
import Table from 'cli-table3';
import type { ScoreReport } from '../core/report.js';
import type { FormatOptions } from './options.js';
import { describeWatchEvent, reasoningBody } from '../core/explain.js';
import { ASSUMPTION_LABELS, describeRanges } from '../core/explain-sensitivity.js';
import { terminalText } from './escape.js';
import { bandLabel, excludedByReason, hanging, headline, sensitivityHeadline, wrapText } from './summary.js';
import { topEvidenceLine } from './top-evidence.js';

/** The narrowest "Why" column worth a column of its own; below it, the reason goes under its row. */
const MIN_WHY = 30;

/** What each flag means, for the legend under the table. */
const FLAG_WORDS: Record<string, string> = {
  negative: 'evidence nets below 0',
  backsliding: 'a suspension still in effect',
  'commitment-only': 'mostly talk',
  'thin-sourcing': 'weakly sourced evidence capped',
  'lapsed-commitments': 'promises past due',
};

/**
 * The ten-second view: one row per indicator, the composite underneath, then what was left out.
 * Everything fits `width` columns: the reason column takes what the others leave, or goes under
 * its row when too little is left, and ids are never split.
 */
export function formatTable(report: ScoreReport, { paint, color, width }: FormatOptions): string {
  const idWidth = Math.max('Indicator'.length, ...report.indicators.map((i) => i.id.length)) + 2;
  const widths = [idWidth, 8, 8, 13, 10];
  const fixed = widths.reduce((a, b) => a + b, 0) + widths.length + 1;
  const lines = [fixed <= width ? indicatorTable(report, paint, color, width, widths) : indicatorList(report, paint, width)];
  const wrap = (text: string, indent = 0) => wrapText(text, width, indent);
  lines.push(...wrap(legend(report)).map((l) => paint.dim(l)), '');
  lines.push(...wrap(`Composite ${headline(report)}`, 2).map((l) => paint.bold(l)));
  lines.push(...wrap(`Indicator set: ${terminalText(report.indicatorSet.title)} (${report.indicatorSet.id})`, 2));
  for (const a of report.alerts) lines.push(...wrap(`⚠ ${a.code}: ${terminalText(a.message)}`, 2).map((l) => paint.yellow(l)));
  lines.push(...wrap(`Method: ${reasoningBody(report)}`, 2));
  const tops = report.indicators.map((ind) => [ind.id, topEvidenceLine(ind)] as const).filter(([, line]) => line);
  if (tops.length) {
    lines.push(...wrap('Top evidence (largest values; every event is in --format json):', 2));
    const idWidth = Math.max(...tops.map(([id]) => id.length));
    for (const [id, line] of tops) lines.push(...hanging(`  ${id.padEnd(idWidth)}  `, terminalText(line), width, paint.dim));
  }
  lines.push(...watchLines(report, paint, width));
  lines.push(...sensitivityLines(report, paint, width));
  lines.push(...excludedLines(report, paint, width));
  if (!report.verdict.passed) for (const f of report.verdict.failures) lines.push(...wrap(`✖ ${f.message}`, 2).map((l) => paint.red(l)));
  return `${lines.join('\n')}\n`;
}

function whyText(ind: ScoreReport['indicators'][number], paint: FormatOptions['paint']): string {
  // The band column already says "no evidence" or "not scored"; other flags are the codes users search for.
  const flags = ind.flags.filter((f) => f !== 'no-evidence');
  return `${terminalText(ind.summary)}${flags.length ? ` ${paint.yellow(`[${flags.join(', ')}]`)}` : ''}`;
}

/** The table: the reason in its own column when it has room, else under its row. */
function indicatorTable(report: ScoreReport, paint: FormatOptions['paint'], color: boolean, width: number, widths: number[]): string {
  const whyWidth = width - widths.reduce((a, b) => a + b, 0) - (widths.length + 2);
  const inline = whyWidth >= MIN_WHY;
  const table = new Table({
    head: ['Indicator', 'Weight', 'Score', 'Band', 'Contrib.', ...(inline ? ['Why'] : [])],
    colWidths: inline ? [...widths, whyWidth] : widths,
    colAligns: ['left', 'right', 'right', 'left', 'right', 'left'],
    wordWrap: true,
    // Inline: no rule between rows, ten short rows read faster without them; with the reason under
    // each row, a rule shows which reason belongs to which row.
    chars: inline ? { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } : {},
    style: color ? { head: ['bold'] } : { head: [], border: [] },
  });
  for (const ind of report.indicators) {
    const band = ind.status === 'scored' ? ind.band : paint.dim(bandLabel(ind));
    const cells = [ind.id, String(ind.weight), ind.score.toFixed(2), band, ind.contribution.toFixed(2)];
    if (inline) table.push([...cells, whyText(ind, paint)]);
    else table.push(cells, [{ colSpan: widths.length, content: whyText(ind, paint) }]);
  }
  return table.toString();
}

/** Too narrow for a table: one block per indicator, the numbers on its first line. */
function indicatorList(report: ScoreReport, paint: FormatOptions['paint'], width: number): string {
  const lines: string[] = [];
  for (const ind of report.indicators) {
    const [head = '', ...rest] = wrapText(`${ind.id}  ${ind.score.toFixed(2)} ${bandLabel(ind)} · contrib. ${ind.contribution.toFixed(2)} · weight ${ind.weight}`, width, 2);
    lines.push(paint.bold(ind.id) + head.slice(ind.id.length), ...rest);
    lines.push(...wrapText(`  ${terminalText(ind.summary)}${ind.flags.some((f) => f !== 'no-evidence') ? ` [${ind.flags.filter((f) => f !== 'no-evidence').join(', ')}]` : ''}`, width, 2));
  }
  return lines.join('\n');
}

/** One line (wrapped only when the terminal is narrow) saying what the columns and flags mean. */
function legend(report: ScoreReport): string {
  const parts = ['Score out of 100', 'Contrib. = points of the composite (they add up to it)'];
  if (report.indicators.some((i) => i.tally.oldestDecay !== null)) parts.push('"oldest at N%" = what age has left of the oldest evidence');
  const flags = [...new Set(report.indicators.flatMap((i) => i.flags))].filter((f) => FLAG_WORDS[f]);
  if (flags.length) parts.push(`[flags]: ${flags.map((f) => `${f} = ${FLAG_WORDS[f]}`).join(', ')}`);
  return `${parts.join('; ')}.`;
}

const WATCH_ROWS = 5;

/** The indicators where one more enforced action would move the composite most. */
function watchLines(report: ScoreReport, paint: FormatOptions['paint'], width: number): string[] {
  if (report.watchList.length === 0) return [];
  const idWidth = Math.max(...report.watchList.slice(0, WATCH_ROWS).map((w) => w.id.length));
  const lines = wrapText(`Watch list: what one more enforced, A1-graded action on ${report.asOf} would add:`, width, 2);
  for (const w of report.watchList.slice(0, WATCH_ROWS)) {
    const notes = [describeWatchEvent(w), ...(w.ends.length ? [`ends ${w.ends.join(', ')}`] : []), ...(w.alsoCounts.length ? [`also ${w.alsoCounts.join(', ')}`] : [])];
    const [head = '', ...rest] = hanging(`  ${signed(w.gain, 'ascii').padStart(6)}  ${w.id.padEnd(idWidth)}  `, terminalText(notes.join('; ')), width, paint.dim);
    lines.push(head.replace(signed(w.gain, 'ascii'), paint.bold(signed(w.gain, 'ascii'))), ...rest);
  }
  if (report.watchList.length > WATCH_ROWS) lines.push(paint.dim(`  (${report.watchList.length - WATCH_ROWS} more in --format json, markdown or html)`));
  return lines;
}

function sensitivityLines(report: ScoreReport, paint: FormatOptions['paint'], width: number): string[] {
  const s = report.sensitivity;
  if (!s) return [];
  const [head = '', ...rest] = wrapText(`Sensitivity (${s.draws} draws, seed ${s.seed}): ${sensitivityHeadline(s)}`, width, 2);
  const lines = [`${paint.bold('Sensitivity')}${head.slice('Sensitivity'.length)}`, ...rest];
  lines.push(...wrapText(`  ranges: ${describeRanges(s.ranges)}`, width, 4));
  if (s.byAggregation.length > 1) {
    lines.push(...wrapText(`  by rule: ${s.byAggregation.map((r) => `${r.aggregation} median ${r.median.toFixed(2)} (${r.p5.toFixed(2)} to ${r.p95.toFixed(2)})`).join(' · ')}`, width, 4));
  }
  const loo = s.leaveOneOut.slice(0, 3).map((l) => `${l.id} ${signed(l.delta, 'ascii')}`);
  if (loo.length) lines.push(...wrapText(`  leave one out: ${loo.join(', ')}`, width, 4));
  if (s.sobol) {
    const top = [...s.sobol.indices].sort((a, b) => b.total - a.total).slice(0, 4);
    lines.push(...wrapText(`  Sobol (total): ${top.map((x) => `${ASSUMPTION_LABELS[x.id] ?? x.id} ${x.total.toFixed(2)} (${x.totalInterval[0].toFixed(2)} to ${x.totalInterval[1].toFixed(2)})`).join(' · ')}`, width, 4));
  }
  return lines;
}

/** Events named per reason; past this, a count (every one is in the JSON report). */
const EXCLUDED_NAMED = 6;

/** What was left out, by reason, naming the events. */
function excludedLines(report: ScoreReport, paint: FormatOptions['paint'], width: number): string[] {
  const groups = excludedByReason(report);
  if (groups.length === 0) return [];
  const lines = [`Excluded: ${report.excluded.length} event${report.excluded.length === 1 ? '' : 's'} recorded, not scored:`];
  for (const g of groups) {
    const named = g.ids.slice(0, EXCLUDED_NAMED).join(', ');
    const more = g.ids.length > EXCLUDED_NAMED ? ` +${g.ids.length - EXCLUDED_NAMED} more` : '';
    lines.push(...wrapText(`  ${g.count} × ${g.reason}: ${terminalText(named)}${more}`, width, 4));
    lines.push(...wrapText(`    ${terminalText(g.message)}`, width, 4).map((l) => paint.dim(l)));
  }
  return lines;
}
