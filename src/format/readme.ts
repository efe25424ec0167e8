import { signed } from '../core/messages.js';
import type { ReportDiff } from '../core/diff.js';
import type { ScoreReport } from '../core/report.js';
import type { IndicatorSet } from '../core/types.js';
import { markdownText } from './escape.js';
import { formatIndicatorTable } from './indicators.js';

/**
 * The README's indicator table is generated from the default set, between two marker comments, so
 * the documentation cannot drift from the data: `npm run docs` rewrites it and a test fails when
 * they differ.
 */
export const README_START = '<!-- indicators:start: generated from the indicator set by `npm run docs`; do not edit by hand -->';
export const README_END = '<!-- indicators:end -->';

/** The README with its generated block brought up to date; throws when the markers are missing. */
export function syncReadme(readme: string, set: IndicatorSet): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${README_START} and ${README_END}`);
  return `${readme.slice(0, start + README_START.length)}\n${formatIndicatorTable(set)}${readme.slice(end)}`;
}

export const STANDING_START = '<!-- standing:start: generated from seeds/ by `npm run docs`; do not edit by hand -->';
export const STANDING_END = '<!-- standing:end -->';


/**
 * "Where cooperation stands": the bundled record scored as of its newest event, the chart over
 * time (an SVG committed beside the README), and the three indicators that moved most since the
 * article's own scoring date, each with the events behind the move. Made from the reports alone.
 * Called by scripts/standing.mjs through the build (dist/), which knip does not trace.
 *
 * @public
 */
export function standingSection(now: ScoreReport, since: ReportDiff, chart: string): string {
  const c = now.confidence;
  const confidence = `${c.level}${c.limitedBy.length ? ` (limited by ${c.limitedBy.join(', ')})` : ''}`;
  const lines = [
    `As of **${now.asOf}** (the newest event in \`seeds/\`), the bundled record scores **${now.score.toFixed(2)} of 100, ${now.band}**, coverage ${Math.round(now.coverage * 100)}%, confidence ${confidence}${c.bandStability === null ? '' : `, band stability ${Math.round(c.bandStability * 100)}%`}. Since ${since.base.asOf}, the article's own date, the composite moved ${signed(since.composite.delta, 'typographic')} (${since.composite.base.toFixed(2)} → ${since.composite.head.toFixed(2)}).`,
    '',
    `![The composite and each indicator by quarter, 0–100](${chart})`,
    '',
    'The three largest movements since then:',
    '',
  ];
  const moved = [...since.indicators].filter((i) => i.delta !== 0).sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || (a.id < b.id ? -1 : 1)).slice(0, 3);
  for (const i of moved) {
    const events = i.events.filter((e) => e.change !== 'aged').slice(0, 3).map((e) => `\`${e.eventId}\` (${e.change})`);
    const why = events.length ? `, moved by ${events.join(', ')}` : i.events.length ? ', by age alone: its evidence decayed' : '';
    lines.push(`- **${markdownText(i.title)}** \`${i.id}\`: ${(i.base ?? 0).toFixed(2)} → ${(i.head ?? 0).toFixed(2)} (${signed(i.delta, 'typographic')})${why}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** The README with its "Where cooperation stands" block brought up to date; throws when the markers are missing. */
export function syncStanding(readme: string, section: string): string {
  const start = readme.indexOf(STANDING_START);
  const end = readme.indexOf(STANDING_END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${STANDING_START} and ${STANDING_END}`);
  return `${readme.slice(0, start + STANDING_START.length)}\n${section}${readme.slice(end)}`;
}
