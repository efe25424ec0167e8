import type { TrendReport } from '../core/trend.js';
import { cell } from './markdown.js';
import { sparkline } from './text-charts.js';
import { changeText, indicatorSeries, trendHeadline } from './time-summary.js';

/** A trend for a briefing or a pull request: the periods, the indicators as sparklines, every alert with its events. */
export function formatTrendMarkdown(report: TrendReport): string {
  const out: string[] = [];
  out.push(`# ${report.indicatorSet.title}: ${report.subject}, trend`, '');
  out.push(`**${trendHeadline(report)}**`, '');
  out.push('| Period | As of | Score | Change | Band | New evidence | Alerts |', '|---|---|---:|---:|---|---|---|');
  for (const p of report.periods) {
    const alerts = p.alerts.map((a) => `**${a.code}**`).join(', ');
    const events = p.events.map((id) => `\`${id}\``).join(', ');
    out.push(`| ${p.label} | ${p.asOf}${p.partial ? ' (partial)' : ''} | ${p.score.toFixed(2)} | ${changeText(p).trim()} | ${p.band} | ${events} | ${alerts} |`);
  }
  out.push('', '## Indicators', '', '| Indicator | Weight | Trend | First | Last | High |', '|---|---:|---|---:|---:|---:|');
  for (const s of indicatorSeries(report)) {
    out.push(`| ${cell(s.title)} | ${s.weight} | \`${sparkline(s.values)}\` | ${s.values[0]!.toFixed(2)} | ${s.values[s.values.length - 1]!.toFixed(2)} | ${Math.max(...s.values).toFixed(2)} |`);
  }
  const alerting = report.periods.filter((p) => p.alerts.length);
  if (alerting.length) {
    out.push('', '## Alerts', '');
    for (const p of alerting) {
      for (const a of p.alerts) {
        const where = a.events.map((e) => `\`${e.eventId}\` (${cell(`${e.file}:${e.line}`)})`).join(', ');
        out.push(`- **${p.label} ${a.code}**: ${cell(a.message)}${where ? `. Events: ${where}` : ''}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}
