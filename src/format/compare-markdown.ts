import type { CompareReport } from '../core/compare.js';
import { markdownText } from './escape.js';
import { evidenceText, intervalText, rankText, THIN_WORDS } from './compare-text.js';

/** A comparison as GitHub-flavoured Markdown: the ranking, then the heat table (scores per indicator). */
export function formatCompareMarkdown(report: CompareReport): string {
  const out: string[] = [];
  out.push(`## ${markdownText(report.indicatorSet.title)}: ${report.subjects.length} subjects compared`, '');
  out.push(`Scored as of ${report.asOf}${report.since ? ` since ${report.since}` : ''}; intervals from ${report.draws} sensitivity draws (seed ${report.seed}). Scores are out of 100.`, '');
  out.push('| Rank | Subject | Score | 5–95% | Band | Median rank (5–95%) | Evidence | Note |', '|---:|---|---:|---:|---|---|---|---|');
  for (const r of report.subjects) {
    const note = r.thin.length ? `⚠ thin evidence: ${r.thin.map((t) => THIN_WORDS[t]).join(', ')}` : '';
    out.push(`| ${r.rank} | ${markdownText(r.name)} (${markdownText(r.subject)}) | ${r.score.toFixed(2)} | ${intervalText(r)} | ${markdownText(r.band)} | ${rankText(r)} | ${evidenceText(r)} | ${note} |`);
  }
  out.push('', '### Scores by indicator', '');
  out.push(`| Indicator | Weight | ${report.subjects.map((r) => markdownText(r.subject)).join(' | ')} |`);
  out.push(`|---|---:|${report.subjects.map(() => '---:').join('|')}|`);
  report.indicators.forEach((ind, k) => {
    const cells = report.subjects.map((r) => (r.indicators[k]!.status === 'no-evidence' ? '–' : r.indicators[k]!.score.toFixed(1)));
    out.push(`| ${markdownText(ind.title)} | ${ind.weight} | ${cells.join(' | ')} |`);
  });
  out.push('', `– no evidence. Thin evidence: fewer than ${report.thinEvidence.minEvents} counted events, mean grade below ${report.thinEvidence.minGrade}, or coverage below ${report.thinEvidence.minCoverage}.`, '');
  out.push(markdownText(report.reasoning), '');
  return out.join('\n');
}
