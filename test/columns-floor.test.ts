import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

// bench/columns-floor.mjs measures a design rather than coopscore, so no bench run exercises it:
// this keeps it working (it reads the built modules, as `npm test` builds them first).
describe('bench/columns-floor.mjs', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'coopscore-columns-floor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const line = (i: number) =>
    `{"id":"e-${i}","date":"2024-0${1 + (i % 9)}-1${i % 10}","actor":"CN","kind":"arrest","status":"enforced","summary":"Arrest ${i}.","magnitude":${1 + i},"source":{"title":"T","reliability":"B","credibility":2}}`;

  it('measures each stage on every line, and counts what the check refuses and the ids repeated', () => {
    const file = path.join(dir, 'events.jsonl');
    writeFileSync(file, `${[0, 1, 2, 3, 1].map(line).join('\n')}\n{"id":"no-date"}\n`);
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'columns-floor.mjs'), file, '1'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const [table, counts] = run.stdout.trim().split('\n\n');
    expect(counts).toBe('1 line refused by the check; 1 repeated id');
    const rows = table!.split('\n').slice(2);
    expect(rows.map((r) => r.split(' | ')[0])).toEqual([
      '| JSON.parse per line',
      '| + accept-only check',
      '| + columns (day, kind, status, magnitude)',
      '| + ids kept',
      '| + ids checked for repeats',
    ]);
    for (const row of rows) expect(row.split(' | ')[1]).toBe('6');
    expect(run.stdout).toMatch(/^\| stage \(1 run each\) \|/);
  });

  it('says how it is used when given no file', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'columns-floor.mjs')], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^usage: node bench\/columns-floor\.mjs FILE\.jsonl \[RUNS\]/);
  });
});
