import type { IndicatorSet } from '../core/types.js';
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
