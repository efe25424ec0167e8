import type { CompareReport, CompareRow } from '../core/compare.js';
import { terminalText } from './escape.js';
import type { FormatOptions } from './options.js';
import { wrap } from './time-summary.js';

/** Words for the thin-evidence reasons, shared by every compare format. */
export const THIN_WORDS: Record<CompareRow['thin'][number], string> = {
  'few-events': 'few events',
  'low-grade': 'low mean grade',
  'low-coverage': 'low coverage',
};

export const rankText = (r: CompareRow) =>
  r.rankInterval.p5 === r.rankInterval.p95 ? `${r.rankInterval.median}` : `${r.rankInterval.median} (${r.rankInterval.p5}–${r.rankInterval.p95})`;
export const intervalText = (r: CompareRow) => `${r.interval.p5.toFixed(1)}–${r.interval.p95.toFixed(1)}`;
export const evidenceText = (r: CompareRow) => `${r.evidence.events} ev, grade ${r.evidence.meanGrade.toFixed(2)}`;

/** Shades for the heat table on a terminal: each cell shows its score and a block as dark as the score is high. */
const SHADES = [' ', '░', '▒', '▓', '█'];
const shade = (score: number) => SHADES[Math.min(SHADES.length - 1, Math.floor(score / 20))]!;

/**
 * The terminal view of a comparison: the ranking (score, its 5–95% interval, median rank and rank
 * interval, evidence beside it, ⚠ where it is thin), then the indicators as a heat table with one
 * column per subject, in as many blocks of columns as the width needs.
 */
export function formatCompareTable(report: CompareReport, { paint, width }: FormatOptions): string {
  const out: string[] = [];
  const name = (r: CompareRow) => terminalText(r.name === r.subject ? r.subject : `${r.name} (${r.subject})`);
  const lineWidth = Math.max(40, width);
  out.push(...wrap(terminalText(report.indicatorSet.title), lineWidth).map((l) => paint.bold(l)));
  out.push(...wrap(`${report.subjects.length} subjects scored as of ${report.asOf}${report.since ? ` since ${report.since}` : ''}; intervals from ${report.draws} sensitivity draws (seed ${report.seed})`, lineWidth), '');

  const head = ['#', 'Subject', 'Score', '5–95%', 'Band', 'Rank (5–95%)', 'Evidence'];
  const rows = report.subjects.map((r) => [String(r.rank), name(r), r.score.toFixed(2), intervalText(r), r.band, rankText(r), evidenceText(r)]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const right = new Set([0, 2, 3]);
  const line = (cells: string[]) => cells.map((cell, c) => (right.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  out.push(paint.bold(line(head)));
  report.subjects.forEach((r, i) => {
    const text = line(rows[i]!);
    if (r.thin.length === 0) return void out.push(text);
    const note = `⚠ thin: ${r.thin.map((t) => THIN_WORDS[t]).join(', ')}`;
    // The note beside the row when it fits, else on its own line under it.
    if (text.length + 1 + note.length <= width) out.push(`${text} ${paint.yellow(note)}`);
    else out.push(text, `${' '.repeat(widths[0]! + 2)}${paint.yellow(note)}`);
  });

  // Heat table: indicators down, subjects across, as many subject columns per block as fit.
  const idWidth = Math.min(Math.max(...report.indicators.map((i) => i.id.length), 9), Math.max(12, width - 12));
  const cell = 8;
  const perBlock = Math.max(1, Math.floor((width - idWidth - 2) / cell));
  for (let start = 0; start < report.subjects.length; start += perBlock) {
    const block = report.subjects.slice(start, start + perBlock);
    out.push('', paint.bold(`${'Indicator'.padEnd(idWidth)}  ${block.map((r) => r.subject.slice(0, cell - 1).padStart(4).padEnd(cell - 1)).join(' ')}`.trimEnd()));
    report.indicators.forEach((ind, k) => {
      const id = ind.id.length > idWidth ? `${ind.id.slice(0, idWidth - 1)}…` : ind.id.padEnd(idWidth);
      const cells = block.map((r) => {
        const s = r.indicators[k]!;
        return s.status === 'no-evidence' ? '   –   ' : `${s.score.toFixed(0).padStart(4)} ${shade(s.score).repeat(2)}`;
      });
      out.push(`${terminalText(id)}  ${cells.join(' ')}`.trimEnd());
    });
  }
  const legend = [
    'Scores out of 100. 5–95%: the composite across the draws; Rank: median rank, with its 5–95% interval when it moves.',
    `Evidence: the subject's counted events (ev) and their mean grade; ⚠ thin below ${report.thinEvidence.minEvents} events, grade ${report.thinEvidence.minGrade} or coverage ${report.thinEvidence.minCoverage}. – no evidence.`,
  ];
  out.push('', ...legend.flatMap((l) => wrap(l, lineWidth).map((w) => paint.dim(w))));
  out.push('', ...wrap(terminalText(report.reasoning), lineWidth));
  return `${out.join('\n')}\n`;
}
