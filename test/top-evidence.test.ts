import { describe, expect, it } from 'vitest';
import { scoreEvents } from '../src/core/engine.js';
import { formatJson } from '../src/format/json.js';
import { plain } from '../src/format/paint.js';
import { formatTable } from '../src/format/table.js';
import { defaultSet, ev } from './helpers/fixtures.js';

describe('evidence in the table and in JSON', () => {
  const set = defaultSet();
  // 100 arrests (the larger the magnitude, the larger the value) and one large refusal, which counts
  // against the indicator by more than any single arrest counts for it.
  const events = [
    ...Array.from({ length: 100 }, (_, i) => ev({ id: `arrest-${String(i).padStart(3, '0')}`, kind: 'arrest', status: 'enforced', date: '2024-06-30', magnitude: i + 1 })),
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

  it('the JSON report keeps every piece of evidence', () => {
    const json = JSON.parse(formatJson(report)) as typeof report;
    expect(json.indicators.find((i) => i.id === 'arrests')!.evidence).toHaveLength(101);
  });
});
