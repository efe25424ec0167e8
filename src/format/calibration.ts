import type { AnchorCheck, BandsFit, SaturationFit, ValueInterval } from '../core/calibrate.js';
import type { Confidence } from '../core/report.js';
import { markdownText, safeUrl, terminalText } from './escape.js';
import type { Paint } from './paint.js';

/** What `coopscore calibrate` reports; `--format json` prints it as is. */
export interface CalibrationReport {
  calibrationVersion: 1;
  tool: { name: string; version: string };
  indicatorSet: { id: string; title: string; sha256: string };
  anchorsFile: string;
  /** The event paths scored (from the command line, else the anchors file's). */
  events: string[];
  saturation: number;
  bands: { id: string; min: number }[];
  anchors: AnchorCheck[];
  passed: boolean;
  fit?: SaturationFit | BandsFit;
}

const num = (x: number) => x.toFixed(2);
const value = (x: number) => String(Number(x.toFixed(3)));

export function describeInterval(v: ValueInterval): string {
  if (v.openLow && v.openHigh) return `any value searched (${value(v.low)} to ${value(v.high)})`;
  if (v.openLow) return `${value(v.high)} or less`;
  if (v.openHigh) return `${value(v.low)} or more`;
  return `${value(v.low)} to ${value(v.high)}`;
}

const confidenceText = (c: Confidence) =>
  `${c.level}${c.limitedBy.length ? ` (limited by ${c.limitedBy.join(', ')})` : ''}${c.bandStability === null ? '' : `, band stability ${Math.round(c.bandStability * 100)}%`}`;

/** The fit in sentences (shared by table and Markdown, which escape nothing here: it holds no file text but band ids). */
export function fitLines(report: CalibrationReport, text: (s: string) => string): string[] {
  const fit = report.fit;
  if (!fit) return [];
  if (fit.parameter === 'saturation') {
    const lines: string[] = [];
    const [lo, hi] = fit.searched;
    if (fit.intervals.length) {
      lines.push(
        `Every anchor holds for saturation ${fit.intervals.map(describeInterval).join(' or ')} (searched ${value(lo)} to ${value(hi)}); the set uses ${value(fit.current)}, ${fit.currentPasses ? 'inside' : 'outside'} it.`,
      );
    } else {
      const pairs = fit.conflicts.map(([i, j]) => `${text(report.anchors[i]!.asOf)} ${text(report.anchors[i]!.expected)} and ${text(report.anchors[j]!.asOf)} ${text(report.anchors[j]!.expected)}`);
      lines.push(
        `No saturation from ${value(lo)} to ${value(hi)} satisfies every anchor${pairs.length ? `; these cannot hold together: ${pairs.join('; ')}` : ' (each pair can hold, but not all at once)'}; the set uses ${value(fit.current)}.`,
      );
    }
    for (const a of fit.perAnchor) {
      lines.push(`  ${text(a.asOf)} ${text(a.expected)}: ${a.intervals.length ? a.intervals.map(describeInterval).join(' or ') : 'no value searched'}`);
    }
    return lines;
  }
  const lines = ['Band cut points that keep every band anchor, each with the others as they are:'];
  for (const cut of fit.cuts) {
    const bounds =
      cut.above === null && cut.atMost === null
        ? 'no anchor bounds it'
        : `above ${cut.above === null ? '0' : num(cut.above)} and at most ${cut.atMost === null ? '100' : num(cut.atMost)}`;
    const conflict = cut.conflict
      ? `; none fits: ${text(report.anchors[cut.conflict[0]]!.asOf)} (judged below ${text(cut.band)}) scores ${num(report.anchors[cut.conflict[0]]!.score)}, ${text(report.anchors[cut.conflict[1]]!.asOf)} (judged ${text(cut.band)} or above) scores ${num(report.anchors[cut.conflict[1]]!.score)}`
      : '';
    lines.push(`  ${text(cut.band)} starts at ${value(cut.current)} (${cut.currentPasses ? 'fits' : 'does not fit'}): ${bounds}${conflict}`);
  }
  if (fit.unaffected.length) lines.push(`  Anchors given as a score range do not depend on the cut points: ${fit.unaffected.map((k) => text(report.anchors[k]!.asOf)).join(', ')}.`);
  return lines;
}

const summaryLine = (report: CalibrationReport) => {
  const failed = report.anchors.filter((a) => !a.passed).length;
  return failed === 0 ? `All ${report.anchors.length} anchors hold.` : `${failed} of ${report.anchors.length} anchors fail.`;
};

export function formatCalibrationTable(report: CalibrationReport, paint: Paint): string {
  const t = terminalText;
  const out = [
    `${paint.bold('Calibration')} of ${t(report.indicatorSet.id)} (saturation ${value(report.saturation)}) against ${t(report.anchorsFile)}, events in ${report.events.map(t).join(', ')}`,
    '',
  ];
  const width = Math.max(8, ...report.anchors.map((a) => t(a.expected).length));
  const bandWidth = Math.max(4, ...report.anchors.map((a) => t(a.scoredBand).length));
  out.push(`  ${'as of'.padEnd(10)}  ${'expected'.padEnd(width)}  ${'score'.padStart(6)}  ${'band'.padEnd(bandWidth)}  result  confidence`);
  for (const a of report.anchors) {
    const result = a.passed ? paint.green('pass  ') : paint.red('FAIL  ');
    out.push(`  ${t(a.asOf).padEnd(10)}  ${t(a.expected).padEnd(width)}  ${num(a.score).padStart(6)}  ${t(a.scoredBand).padEnd(bandWidth)}  ${result}  ${confidenceText(a.confidence)}`);
    out.push(paint.dim(`      "${t(a.quote)}" (${t(a.source.title)}${a.source.where ? `, ${t(a.source.where)}` : ''}; ${t(report.anchorsFile)}:${a.line})`));
  }
  out.push('', summaryLine(report));
  const fit = fitLines(report, t);
  if (fit.length) out.push('', ...fit);
  return `${out.join('\n')}\n`;
}

export function formatCalibrationMarkdown(report: CalibrationReport): string {
  const m = markdownText;
  const out = [
    `# Calibration: ${m(report.indicatorSet.id)}`,
    '',
    `Saturation ${value(report.saturation)}; anchors ${m(report.anchorsFile)}; events ${report.events.map(m).join(', ')}. ${summaryLine(report)}`,
    '',
    '| As of | Expected | Score | Band | Result | Confidence | Judgement |',
    '|---|---|--:|---|---|---|---|',
  ];
  for (const a of report.anchors) {
    const url = safeUrl(a.source.url);
    const source = url ? `[${m(a.source.title)}](<${url.replace(/[<>]/g, encodeURIComponent)}>)` : m(a.source.title);
    out.push(
      `| ${m(a.asOf)} | ${m(a.expected)} | ${num(a.score)} | ${m(a.scoredBand)} | ${a.passed ? 'pass' : '**fail**'} | ${m(confidenceText(a.confidence))} | “${m(a.quote)}” (${source}${a.source.where ? `, ${m(a.source.where)}` : ''}) |`,
    );
  }
  const fit = fitLines(report, m);
  if (fit.length) out.push('', `## Fit: ${report.fit!.parameter}`, '', ...fit.map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : l)));
  return `${out.join('\n')}\n`;
}
