import { describe, expect, it } from 'vitest';
import { scoreEvents } from '../src/core/engine.js';
import { evidenceNotes, MAX_REASONING_NOTES, reasoningBody, reasoningText } from '../src/core/explain.js';
import { formatMarkdown } from '../src/format/markdown.js';
import { ev, setAtSaturation3 } from './helpers/fixtures.js';
import { seedEvents } from './helpers/seeds.js';

describe('reasoning in parts', async () => {
  const events = await seedEvents();
  const plain = setAtSaturation3();
  // One indicator at weight 0: its reasoning carries a qualifier before its clauses.
  const set = { ...plain, indicators: plain.indicators.map((i, n) => (n === 0 ? { ...i, weight: 0 } : i)) };
  const report = scoreEvents(events, set, { asOf: '2024-01-31' });

  it('joins into the sentence the report holds', () => {
    expect(reasoningText({ head: 'weak (1.00)', clauses: ['a', 'b'] })).toBe('weak (1.00): a; b');
    expect(reasoningText({ head: 'weak (1.00)', qualifier: 'q', clauses: ['a', 'b'] })).toBe('weak (1.00): q: a; b');
    expect(reasoningText({ clauses: ['a', 'b'] })).toBe('a; b');
  });

  it('gives formatters the body after a head rebuilt from band and score', () => {
    expect(reasoningBody(report)).toBe(report.reasoning.slice(`${report.band} (${report.score.toFixed(2)}): `.length));
    for (const ind of report.indicators) {
      expect(`${ind.band} (${ind.score.toFixed(2)}): ${reasoningBody(ind)}`).toBe(ind.reasoning);
    }
    expect(reasoningBody(report.indicators[0]!)).toMatch(/^weight 0, so shown but not counted in the composite; on its own: /);
  });

  it('never cuts a sentence at a colon that is not after its head', () => {
    // A band id with ": " in it, and a hand-edited reasoning that lost its head.
    expect(reasoningBody({ band: 'a: b', score: 1, reasoning: 'a: b (1.00): c; d' })).toBe('c; d');
    expect(reasoningBody({ band: 'weak', score: 1, reasoning: 'edited: by hand' })).toBe('edited: by hand');
    const edited = { ...report, reasoning: 'edited: by hand' };
    expect(formatMarkdown(edited)).toContain('**Method:** edited: by hand;');
  });
});

describe('reasoning on many pieces of evidence', () => {
  it('names one example of each rule past a dozen distinct notes and counts the rest; each piece keeps its own', () => {
    const set = setAtSaturation3();
    // Thirty arrests, each of more people than one event may count: thirty notes of one rule.
    const events = Array.from({ length: 30 }, (_, n) =>
      ev({ id: `arrest-${n}`, kind: 'arrest', status: 'enforced', date: `2024-01-${String(n + 1).padStart(2, '0')}`, magnitude: 100 + n }),
    );
    const arrests = scoreEvents(events, set).indicators.find((i) => i.id === 'arrests')!;
    const notes = arrests.evidence.map((e) => e.note).filter((n): n is string => n !== undefined);
    expect(new Set(notes).size).toBe(30);
    const named = notes.filter((n) => arrests.reasoning.includes(`${n};`) || arrests.reasoning.endsWith(n));
    expect(named).toEqual([notes[0]]);
    expect(arrests.reasoning).toContain(`${notes[0]}; 29 more notes on single pieces of evidence, each like one above, given with each piece`);
  });

  it('names every distinct note up to a dozen, and at most a dozen rules past that', () => {
    // The notes of the pieces in order; a piece without one reads undefined.
    const pieces = (texts: string[]) => texts.flatMap((note) => [note, undefined]);
    const few = Array.from({ length: MAX_REASONING_NOTES }, (_, n) => `magnitude ${n + 9} counted as 8`);
    expect(evidenceNotes(pieces([...few, few[0]!]))).toEqual(few);
    // Fourteen rules, two notes each: the first twelve rules are named once; the rest are counted.
    const rules = Array.from({ length: 14 }, (_, r) => [`rule ${'x'.repeat(r + 1)} on 2024-01-0${1 + (r % 9)}`, `rule ${'x'.repeat(r + 1)} on 2023-12-1${r % 9}`]).flat();
    const named = evidenceNotes(pieces(rules));
    expect(named.slice(0, -1)).toEqual(rules.filter((_, i) => i % 2 === 0).slice(0, MAX_REASONING_NOTES));
    expect(named.at(-1)).toBe(`${28 - MAX_REASONING_NOTES} more notes on single pieces of evidence, given with each piece`);
  });
});
