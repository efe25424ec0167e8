import type { ScoreReport } from '../core/report.js';
import { describeRanges, describeWatchEvent } from '../core/explain.js';
import { bandLabel, excludedByReason, headline, reasonWithoutHead, sensitivityHeadline, signed } from './summary.js';

/** Text inside a Markdown table cell: pipes escaped, line breaks folded. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A briefing an analyst can paste into a report or pull request. */
export function formatMarkdown(report: ScoreReport): string {
  const out: string[] = [];
  out.push(`# ${report.indicatorSet.title}: ${report.subject}`, '');
  out.push(`**Score ${headline(report)}**`, '');
  out.push('| Indicator | Weight | Score | Band | Contribution | Why |', '|---|---:|---:|---|---:|---|');
  for (const ind of report.indicators) {
    const band = bandLabel(ind);
    const flags = ind.flags.length ? ` _(${ind.flags.join(', ')})_` : '';
    out.push(`| ${cell(ind.title)} | ${ind.weight} | ${ind.score.toFixed(2)} | ${band} | ${ind.contribution.toFixed(2)} | ${cell(reasonWithoutHead(ind.reasoning))}${flags} |`);
  }
  out.push('', report.reasoning, '');
  out.push(...watchSection(report), ...sensitivitySection(report));
  out.push('## Evidence', '');
  for (const ind of report.indicators) {
    out.push(`### ${ind.title} (${ind.score.toFixed(2)})`, '', ind.reasoning, '');
    if (ind.evidence.length === 0) continue;
    out.push('| Event | Date | Status | Value | Where |', '|---|---|---|---:|---|');
    for (const e of ind.evidence) {
      const who = e.role === 'counterpart' ? ` (counterpart ${e.actor})` : '';
      const ended = e.endedBy ? `, ended by ${e.endedBy.eventId}` : e.inEffect ? ', in effect' : '';
      out.push(`| \`${e.eventId}\`${who} | ${e.date} | ${e.status}${ended} | ${e.value.toFixed(4)} | ${cell(`${e.file}:${e.line}`)} |`);
    }
    out.push('');
  }
  if (report.excluded.length) {
    out.push('## Excluded events', '');
    for (const g of excludedByReason(report)) {
      out.push(`- **${g.reason}** (${g.count}): ${g.message} ${g.ids.map((id) => `\`${id}\``).join(', ')}`);
    }
    out.push('');
  }
  if (report.warnings.length) {
    out.push('## Warnings', '');
    for (const w of report.warnings) out.push(`- ${cell(`${w.file}:${w.line}:${w.column}`)} ${w.code}: ${w.message}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function watchSection(report: ScoreReport): string[] {
  if (report.watchList.length === 0) return [];
  const out = ['## Watch list', '', `What one more enforced, A1-graded action dated ${report.asOf} would add to the composite, found by scoring again with it:`, ''];
  out.push('| # | Indicator | Action assumed | Gain | Composite | Points available | Also |', '|---:|---|---|---:|---:|---:|---|');
  report.watchList.forEach((w, i) => {
    const also = [...(w.ends.length ? [`ends ${w.ends.map((id) => `\`${id}\``).join(', ')}`] : []), ...(w.alsoCounts.length ? [`counts for ${w.alsoCounts.join(', ')}`] : [])];
    out.push(`| ${i + 1} | ${cell(w.title)} | ${cell(describeWatchEvent(w))} | ${signed(w.gain)} | ${w.score.toFixed(2)} | ${w.pointsAvailable.toFixed(2)} | ${cell(also.join('; '))} |`);
  });
  out.push('');
  return out;
}

function sensitivitySection(report: ScoreReport): string[] {
  const s = report.sensitivity;
  if (!s) return [];
  const out = ['## Sensitivity', '', `${s.draws} draws, seed ${s.seed}: ${sensitivityHeadline(s)}. Ranges: ${describeRanges(s.ranges)}.`, ''];
  out.push('| Draws | n | Median | 5% | 95% |', '|---|---:|---:|---:|---:|');
  out.push(`| all | ${s.draws} | ${s.median.toFixed(2)} | ${s.p5.toFixed(2)} | ${s.p95.toFixed(2)} |`);
  for (const r of s.byAggregation) out.push(`| ${r.aggregation} | ${r.draws} | ${r.median.toFixed(2)} | ${r.p5.toFixed(2)} | ${r.p95.toFixed(2)} |`);
  out.push('', `Bands: ${s.bands.map((b) => `${b.band} ${(b.share * 100).toFixed(1)}%`).join(', ')}.`, '');
  if (s.leaveOneOut.length) {
    out.push('| Left out | Composite | Change |', '|---|---:|---:|');
    for (const l of s.leaveOneOut) out.push(`| ${l.id} | ${l.score.toFixed(2)} | ${signed(l.delta)} |`);
    out.push('');
  }
  out.push(s.reasoning, '');
  return out;
}
