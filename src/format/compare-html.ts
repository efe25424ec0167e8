import type { CompareReport } from '../core/compare.js';
import { formatCompareSvg } from './compare-svg.js';
import { htmlPageStart, xmlText } from './escape.js';
import { evidenceText, intervalText, rankText, THIN_WORDS } from './compare-text.js';

const h = xmlText;

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2933; background: #fff; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid #d9e2ec; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.none { color: #7b8794; }
.figure { overflow-x: auto; }
.note { color: #52606d; }
@media (prefers-color-scheme: dark) { body { background: #111418; color: #e4e7eb; } th, td { border-color: #323f4b; } .figure { background: #fff; } }
@media (max-width: 40rem) { table { display: block; overflow-x: auto; } }
`;

/**
 * A comparison as one self-contained HTML page, like the score report: nothing loaded from
 * anywhere (the Content-Security-Policy says so), no script, the picture inline as SVG, every text
 * from a file escaped. The ranking table, the picture, then the scores per indicator.
 */
export function formatCompareHtml(report: CompareReport): string {
  const title = `${report.indicatorSet.title}: ${report.subjects.length} subjects compared`;
  const rows = report.subjects.map((r) => {
    const note = r.thin.length ? `⚠ thin evidence: ${r.thin.map((t) => THIN_WORDS[t]).join(', ')}` : '';
    return `<tr><td class="n">${r.rank}</td><th scope="row">${h(r.name)} (${h(r.subject)})</th><td class="n">${r.score.toFixed(2)}</td><td class="n">${h(intervalText(r))}</td><td>${h(r.band)}</td><td>${h(rankText(r))}</td><td>${h(evidenceText(r))}</td><td>${h(note)}</td></tr>`;
  });
  const heat = report.indicators.map((ind, k) => {
    const cells = report.subjects.map((r) => {
      const cell = r.indicators[k]!;
      if (cell.status === 'no-evidence') return '<td class="n none">–</td>';
      // The cell's shade follows its score (0-100): darker is higher.
      return `<td class="n" style="background: hsl(210 70% ${Math.round(96 - cell.score * 0.45)}%)${cell.score > 60 ? '; color: #fff' : ''}">${cell.score.toFixed(1)}</td>`;
    });
    return `<tr><th scope="row">${h(ind.title)}</th><td class="n">${ind.weight}</td>${cells.join('')}</tr>`;
  });
  return `${htmlPageStart(title, STYLE)}<h1>${h(title)}</h1>
<p class="note">Scored as of ${h(report.asOf)}${report.since ? ` since ${h(report.since)}` : ''}; intervals from ${report.draws} sensitivity draws (seed ${report.seed}). Scores are out of 100; ranks share ties.</p>
<table><thead><tr><th>Rank</th><th>Subject</th><th>Score</th><th>5–95%</th><th>Band</th><th>Median rank (5–95%)</th><th>Evidence</th><th>Note</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<div class="figure">${formatCompareSvg(report).replace(/^<\?xml[^>]*>\s*/, '')}</div>
<h2>Scores by indicator</h2>
<table><thead><tr><th>Indicator</th><th>Weight</th>${report.subjects.map((r) => `<th>${h(r.subject)}</th>`).join('')}</tr></thead>
<tbody>${heat.join('\n')}</tbody></table>
<p class="note">– no evidence. Thin evidence: fewer than ${report.thinEvidence.minEvents} counted events, mean grade below ${report.thinEvidence.minGrade}, or coverage below ${report.thinEvidence.minCoverage}.</p>
<p>${h(report.reasoning)}</p>
<footer class="note">${h(report.tool.name)} ${h(report.tool.version)} · indicator set <code>${h(report.indicatorSet.id)}</code></footer>
</body>
</html>
`;
}
