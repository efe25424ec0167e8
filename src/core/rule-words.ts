import { dateAtPrecision, type Item } from './evidence.js';
import { round } from './numbers.js';
import type { CapsSeen } from './side-numbers.js';
import type { IndicatorSet, Status } from './types.js';

/**
 * The words each rule between events leaves on the evidence it decides (a report's `note`) and on
 * its indicator (the caps), in one place: the rules run on entries (indicator-score.ts valueSide)
 * and on columns (side-numbers.ts, read by point-evidence.ts), and both must say the same thing.
 */

const NOUN: Record<Status, string> = {
  pledged: 'pledge',
  announced: 'announcement',
  'in-force': 'entry into force',
  enforced: 'enforcement',
  refused: 'refusal',
  reversed: 'reversal',
};
const when = (item: Item) => dateAtPrecision(item.event);
const grade = (item: Item) => item.grade.label.replace(', corroborated', ' (corroborated)');
const noun = (item: Item) => NOUN[item.event.status];

export const WORDS = {
  /** Stage 1: an exact duplicate. */
  duplicate: (best: Item) => `repeats ${best.event.id} (the same report entered twice): counted once`,
  /** Stage 2: a reversal ended by a solid act; one in effect that is not solid; a claim too weak to end one. */
  ended: (reversal: Item, by: Item) => `the ${reversal.event.kind} of ${when(reversal)} ended on ${when(by)}, when ${by.event.id} (${grade(by)}) acted`,
  notSolid: (reversal: Item) => `the ${reversal.event.kind} of ${when(reversal)} (${grade(reversal)}) is not solid: it counts against, but cannot silence talk or mark backsliding`,
  tooWeak: (reversal: Item, claim: Item, method: IndicatorSet['method']) =>
    `a ${grade(claim)} claim of ${when(claim)} (${claim.event.id}) does not end the ${reversal.event.kind} of ${when(reversal)} (needs a grade of at least ${method.solidGrade} (C3 or better), ${grade(claim)} is ${round(claim.grade.factor, 2)})`,
  /** Stage 2: a law undone by a reversal; a law that decays from its newest enforcement. */
  undone: (law: Item, by: Item) => `the law of ${when(law)} was undone by the reversal of ${when(by)} (${by.event.id})`,
  refreshed: (law: Item, by: Item) => `the law of ${when(law)} decays from its newest solid enforcement, ${by.event.id} of ${when(by)}`,
  /** Stage 3: a promise lapsed, delivered late, or talk silenced by a suspension. */
  lapsed: (talk: Item, due: string) => `${noun(talk)} of ${when(talk)} lapsed on ${due}: nothing delivered`,
  deliveredLate: (talk: Item, due: string, by: Item) => `${noun(talk)} of ${when(talk)} came due on ${due} and was delivered late by ${by.event.id} of ${when(by)}: its lapse ended`,
  silenced: (talk: Item, suspension: Item) =>
    `talk of ${when(talk)} counts 0 while the ${suspension.event.kind} of ${when(suspension)} is in effect: cooperation resumes in deed, not in words`,
  /** Stage 4: a stock dated before --since, still in effect. */
  carriedIn: (asOf: string) => `dated before the since date, carried in: still in effect on ${asOf}`,
  /** Stage 5: a stage of a measure that counts as another. */
  superseded: (stage: Item, best: Item) => `the ${noun(stage)} of ${when(stage)} is superseded by its ${noun(best)} of ${when(best)}`,
  /** Stage 6: the act of a pair that counts as its promise; a promise that counts as its act (delivered by it or only followed). */
  pairedAct: (best: Item, delivers: boolean) => `counts once with the larger ${noun(best)} of ${when(best)} it ${delivers ? 'delivers' : 'follows'}`,
  pairedTalk: (talk: Item, act: Item, larger: number) =>
    act.grade.solid
      ? `${noun(talk)} of ${when(talk)} delivered by ${act.event.id} of ${when(act)}: counted once, as the larger (${round(larger, 4)})`
      : `${noun(talk)} of ${when(talk)} followed by ${act.event.id} (${grade(act)}), which is not solid: counted once, as the larger, and it does not deliver the promise`,
};

/** The indicator's notes on the caps that bound in the last pass (`caps`), in the order the caps apply. */
export function capNotes(caps: Readonly<CapsSeen>, method: IndicatorSet['method']): string[] {
  const notes: string[] = [];
  const cut = (n: number, what: string, cap: string, points: number) => notes.push(`${n} ${what} capped at the ${points}-point ${cap} cap`);
  if (caps.positive < 1 || caps.negative < 1) {
    const n = (caps.positive < 1 ? caps.weakUp : 0) + (caps.negative < 1 ? caps.weakDown : 0);
    cut(n, n === 1 ? 'uncorroborated claim' : 'uncorroborated claims', 'thin-sourcing', method.uncorroboratedCap);
  }
  if (caps.talk < 1) cut(caps.talked, caps.talked === 1 ? 'pledge or announcement' : 'pledges and announcements', 'talk', method.talkCap);
  if (caps.lapse < 1) cut(caps.lapses, caps.lapses === 1 ? 'lapsed promise' : 'lapsed promises', 'lapse', method.talkCap);
  if (caps.books < 1) cut(caps.laws, caps.laws === 1 ? 'law in force' : 'laws in force', 'books', method.booksCap);
  return notes;
}

/** Whether any cap bound in the pass (`caps`). */
export const anyCapBound = (caps: Readonly<CapsSeen>) => caps.positive < 1 || caps.negative < 1 || caps.talk < 1 || caps.lapse < 1 || caps.books < 1;
