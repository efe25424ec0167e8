import type { ScoreReport } from '../core/report.js';
import { excludedByReason, headline, reasonWithoutHead } from './summary.js';

/** Text inside a Markdown table cell: pipes escaped, line breaks folded. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A briefing an analyst can paste into a report or pull request. */
export function formatMarkdown(report: ScoreReport): string {
  const out: string[] = [];
  out.push(`# ${report.indicatorSet.title}: ${report.subject}`, '');
  out.push(`**Score ${headline(report)}**`, '');
  for (const a of report.alerts) out.push(`> ⚠ **${a.code}**: ${a.message}`, '');
  out.push('| Indicator | Weight | Score | Band | Contribution | Why |', '|---|---:|---:|---|---:|---|');
  for (const ind of report.indicators) {
    const band = ind.status === 'no-evidence' ? 'no evidence' : ind.band;
    const flags = ind.flags.length ? ` _(${ind.flags.join(', ')})_` : '';
    out.push(`| ${cell(ind.title)} | ${ind.weight} | ${ind.score.toFixed(2)} | ${band} | ${ind.contribution.toFixed(2)} | ${cell(reasonWithoutHead(ind.reasoning))}${flags} |`);
  }
  out.push('', '## Evidence', '');
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
