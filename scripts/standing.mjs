// The inputs of the README's "Where cooperation stands" block, made the way the CLI makes them:
// the bundled seeds scored as of their newest event and as of the article's date (2024-01-31),
// and the quarterly trend drawn on the fixed 0-100 scale. Used by update-readme.js and its test.
import { diffReports } from '../dist/core/diff.js';
import { trendEvents } from '../dist/core/trend.js';
import { formatTrendSvg } from '../dist/format/trend-svg.js';
import { standingSection } from '../dist/format/readme.js';
import { loadEventFiles, loadIndicatorSet, scoreEvents } from '../dist/index.js';

export const ARTICLE_DATE = '2024-01-31';
export const CHART = 'docs/standing.svg';

export async function standing(root) {
  const { set } = await loadIndicatorSet(undefined, root);
  const { events, problems } = await loadEventFiles(['seeds'], set, { cwd: root });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(errors.map((p) => `${p.file}:${p.line}:${p.column} ${p.code} ${p.message}`).join('\n'));
  const now = scoreEvents(events, set);
  const then = scoreEvents(events, set, { asOf: ARTICLE_DATE });
  const trend = trendEvents(events, set, { every: 'quarter', tool: now.tool });
  return { section: standingSection(now, diffReports(then, now), CHART), svg: formatTrendSvg(trend) };
}
