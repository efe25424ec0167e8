import type { CompositeMethod, IndicatorResult, WatchEntry, WeightsUsed } from './report.js';
import { addNote, type EvidenceFacts } from './pieces.js';
import type { IndicatorSet, Status } from './types.js';

/**
 * Reasoning sentences are made here and only here, from the structured tally, so the table,
 * Markdown and JSON never word the same fact differently. Each is built as parts (a head and its
 * clauses, {@link Reasoning}) and joined into the report's string by {@link reasoningText}; a
 * formatter that shows the head apart takes the rest from {@link reasoningBody}, never by cutting
 * the sentence where it finds a colon.
 */

/**
 * A reasoning sentence in parts: `head` (the band and score, when it has one), an optional
 * `qualifier` that governs every clause ("weight 0, …; on its own"), and the clauses, each one fact.
 */
export interface Reasoning {
  head?: string;
  qualifier?: string;
  clauses: string[];
}

/** The clauses joined, after the qualifier: the reasoning without its head. */
const bodyText = (r: Reasoning) => `${r.qualifier ? `${r.qualifier}: ` : ''}${r.clauses.join('; ')}`;

/** The reasoning as the report holds it: "head: clause; clause". */
export function reasoningText(r: Reasoning): string {
  return r.head === undefined ? bodyText(r) : `${r.head}: ${bodyText(r)}`;
}

/** The head of an indicator's or the composite's reasoning, from its band and score. */
const headOf = (band: string, score: number) => `${band} (${num(score)})`;

const NOUNS: Record<Status, [string, string]> = {
  enforced: ['enforcement action', 'enforcement actions'],
  'in-force': ['control in force', 'controls in force'],
  announced: ['announced measure', 'announced measures'],
  pledged: ['pledge', 'pledges'],
  refused: ['refusal', 'refusals'],
  reversed: ['reversal', 'reversals'],
};
const ORDER: Status[] = ['enforced', 'in-force', 'announced', 'pledged', 'refused', 'reversed'];

const pct = (x: number) => `${Math.round(x * 100)}%`;
const num = (x: number) => x.toFixed(2);

type Explainable = Omit<IndicatorResult, 'reasoning' | 'summary' | 'nextEventGain'>;

export function explainIndicator(result: Explainable, subject: EvidenceFacts, set: IndicatorSet, asOf: string, notes: readonly string[] = []): string {
  return reasoningText(indicatorReasoning(result, subject, set, asOf, notes));
}

/** An indicator's reasoning in parts: its band and score, then its evidence clause by clause. */
export function indicatorReasoning(result: Explainable, subject: EvidenceFacts, set: IndicatorSet, asOf: string, notes: readonly string[] = []): Reasoning {
  const head = headOf(result.band, result.score);
  const clauses = explainEvidence(result, subject, set, asOf, notes);
  // Weight 0 shows the indicator and its evidence but keeps it out of the composite.
  if (result.status === 'unweighted') return { head, qualifier: 'weight 0, so shown but not counted in the composite; on its own', clauses };
  return { head, clauses };
}

/**
 * The reasoning of an indicator or of the composite without its head, for formats that show the
 * band and score apart. The head is rebuilt from the item's own band and score; the clauses are
 * what follows it. (The clauses themselves are not all in the report as data: cap notes and the
 * set's talk cap are not, so they are read from the sentence the engine joined, after that head.)
 * A report edited by hand whose reasoning does not start with its head is shown whole.
 */
export function reasoningBody(item: { band: string; score: number; reasoning: string }): string {
  const head = `${headOf(item.band, item.score)}: `;
  return item.reasoning.startsWith(head) ? item.reasoning.slice(head.length) : item.reasoning;
}

/** How many distinct notes from the evidence an indicator's reasoning names (explainEvidence). */
export const MAX_REASONING_NOTES = 12;

/** A note with its dates, numbers and ids (every word holding a digit) blanked: the rule it words. */
const ruleOf = (note: string) => note.replace(/\S*\d\S*/g, '#');

/**
 * The rules' notes from the evidence, each once. Up to MAX_REASONING_NOTES distinct notes are all
 * named. Past that (100,000 events once made a reasoning of 700 KB, every note of every piece),
 * one example of each rule is named, up to as many rules, and the rest are counted; every piece of
 * evidence keeps its own notes in `note`.
 */
export function evidenceNotes(notes: Iterable<string | undefined>): string[] {
  const distinct = new Set<string>();
  for (const note of notes) addNote(distinct, note);
  return namedNotes(distinct);
}

/** evidenceNotes from the distinct notes, in the order first seen. */
function namedNotes(distinct: ReadonlySet<string>): string[] {
  if (distinct.size <= MAX_REASONING_NOTES) return [...distinct];
  const named: string[] = [];
  const rules = new Set<string>();
  for (const note of distinct) {
    if (rules.size === MAX_REASONING_NOTES) break; // nothing more can be named
    const rule = ruleOf(note);
    if (rules.has(rule)) continue;
    rules.add(rule);
    named.push(note);
  }
  const more = distinct.size - named.length;
  named.push(`${more} more ${more === 1 ? 'note' : 'notes'} on single pieces of evidence${rules.size < MAX_REASONING_NOTES ? ', each like one above' : ''}, given with each piece`);
  return named;
}

/**
 * The indicator's evidence in words: how many of each status, the value by stage (practice, books,
 * talk, negative) after the rules, the rules applied (each distinct note of the evidence, up to
 * MAX_REASONING_NOTES, then how many more; each evidence item carries its own), caps, and the
 * comparison with the counterpart.
 */
function explainEvidence(result: Explainable, subject: EvidenceFacts, set: IndicatorSet, asOf: string, notes: readonly string[]): string[] {
  const { tally, mix } = result;
  if (subject.count === 0) {
    return [`no evidence on or before ${asOf}`, 'cooperation has to be shown, so nothing counts yet'];
  }
  const parts: string[] = [];
  const counts: string[] = [];
  for (const status of ORDER) {
    const n = tally.byStatus[status];
    if (!n) continue;
    const [one, many] = NOUNS[status];
    counts.push(`${n} ${n === 1 ? one : many}`);
  }
  parts.push(counts.join(', '));
  const stages = (['practice', 'books', 'talk'] as const).filter((k) => mix[k] > 0).map((k) => `${k} ${num(mix[k])}`);
  if (mix.negative > 0) stages.push(`against ${num(mix.negative)}`);
  if (stages.length) parts.push(`worth ${stages.join(', ')} after the rules`);
  parts.push(...namedNotes(subject.notes));
  parts.push(...notes);
  if (tally.counterpart !== null && tally.net > 0) {
    parts.push(
      tally.counterpart > 0
        ? `scaled to ${pct(tally.ratio)} of the counterpart's evidence (${num(tally.positive)} against ${num(tally.counterpart)})`
        : 'no counterpart evidence to compare with',
    );
  }
  if (result.flags.includes('commitment-only')) parts.push(`mostly talk: pledges and announcements add at most ${set.method.talkCap} points`);
  if (result.flags.includes('negative')) {
    parts.push(`net evidence is negative (${num(tally.net)}), so it scores 0`);
  } else if (tally.net === 0 && tally.positive === 0) {
    parts.push('nothing in effect counts for it on the scoring date');
  }
  const { ungraded } = subject;
  if (ungraded) parts.push(`${ungraded} ungraded source${ungraded === 1 ? '' : 's'} counted as "cannot be judged"`);
  return parts;
}

const SHORT: Record<Status, string> = {
  enforced: 'enforced',
  'in-force': 'in force',
  announced: 'announced',
  pledged: 'pledged',
  refused: 'refused',
  reversed: 'reversed',
};

/** The deciding facts in one short line, for the table. */
export function summarizeIndicator(result: Explainable, subject: EvidenceFacts, set: IndicatorSet): string {
  if (result.status === 'unweighted') return `weight 0, not counted; ${summarizeEvidence(result, subject, set)}`;
  return summarizeEvidence(result, subject, set);
}

function summarizeEvidence(result: Explainable, subject: EvidenceFacts, set: IndicatorSet): string {
  const { tally } = result;
  if (subject.count === 0) return 'no evidence yet';
  const parts: string[] = [];
  const { stuck, ended, lapsed } = subject;
  if (stuck) parts.push(`${stuck.kind} of ${stuck.date} still in effect`);
  if (ended) parts.push(`${ended.kind} of ${ended.date} ended ${ended.by}`);
  if (lapsed) parts.push(`${lapsed} promise${lapsed === 1 ? '' : 's'} lapsed`);
  parts.push(ORDER.filter((s) => tally.byStatus[s]).map((s) => `${tally.byStatus[s]} ${SHORT[s]}`).join(', '));
  if (result.flags.includes('commitment-only')) parts.push('mostly talk');
  if (!result.flags.includes('negative') && tally.counterpart !== null && tally.counterpart > 0 && tally.ratio < 1) {
    parts.push(`${pct(tally.ratio)} of counterpart's`);
  }
  if (tally.oldestDecay !== null && tally.oldestDecay < 0.5) parts.push(`oldest at ${pct(tally.oldestDecay)}`);
  return parts.join('; ');
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the composite sentence is made from; all of it is in the report as data too. */
export interface CompositeFacts {
  score: number;
  band: string;
  method: CompositeMethod;
  /** The indicators that take part in the composite, with their rounded scores. */
  counted: { id: string; score: number }[];
  /** Indicators without evidence (weighted or not). */
  noEvidence: string[];
  unweighted: string[];
  weights: WeightsUsed;
  /** Share of the composite that rests on events counted by more than one indicator. */
  multiIndicatorShare?: number;
}

/** How the composite was formed and why the aggregation rule gives what it gives. */
export function explainComposite(facts: CompositeFacts): string {
  return reasoningText(compositeReasoning(facts));
}

/** The composite's reasoning in parts: its band and score, then how it was formed, clause by clause. */
export function compositeReasoning(facts: CompositeFacts): Reasoning {
  const { method } = facts;
  const head = headOf(facts.band, facts.score);
  const parts: string[] = [];
  const n = facts.counted.length;
  const scores = facts.counted.map((c) => c.score);
  const [low, high] = [Math.min(...scores), Math.max(...scores)];
  const zeros = scores.filter((s) => s === 0).length;
  const { alternative } = method;
  if (n === 0) {
    parts.push('no indicator takes part in the composite');
  } else if (method.aggregation === 'arithmetic') {
    parts.push(`weighted arithmetic mean of ${count(n, 'indicator', 'indicators')}, so strength on one makes up for weakness on another`);
    parts.push(`the geometric mean, which limits that, would give ${num(alternative.score)}`);
  } else {
    parts.push(`weighted geometric mean of ${count(n, 'indicator', 'indicators')} (each score plus 1, so a 0 pulls the composite down without erasing it)`);
    if (high - low < 0.005) {
      parts.push(`every indicator scores the same, so it equals the arithmetic mean`);
    } else {
      const gap = `${num(Math.max(0, alternative.score - facts.score))} below the arithmetic mean of ${num(alternative.score)}`;
      parts.push(
        `${gap} because the indicators are uneven (${num(low)} to ${num(high)})` +
          (zeros ? `: high scores cannot make up for the ${count(zeros, 'indicator', 'indicators')} at 0` : ''),
      );
    }
  }
  const weightedMissing = facts.noEvidence.filter((id) => !facts.unweighted.includes(id));
  if (method.missing === 'renormalize' && method.leftOut.length) {
    parts.push(
      `${count(method.leftOut.length, 'indicator', 'indicators')} without evidence left out (${method.leftOut.join(', ')}) and the other weights renormalised`,
    );
  } else if (method.missing === 'zero' && weightedMissing.length) {
    parts.push(`${count(weightedMissing.length, 'indicator', 'indicators')} without evidence ${weightedMissing.length === 1 ? 'counts' : 'count'} as 0`);
  }
  const { weights } = facts;
  if (weights.source === 'file') {
    const changes = weights.changed.map((c) => `${c.id} ${c.from} → ${c.to}`);
    parts.push(`weights from ${weights.file}${changes.length ? ` (${changes.join(', ')})` : ' (no change)'}`);
  }
  if (facts.unweighted.length) parts.push(`${facts.unweighted.join(', ')} at weight 0: shown, not counted`);
  if (facts.multiIndicatorShare !== undefined && facts.multiIndicatorShare >= 0.005) {
    parts.push(
      `${pct(facts.multiIndicatorShare)} of it rests on events that count for more than one indicator (${method.attribution === 'split' ? 'their value shared among them' : 'each counted in full: split attribution would share it'})`,
    );
  }
  return { head, clauses: parts };
}

type WatchFacts = Omit<WatchEntry, 'reasoning'>;

/** The assumed event in a few words: "scheduling of xylazine", "arrest tagged money-laundering". */
export function describeWatchEvent(entry: Pick<WatchEntry, 'event'>): string {
  const { kind, substances, tags } = entry.event;
  return `${kind}${substances ? ` of ${substances.join(', ')}` : ''}${tags ? ` tagged ${tags.join(', ')}` : ''}`;
}

/** Why an indicator sits where it does on the watch list. */
export function explainWatch(entry: WatchFacts, asOf: string): string {
  return reasoningText(watchReasoning(entry, asOf));
}

/** A watch-list entry's reasoning in parts: what one more event would do, then what else it would touch (no head). */
export function watchReasoning(entry: WatchFacts, asOf: string): Reasoning {
  const event = `one more enforced, A1-graded ${describeWatchEvent(entry)} dated ${asOf}`;
  const move =
    entry.gain >= 0
      ? `would raise the composite by ${num(entry.gain)} to ${num(entry.score)}`
      : `would lower the composite by ${num(-entry.gain)} to ${num(entry.score)}: the indicator would join the composite (missing evidence is left out) below the others' mean`;
  const parts = [`${event} ${move}`];
  if (entry.ends.length) parts.push(`it would end ${entry.ends.join(', ')}, still in effect`);
  if (entry.alsoCounts.length) parts.push(`it also counts for ${entry.alsoCounts.join(', ')}`);
  if (entry.pointsAvailable > 0) parts.push(`${num(entry.pointsAvailable)} points available at 100`);
  return { clauses: parts };
}

/** A share as a percentage with one decimal, except the exact ends, so 99.9% never reads as 100%. */
export const share = (x: number) => (x === 0 || x === 1 ? pct(x) : `${(x * 100).toFixed(1)}%`);

