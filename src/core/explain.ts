import type { IndicatorResult } from './report.js';
import type { IndicatorSet, Status } from './types.js';

/**
 * Reasoning sentences are made here and only here, from the structured tally, so the table,
 * Markdown and JSON never word the same fact differently.
 */

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

type Explainable = Omit<IndicatorResult, 'reasoning' | 'summary'>;

export function explainIndicator(result: Explainable, set: IndicatorSet, asOf: string): string {
  const { method } = set;
  const head = `${result.band} (${num(result.score)})`;
  const { tally } = result;
  const subject = result.evidence.filter((e) => e.role === 'subject');
  if (result.status === 'unweighted') {
    return `${head}: weight 0, shown but not scored`;
  }
  if (subject.length === 0) {
    return `${head}: no evidence on or before ${asOf}; cooperation has to be shown, so nothing counts yet`;
  }

  const parts: string[] = [];
  const counts: string[] = [];
  for (const status of ORDER) {
    const n = tally.byStatus[status];
    if (!n) continue;
    const [one, many] = NOUNS[status];
    const stage = method.stages[status];
    let text = `${n} ${n === 1 ? one : many}`;
    if (stage < 0) text += ` counting against (${pct(stage)} each)`;
    else if (stage < 1) text += ` counted at ${pct(stage)}`;
    counts.push(text);
  }
  parts.push(counts.join(', '));

  for (const e of subject) {
    if (e.inEffect === true && e.value < 0) parts.push(`${e.eventId} (${e.kind}, ${e.date}) is still in effect: no action since has ended it`);
    if (e.endedBy) parts.push(`${e.eventId} (${e.date}) ended by ${e.endedBy.eventId} on ${e.endedBy.date}`);
  }
  if (tally.oldestDecay !== null && tally.oldestDecay < 0.995) {
    parts.push(`oldest evidence decayed to ${pct(tally.oldestDecay)}`);
  }
  if (tally.counterpart !== null && tally.net > 0) {
    parts.push(
      tally.counterpart > 0
        ? `scaled to ${pct(tally.ratio)} of the counterpart's evidence (${num(tally.positive)} against ${num(tally.counterpart)})`
        : 'no counterpart evidence to compare with',
    );
  }
  if (result.flags.includes('commitment-only')) {
    parts.push(
      tally.capped
        ? `only commitments, no action: capped at ${method.commitmentCap}`
        : `only commitments, no action (capped at ${method.commitmentCap})`,
    );
  }
  if (result.flags.includes('negative')) {
    parts.push(`net evidence is negative (${num(tally.net)}), so it scores 0`);
  } else if (tally.net === 0 && tally.positive === 0) {
    parts.push('nothing in effect counts for it on the scoring date');
  }
  const ungraded = subject.filter((e) => !e.graded).length;
  if (ungraded) parts.push(`${ungraded} ungraded source${ungraded === 1 ? '' : 's'} counted as "cannot be judged"`);
  return `${head}: ${parts.join('; ')}`;
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
export function summarizeIndicator(result: Explainable, set: IndicatorSet): string {
  const { tally } = result;
  const subject = result.evidence.filter((e) => e.role === 'subject');
  if (result.status === 'unweighted') return 'weight 0: not scored';
  if (subject.length === 0) return 'no evidence yet';
  const parts: string[] = [];
  const stuck = subject.find((e) => e.inEffect === true && e.value < 0);
  if (stuck) parts.push(`${stuck.kind} of ${stuck.date} still in effect`);
  const ended = subject.find((e) => e.endedBy && e.status === 'reversed');
  if (ended?.endedBy) parts.push(`${ended.kind} of ${ended.date} ended ${ended.endedBy.date}`);
  parts.push(ORDER.filter((s) => tally.byStatus[s]).map((s) => `${tally.byStatus[s]} ${SHORT[s]}`).join(', '));
  if (result.flags.includes('commitment-only')) parts.push(`talk only, capped at ${set.method.commitmentCap}`);
  if (!result.flags.includes('negative') && tally.counterpart !== null && tally.counterpart > 0 && tally.ratio < 1) {
    parts.push(`${pct(tally.ratio)} of counterpart's`);
  }
  if (tally.oldestDecay !== null && tally.oldestDecay < 0.5) parts.push(`oldest at ${pct(tally.oldestDecay)}`);
  return parts.join('; ');
}
