import { signed } from '../core/messages.js';
import type { ReportDiff } from '../core/diff.js';
import { markdownCode as code, markdownText as cell } from './escape.js';
import { ARROWS, diffHeadline } from './time-summary.js';

/** A pull-request comment: the headline, a row per indicator, each indicator's events folded away. */
export function formatDiffMarkdown(diff: ReportDiff): string {
  const out: string[] = [`### ${cell(diff.indicatorSet.title)}: ${cell(diff.subject)}`, '', `**${cell(diffHeadline(diff))}**`, ''];
  if (!diff.sameSet) out.push('> The indicator set changed between the reports (different sha256): deltas mix new evidence with a new method.', '');
  out.push('| Indicator | Base | Head | Change | Movement |', '|---|---:|---:|---:|---|');
  for (const ind of diff.indicators) {
    const score = (v: number | null) => (v === null ? '—' : v.toFixed(2));
    out.push(`| ${cell(ind.title)} | ${score(ind.base)} | ${score(ind.head)} | ${`${ARROWS[ind.movement]} ${signed(ind.delta, 'typographic')}`.trim()} | ${cell(ind.movement)} |`);
  }
  const moved = diff.indicators.filter((i) => i.events.length);
  for (const ind of moved) {
    out.push('', `<details><summary>${cell(ind.id)}: ${cell(ind.summary)}</summary>`, '');
    out.push('| Event | Change | Base | Head | Δ value | Where |', '|---|---|---:|---:|---:|---|');
    for (const e of ind.events) {
      const v = (x: number | null) => (x === null ? '—' : x.toFixed(4));
      const by = e.endedBy ? ` by ${code(e.endedBy.eventId)}` : '';
      const who = e.role === 'counterpart' ? " (the counterpart's own action: the bar, not cooperation)" : '';
      out.push(`| ${code(e.eventId)}${who} | ${cell(e.change)}${by} | ${v(e.base)} | ${v(e.head)} | ${signed(e.delta, 'typographic', 4)} | ${cell(`${e.file}:${e.line}`)} |`);
    }
    out.push('', '</details>');
  }
  if (diff.alerts.raised.length || diff.alerts.cleared.length) {
    out.push('', '#### Alerts', '');
    for (const a of diff.alerts.raised) out.push(`- raised **${cell(a.code)}**: ${cell(a.message)}`);
    for (const a of diff.alerts.cleared) out.push(`- cleared **${cell(a.code)}**: ${cell(a.message)}`);
  }
  for (const f of diff.verdict.failures) out.push('', `**✖ ${cell(f.message)}**`);
  return `${out.join('\n')}\n`;
}
