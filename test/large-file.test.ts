import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LARGE_FILE_CHARS } from '../src/io/large-file.js';
import { loadEventFiles } from '../src/io/load.js';
import { defaultSet } from './helpers/fixtures.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'coopscore-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const set = defaultSet();

/** One valid event after `size` characters of comment lines. */
function fileOf(name: string, size: number): string {
  const event = 'events:\n  - id: big-1\n    date: 2024-01-31\n    actor: CN\n    kind: arrest\n    status: enforced\n    summary: x\n    source: { title: t, reliability: B, credibility: 2 }\n';
  const line = `# ${'x'.repeat(97)}\n`;
  writeFileSync(path.join(dir, name), line.repeat(Math.ceil((size - event.length) / line.length)) + event);
  return name;
}

describe('the guard against YAML files too large to check quickly', () => {
  it('warns about a file past the limit, says how to split it, and still loads it', async () => {
    const name = fileOf('big.yaml', LARGE_FILE_CHARS + 1024);
    const loaded = await loadEventFiles([name], set, { cwd: dir, readStdin: async () => Buffer.alloc(0) });
    expect(loaded.events.map((e) => e.id)).toEqual(['big-1']);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toMatchObject({ file: 'big.yaml', code: 'large-file', severity: 'warning' });
    expect(loaded.problems[0]!.hint).toMatch(/1,000 events.*\.jsonl/);
  });

  it('says nothing about a file under the limit', async () => {
    const name = fileOf('fine.yaml', LARGE_FILE_CHARS - 1024);
    const loaded = await loadEventFiles([name], set, { cwd: dir, readStdin: async () => Buffer.alloc(0) });
    expect(loaded.problems).toEqual([]);
  });
});
