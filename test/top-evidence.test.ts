import { describe, expect, it } from 'vitest';
import { scoreEvents } from '../src/core/engine.js';
import { formatReport } from '../src/format/format-report.js';
import { plain } from '../src/format/paint.js';
import { formatTable } from '../src/format/table.js';
import { setAtSaturation3, ev } from './helpers/fixtures.js';

describe('evidence in the table and in JSON', () => {
  const set = setAtSaturation3();
  // 100 arrests a day apart (the newer, the less decayed, the larger the value) and one large
  // refusal, which counts against the indicator by more than any single arrest counts for it.
  const day = (i: number) => new Date(Date.UTC(2024, 5, 30 - (99 - i))).toISOString().slice(0, 10);
  const events = [
    ...Array.from({ length: 100 }, (_, i) => ev({ id: `arrest-${String(i).padStart(3, '0')}`, kind: 'arrest', status: 'enforced', date: day(i) })),
    ev({ id: 'refusal-1', kind: 'arrest', status: 'refused', date: '2024-06-30', magnitude: 100_000 }),
  ];
  const report = scoreEvents(events, set, { asOf: '2024-06-30' });

  it('the table names the three events that moved each indicator most, with file and line, and counts the rest', () => {
    const table = formatTable(report, { paint: plain, color: false, width: 120 });
    const line = table.split('\n').find((l) => l.trimStart().startsWith('arrests '))!;
    const named = [...line.matchAll(/([a-z]+-\d+) \(test\.yaml:(\d+)\)/g)].map((m) => m[1]);
    expect(named).toEqual(['refusal-1', 'arrest-099', 'arrest-098']);
    expect(line).toContain('+98 more');
    expect(table).not.toContain('arrest-050');
  });

  it('the JSON report keeps every piece of evidence', async () => {
    const json = JSON.parse(await formatReport(report, 'json')) as typeof report;
    expect(json.indicators.find((i) => i.id === 'arrests')!.evidence).toHaveLength(101);
  });
});

describe('topEvidence', () => {
  it('picks what sorting by |value|, then newer, then id would pick', async () => {
    const fc = (await import('fast-check')).default;
    const { topEvidence } = await import('../src/format/top-evidence.js');
    const item = fc.record({ value: fc.integer({ min: -5, max: 5 }), day: fc.integer({ min: 1, max: 3 }), id: fc.constantFrom('a', 'b', 'c', 'd'), counterpart: fc.boolean() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (items, n) => {
        const evidence = items.map((x) => ({ eventId: x.id, date: `2024-01-0${x.day}`, value: x.value, role: x.counterpart ? 'counterpart' : 'subject' })) as never[];
        const sorted = (evidence as { eventId: string; date: string; value: number; role: string }[])
          .filter((e) => e.role === 'subject')
          .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
        const { top, more } = topEvidence({ evidence }, n);
        expect(top.map((e) => [e.eventId, e.date, e.value])).toEqual(sorted.slice(0, n).map((e) => [e.eventId, e.date, e.value]));
        expect(more).toBe(Math.max(0, sorted.length - n));
      }),
      { numRuns: 300 },
    );
  });
});
