import { clauseValues } from '../core/match.js';
import { describeRanges } from '../core/explain-sensitivity.js';
import { resolveRanges } from '../core/sensitivity.js';
import type { Indicator, IndicatorSet, MatchClause } from '../core/types.js';
import { markdownCode as code, markdownText as cell, safeUrl, terminalText as t } from './escape.js';
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
  // A set file is input like any other: every text from it is written with control characters visible.
  out.push(`${paint.bold(t(set.title))} (${t(set.id)}), subject ${set.subject ? t(set.subject) : 'any (named per run)'}${set.counterpart ? `, counterpart ${t(set.counterpart)}` : ''}`);
  const src = set.source;
  out.push(t(`Source: ${[src.title, src.author, src.publisher, src.published].filter(Boolean).join(', ')}${src.url ? ` <${src.url}>` : ''}`));
  const m = set.method;
  out.push(
    `Method: ${m.aggregation} mean; half-life ${m.halfLifeDays} days; saturation ${m.saturation}; talk capped at ${m.talkCap} points; missing evidence ${m.missing === 'zero' ? 'scores 0' : 'renormalises the weights'}`,
    '',
  );
  for (const ind of indicators) {
    const weight = ind.weight === 0 ? 'weight 0 (shown, not scored)' : `weight ${ind.weight} (${share(set, ind.weight)})`;
    out.push(`${paint.bold(t(ind.id))}  ${weight}  ${t(ind.title)}`);
    out.push(`  counts:   ${t(describeMatch(ind))}`);
    if (ind.compareTo) out.push(`  relative: to ${t(describeClause({ actor: set.counterpart, ...ind.compareTo }))}`);
    out.push(`  why:      ${t(ind.rationale)}`);
    if (ind.citation) out.push(`  source:   ${paint.dim(t(ind.citation))}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The indicator table: the part of the documentation the README embeds. */
export function formatIndicatorTable(set: IndicatorSet, indicators: readonly Indicator[] = set.indicators): string {
  const out = ['| Indicator | Weight | Counts | Why |', '|---|---:|---|---|'];
  for (const ind of indicators) {
    const relative = ind.compareTo ? `; relative to ${describeClause({ actor: set.counterpart, ...ind.compareTo })}` : '';
    const weight = ind.weight === 0 ? '0 (not scored)' : `${ind.weight} (${share(set, ind.weight)})`;
    out.push(`| ${code(ind.id)} ${cell(ind.title)} | ${weight} | ${cell(describeMatch(ind) + relative)} | ${cell(ind.rationale)} |`);
  }
  return `${out.join('\n')}\n`;
}

function indicatorSection(set: IndicatorSet, ind: Indicator): string[] {
  const out = [`### ${cell(ind.title)} (${code(ind.id)})`, ''];
  out.push(ind.weight === 0 ? 'Weight 0: shown, not scored.' : `Weight ${ind.weight} (${share(set, ind.weight)} of the composite).`, '', cell(ind.rationale), '');
  out.push(`- Counts: ${cell(describeMatch(ind))}`);
  if (ind.compareTo) out.push(`- Relative to: ${cell(describeClause({ actor: set.counterpart, ...ind.compareTo }))}`);
  if (ind.halfLifeDays !== undefined) out.push(`- Half-life: ${ind.halfLifeDays} days (the set's is ${set.method.halfLifeDays})`);
  if (ind.saturation !== undefined) out.push(`- Saturation: ${ind.saturation} (the set's is ${set.method.saturation})`);
  if (ind.citation) out.push(`- Source: ${cell(ind.citation)}`);
  out.push('');
  return out;
}

const list = (record: Record<string, number>) => Object.entries(record).map(([k, v]) => `${k} ${v}`).join(', ');

function methodSection(set: IndicatorSet): string[] {
  const m = set.method;
  const bands = [...m.bands].sort((a, b) => a.min - b.min).map((b) => `${b.id} from ${b.min}`).join(', ');
  const out = ['## Method', ''];
  out.push('- Value of an event: stage(status) × (1 + log2(magnitude)) × reliability × credibility × decay(age).');
  out.push(`- Stages: ${list(m.stages)}.`);
  out.push(`- Source grades: reliability ${list(m.reliability)}; credibility ${list(m.credibility)}; an ungraded source counts as ${m.defaultGrade.reliability}${m.defaultGrade.credibility}.`);
  out.push(`- Decay: flows halve every ${m.halfLifeDays} days; laws in force every ${m.booksHalfLifeDays} days from their newest solid enforcement; a solid reversal holds until a solid act ends it.`);
  out.push(`- Solid evidence: graded at least ${m.solidGrade}; only it changes the state of other evidence.`);
  out.push(`- Caps (score points): uncorroborated evidence ${m.uncorroboratedCap}, talk ${m.talkCap}, laws ${m.booksCap}; magnitude counted up to ${m.magnitudeCap}.`);
  out.push(`- Promises come due after ${m.pledgeHorizonDays} days unless dated; a lapsed one counts −${m.lapsePenalty} × its grade.`);
  out.push(`- Indicator score: 100 × (1 − e^(−net / ${m.saturation})).`);
  out.push(
    `- Composite: weighted ${m.aggregation} mean; indicators without evidence ${m.missing === 'zero' ? 'count as 0' : 'are left out and the other weights renormalised'}.`,
  );
  out.push(`- Bands: ${bands}.`);
  out.push(
    `- Confidence: high when coverage ≥ ${m.confidence.high.coverage}, mean grade ≥ ${m.confidence.high.grade} and band stability ≥ ${m.confidence.high.bandStability}; moderate when coverage ≥ ${m.confidence.moderate.coverage}, mean grade ≥ ${m.confidence.moderate.grade} and band stability ≥ ${m.confidence.moderate.bandStability}; else low (band stability from ${m.confidence.draws} sensitivity draws).`,
  );
  const ranges = resolveRanges(m);
  out.push(`- Sensitivity ranges${m.sensitivity ? '' : ' (the defaults)'}: ${describeRanges(ranges)}.`, '');
  return out;
}

/**
 * The indicator documentation in Markdown: the whole set (table, each indicator, method, context,
 * vocabulary), or the section of the indicators chosen.
 */
export function formatIndicatorsMarkdown(set: IndicatorSet, indicators: readonly Indicator[]): string {
  if (indicators.length !== set.indicators.length) return `${indicators.flatMap((ind) => indicatorSection(set, ind)).join('\n').trimEnd()}\n`;
  const src = set.source;
  const url = safeUrl(src.url);
  const source = `${url ? `[${cell(src.title)}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : cell(src.title)}${[src.author, src.publisher, src.published].filter(Boolean).map((x) => `, ${cell(x!)}`).join('')}`;
  const out = [`# ${cell(set.title)}`, '', `Set ${code(set.id)}, subject ${set.subject ? cell(set.subject) : 'any (named per run)'}${set.counterpart ? `, counterpart ${cell(set.counterpart)}` : ''}. Source: ${source}.`, ''];
  out.push('## Indicators', '', formatIndicatorTable(set, indicators));
  out.push(...indicators.flatMap((ind) => indicatorSection(set, ind)));
  out.push(...methodSection(set));
  out.push('## Context: recorded, never scored', '', '| Context | Kinds | Why it is not scored |', '|---|---|---|');
  for (const group of set.context) out.push(`| ${code(group.id)} | ${group.kinds.map(code).join(', ')} | ${cell(group.reason)} |`);
  out.push('', '## Vocabulary', '', '| Kind | Meaning |', '|---|---|');
  for (const [kind, meaning] of Object.entries(set.kinds)) out.push(`| ${code(kind)} | ${cell(meaning)} |`);
  out.push('', '| Substance | Meaning |', '|---|---|');
  for (const [substance, meaning] of Object.entries(set.substances)) out.push(`| ${code(substance)} | ${cell(meaning)} |`);
  return `${out.join('\n')}\n`;
}
