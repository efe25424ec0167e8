// Checks on the bundled seed data (seeds/): every event is sourced, the data validates with zero
// warnings, ids are stable (checked against the committed registry seeds/published-ids.txt and
// the change log in seeds/README.md, not against git history), and the codebook's count tables
// match the data.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Event, EventSource, Status } from '../src/core/types.js';
import { runCli } from './helpers/cli.js';
import { ROOT } from './helpers/fixtures.js';
import { seedEvents } from './helpers/seeds.js';

const STATUSES: Status[] = ['pledged', 'announced', 'in-force', 'enforced', 'refused', 'reversed'];
const README = readFileSync(`${ROOT}seeds/README.md`, 'utf8');

/** Every source an event names: the `sources:` list when the file gives one, else `source:`. */
function sourcesOf(e: Event): EventSource[] {
  return e.sources ?? [e.source];
}

/** The ids listed in the registry file (comments and blank lines skipped). */
function registeredIds(): string[] {
  return readFileSync(`${ROOT}seeds/published-ids.txt`, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Ids listed under "Removed:" in any entry of the README change log. */
function removedIds(readme: string): Set<string> {
  const log = readme.slice(readme.indexOf('## Ids and the change log'));
  const removed = new Set<string>();
  for (const block of log.split(/^Removed:\s*$/m).slice(1)) {
    for (const line of block.split('\n').slice(1)) {
      if (!line.startsWith('- ') && !line.startsWith('  ')) break;
      const m = /^- `([a-z0-9][a-z0-9._-]*)`/.exec(line);
      if (m) removed.add(m[1]!);
    }
  }
  return removed;
}

/** Rows of the README table whose header starts with `first`: key → the numbers after it. */
function countTable(readme: string, first: string): Map<string, number[]> {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${first} | events |`));
  expect(start, `README table starting "| ${first} | events |"`).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, number[]>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    rows.set(cells[0]!, cells.slice(1).map(Number));
  }
  return rows;
}

/** [events, then one count per status in STATUSES order] for a group of events. */
function counts(events: Event[]): number[] {
  return [events.length, ...STATUSES.map((s) => events.filter((e) => e.status === s).length)];
}

describe('seed data', () => {
  let events: Event[];
  beforeAll(async () => {
    events = await seedEvents('seeds');
  });

  it('loads a non-trivial record that reaches past the commentary', () => {
    expect(events.length).toBeGreaterThan(29);
    const newest = events.map((e) => e.date).sort().at(-1)!;
    expect(newest > '2024-01-31').toBe(true);
  });

  it('every event has a source with a URL, or says in notes why not ("No URL: ...")', () => {
    const unsourced = events
      .filter((e) => !sourcesOf(e).some((s) => s.url !== undefined && /^https?:\/\//.test(s.url)))
      .filter((e) => !/No URL: \S/.test(e.notes ?? ''))
      .map((e) => e.id);
    expect(unsourced).toEqual([]);
  });

  it('every source names its publisher and carries an Admiralty grade', () => {
    const missing = events.flatMap((e) =>
      sourcesOf(e)
        .filter((s) => !s.publisher || s.reliability === undefined || s.credibility === undefined)
        .map((s) => `${e.id}: ${s.title}`),
    );
    expect(missing).toEqual([]);
  });

  it('no single source is graded credibility 1 (confirmation is shown by listing sources)', () => {
    const overgraded = events.filter((e) => e.sources === undefined && e.source.credibility === 1).map((e) => e.id);
    expect(overgraded).toEqual([]);
  });

  it('several sources of one event come from different publishers', () => {
    const repeated = events
      .filter((e) => e.sources !== undefined)
      .filter((e) => new Set(e.sources!.map((s) => s.publisher)).size !== e.sources!.length)
      .map((e) => e.id);
    expect(repeated).toEqual([]);
  });

  it('validates with zero warnings: coopscore validate seeds/ --max-warnings 0', async () => {
    // "Today" is the newest event's date, so no event is in the future and nothing reads the clock.
    const newest = events.map((e) => e.date).sort().at(-1)!;
    const result = await runCli(['validate', 'seeds/', '--max-warnings', '0'], { today: newest });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('coopscore: no problems\n');
  });

  it('every event is registered in seeds/published-ids.txt (new ids must be added there)', () => {
    const registry = new Set(registeredIds());
    expect(events.map((e) => e.id).filter((id) => !registry.has(id))).toEqual([]);
  });

  it('no published id silently disappears: each is in the data or listed as removed in the change log', () => {
    const present = new Set(events.map((e) => e.id));
    const removed = removedIds(README);
    expect(registeredIds().filter((id) => !present.has(id) && !removed.has(id))).toEqual([]);
  });

  it('an id listed as removed is really gone, and the registry is sorted with no duplicates', () => {
    const present = new Set(events.map((e) => e.id));
    expect([...removedIds(README)].filter((id) => present.has(id))).toEqual([]);
    const ids = registeredIds();
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it('the README counts by file match the data', () => {
    const table = countTable(README, 'file');
    const files = [...new Set(events.map((e) => e.origin.file))].sort();
    expect([...table.keys()].sort()).toEqual(files);
    for (const file of files) expect(table.get(file), file).toEqual(counts(events.filter((e) => e.origin.file === file)));
  });

  it('the README counts by year match the data', () => {
    const table = countTable(README, 'year');
    const years = [...new Set(events.map((e) => e.date.slice(0, 4)))].sort();
    expect([...table.keys()].sort()).toEqual(years);
    for (const year of years) expect(table.get(year), year).toEqual(counts(events.filter((e) => e.date.startsWith(year))));
  });

  it('the stages of each measure are of one actor, and every measure is documented in the codebook', () => {
    const byMeasure = new Map<string, Event[]>();
    for (const e of events) if (e.measure) byMeasure.set(e.measure, [...(byMeasure.get(e.measure) ?? []), e]);
    for (const [measure, stages] of byMeasure) {
      expect(new Set(stages.map((e) => e.actor)).size, measure).toBe(1);
      expect(README, `measure ${measure} documented in the codebook`).toContain(`\`${measure}\``);
    }
  });
});
