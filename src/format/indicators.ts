import { clauseValues } from '../core/match.js';
import type { Indicator, IndicatorSet, MatchClause } from '../core/types.js';
import { cell } from './markdown.js';
import type { Paint } from './paint.js';

/** "arrest, prosecution tagged us-intel-lead" — one match clause in words. */
export function describeClause(clause: MatchClause): string {
  const parts = [clauseValues(clause, 'kind').join(', ') || 'any kind'];
  const actor = clauseValues(clause, 'actor');
  const status = clauseValues(clause, 'status');
  const substances = clauseValues(clause, 'substances');
  const tags = clauseValues(clause, 'tags');
  if (actor.length) parts.unshift(`${actor.join('/')}`);
  if (status.length) parts.push(`(${status.join(', ')})`);
  if (substances.length) parts.push(`of ${substances.join(', ')}`);
  if (tags.length) parts.push(`tagged ${tags.join(', ')}`);
  return parts.join(' ');
}

export function describeMatch(indicator: Indicator): string {
  return indicator.match.map(describeClause).join('; ');
}

const share = (set: IndicatorSet, weight: number) => {
  const total = set.indicators.reduce((s, i) => s + i.weight, 0);
  return total > 0 ? `${Math.round((weight / total) * 1000) / 10}%` : '0%';
};

export function formatIndicatorsText(set: IndicatorSet, indicators: readonly Indicator[], paint: Paint): string {
  const out: string[] = [];
  out.push(`${paint.bold(set.title)} (${set.id}), subject ${set.subject}${set.counterpart ? `, counterpart ${set.counterpart}` : ''}`);
  const src = set.source;
  out.push(`Source: ${[src.title, src.author, src.publisher, src.published].filter(Boolean).join(', ')}${src.url ? ` <${src.url}>` : ''}`);
  const m = set.method;
  out.push(
    `Method: ${m.aggregation} mean; half-life ${m.halfLifeDays} days; saturation ${m.saturation}; talk capped at ${m.commitmentCap}; missing evidence ${m.missing === 'zero' ? 'scores 0' : 'renormalises the weights'}`,
    '',
  );
  for (const ind of indicators) {
    out.push(`${paint.bold(ind.id)}  weight ${ind.weight} (${share(set, ind.weight)})  ${ind.title}`);
    out.push(`  counts:   ${describeMatch(ind)}`);
    if (ind.compareTo) out.push(`  relative: to ${describeClause({ actor: set.counterpart, ...ind.compareTo })}`);
    out.push(`  why:      ${ind.rationale}`);
    if (ind.citation) out.push(`  source:   ${paint.dim(ind.citation)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function formatIndicatorsMarkdown(set: IndicatorSet, indicators: readonly Indicator[]): string {
  const out = ['| Indicator | Weight | Counts | Why |', '|---|---:|---|---|'];
  for (const ind of indicators) {
    const relative = ind.compareTo ? `; relative to ${describeClause({ actor: set.counterpart, ...ind.compareTo })}` : '';
    out.push(`| \`${ind.id}\` ${cell(ind.title)} | ${ind.weight} | ${cell(describeMatch(ind) + relative)} | ${cell(ind.rationale)} |`);
  }
  return `${out.join('\n')}\n`;
}
