import { pieceCount } from './pieces.js';
import { compositeOf } from './composite.js';
import type { MatchedEvents } from './matching.js';
import { numbersWith, sidesOf, type IndicatorFacts, type IndicatorItems, type Scored } from './indicator-score.js';
import { FATES, type SideState } from './side-numbers.js';
import { itemOf, type Item } from './evidence.js';
import { clauseValues, matchesAny, matchesClause } from './match.js';
import { round } from './numbers.js';
import type { WatchEntry } from './report.js';
import type { Event, Indicator, IndicatorSet } from './types.js';

/**
 * Stage 6 of scoring: the watch list, what one more enforced, A1-graded action would add to the
 * composite on each indicator, found by scoring again with that action added.
 */

/**
 * The event the watch list assumes for an indicator: an enforced action by the subject, graded A1 and
 * dated at the as-of, built from the first rule of the indicator that admits one (its first kind,
 * substance and tag). Undefined when no rule counts an enforced action by the subject.
 */
export function watchEvent(indicator: Indicator, set: IndicatorSet, asOf: string): Event | undefined {
  for (const clause of indicator.match) {
    const statuses = clauseValues(clause, 'status');
    const actors = clauseValues(clause, 'actor');
    const kind = clauseValues(clause, 'kind')[0];
    if (kind === undefined || (statuses.length && !statuses.includes('enforced'))) continue;
    if (actors.length && !actors.includes(set.subject)) continue;
    const event: Event = {
      // Not a valid event id, so it can never collide with a real one.
      id: `watch-list:${indicator.id}`,
      date: asOf,
      actor: set.subject,
      kind,
      status: 'enforced',
      summary: indicator.title,
      source: { title: indicator.title, reliability: 'A', credibility: 1 },
      origin: { file: '', line: 0, column: 0 },
    };
    const substance = clauseValues(clause, 'substances')[0];
    const tag = clauseValues(clause, 'tags')[0];
    if (substance !== undefined) event.substances = [substance];
    if (tag !== undefined) event.tags = [tag];
    return event;
  }
  return undefined;
}

export type WatchFacts = Omit<WatchEntry, 'reasoning' | 'title' | 'pointsAvailable'> & { index: number; gainRaw: number };

/**
 * What one more enforced, A1 action would add to the composite, per weighted indicator: each
 * indicator's assumed event (watchEvent) is added and every indicator that counts or compares with it
 * is valued again (the same rules as the point score, from the items already built, without the
 * words); the others keep their scores. Ranked by gain, then set order.
 *
 * An indicator valued again reads the facts of its history (indicator-score.ts SideFacts, found
 * once per indicator, `factsOf`: those the point score ran on) and runs the rules on columns with the act appended (side-numbers.ts): what
 * the act may end or deliver is all that is new, so nothing is scanned again per assumed act.
 */
export function watchFacts(matching: MatchedEvents, items: readonly IndicatorItems[], factsOf: readonly IndicatorFacts[], scored: readonly Scored[], set: IndicatorSet, base: number): WatchFacts[] {
  const facts: WatchFacts[] = [];
  const split = set.method.attribution === 'split';
  const ctx = matching.context;
  // The reversals in effect at the point, per indicator and role: those the act can end.
  const inEffectOf: (Set<string> | undefined)[] = [];
  set.indicators.forEach((indicator, i) => {
    if (indicator.weight <= 0) return;
    const event = watchEvent(indicator, set, matching.asOf);
    if (!event) return;
    const counting = set.indicators.filter((other) => matchesAny(event, other.match, set.subject)).map((other) => other.id);
    const share = split ? 1 / Math.max(1, counting.length) : 1;
    const rescored = [...scored];
    const alsoCounts: string[] = [];
    const ends = new Set<string>();
    set.indicators.forEach((other, j) => {
      const counts = counting.includes(other.id);
      const compares = other.compareTo !== undefined && matchesClause(event, other.compareTo, set.counterpart);
      if (!counts && !compares) return;
      if (j !== i && counts) alsoCounts.push(other.id);
      const own = items[j]!;
      const acts = { ...(counts ? { subject: itemOf(event, set, share, own.subject.length) } : {}), ...(compares ? { counterpart: itemOf(event, set, 1, own.counterpart.length) } : {}) };
      const inEffect = (inEffectOf[j] ??= reversalsInEffect(scored[j]!));
      const again = numbersWith(other, own, acts, set, matching.asOf, ctx, factsOf[j]!);
      // The act sits after the side's items: a reversal it ended names its position (one dated
      // before --since then leaves the window, and the evidence, as the entries' list would).
      const ended = (list: readonly Item[], state: SideState, role: string) => {
        for (let p = 0; p < list.length; p++) {
          if (state.outOfWindow[p] === 1 || FATES[state.fate[p]!] !== 'ended' || state.fateBy[p] !== list.length) continue;
          const id = list[p]!.event.id;
          if (inEffect.has(`${role}:${id}`)) ends.add(id);
        }
      };
      if (acts.subject) ended(own.subject, again.subject, 'subject');
      if (acts.counterpart && again.counterpart) ended(own.counterpart, again.counterpart, 'counterpart');
      rescored[j] = { indicator: other, result: { ...scored[j]!.result, score: again.score, status: again.status } };
    });
    const after = compositeOf(rescored, set.method).composite;
    const watched: WatchEntry['event'] = { kind: event.kind };
    if (event.substances) watched.substances = event.substances;
    if (event.tags) watched.tags = event.tags;
    facts.push({
      id: indicator.id,
      index: i,
      gainRaw: after - base,
      gain: round(after - base, 2),
      score: round(after, 2),
      event: watched,
      alsoCounts,
      ends: [...ends].sort(),
    });
  });
  return facts.sort((a, b) => b.gainRaw - a.gainRaw || a.index - b.index);
}

/** The reversals in effect among a scored indicator's pieces, as "role:event id". */
function reversalsInEffect(s: Scored): Set<string> {
  const out = new Set<string>();
  for (const p of sidesOf(s)) {
    for (let k = 0; k < pieceCount(p); k++) {
      const event = p.listed[k]!.event;
      if (p.inEffect[k] === 1 && event.status === 'reversed') out.add(`${p.role}:${event.id}`);
    }
  }
  return out;
}
