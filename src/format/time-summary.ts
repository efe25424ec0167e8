import type { Movement, ReportDiff } from '../core/diff.js';
import { signed } from '../core/messages.js';
import type { Alert } from '../core/report.js';
import type { TrendPeriod, TrendReport } from '../core/trend.js';

/** Shared wording for trend and diff output, so every format says the same thing the same way. */

const EVERY_WORD: Record<TrendReport['every'], string> = { month: 'monthly', quarter: 'quarterly', year: 'yearly' };

export function trendHeadline(report: TrendReport): string {
  const { summary } = report;
  return `${EVERY_WORD[report.every]} from ${report.since} to ${report.until}: ${summary.first.toFixed(2)} → ${summary.last.toFixed(2)} (${signed(summary.change, 'typographic')}), low ${summary.min.score.toFixed(2)} in ${summary.min.label}, high ${summary.max.score.toFixed(2)} in ${summary.max.label}, ${summary.alerts} alert${summary.alerts === 1 ? '' : 's'}`;
}


export const ARROWS: Record<Movement, string> = { improvement: '▲', neutral: ' ', regression: '▼' };

/** "▲ +3.44" for a rise past the threshold, "  −0.19" for a small move, "" for the first period. */
export function changeText(period: Pick<TrendPeriod, 'change' | 'movement'>): string {
  if (period.change === null || period.movement === null) return '';
  return `${ARROWS[period.movement]} ${signed(period.change, 'typographic')}`;
}

export function alertLine(alert: Alert): string {
  return `${alert.code}: ${alert.message}`;
}

/** Each indicator's series over the periods, in the set's order. */
export function indicatorSeries(report: TrendReport): { id: string; title: string; weight: number; values: number[] }[] {
  return report.indicators.map((ind) => ({
    ...ind,
    values: report.periods.map((p) => p.indicators.find((i) => i.id === ind.id)?.score ?? 0),
  }));
}

/** Text wrapped to `width` columns at spaces (a word longer than the width stays whole). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** "2023-06-30 → 2024-01-31: 0.62 → 6.74 (+6.12, improvement)". */
export function diffHeadline(diff: ReportDiff): string {
  const { composite } = diff;
  return `${diff.base.asOf} → ${diff.head.asOf}: composite ${composite.base.toFixed(2)} → ${composite.head.toFixed(2)} (${signed(composite.delta, 'typographic')}, ${composite.movement}; threshold ${diff.threshold})`;
}
