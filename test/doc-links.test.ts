import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

const markdownIn = (dir: string, name?: string) =>
  readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => (name ? path.basename(f) === name : f.endsWith('.md')))
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`);

/** The repository's own Markdown: the README, seeds/README.md, docs/ and the fixtures' READMEs (not the golden reports). */
const DOCS = ['README.md', 'seeds/README.md', ...markdownIn('docs'), ...markdownIn('test/fixtures', 'README.md')].sort();

/** Relative link and image targets of a Markdown text (not web addresses, anchors or mail). */
function relativeTargets(text: string): string[] {
  const targets: string[] = [];
  // Fenced code is not Markdown: a report example may hold a link of its own.
  const prose = text.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '');
  for (const m of prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)) {
    const target = m[1]!;
    if (/^(https?:|mailto:|#)/.test(target)) continue;
    targets.push(target.split('#')[0]!);
  }
  return targets;
}

describe('the documentation', () => {
  it.each(DOCS)('%s links only to files the repository holds', (doc) => {
    const targets = relativeTargets(readFileSync(path.join(ROOT, doc), 'utf8'));
    const missing = targets.filter((t) => !existsSync(path.resolve(ROOT, path.dirname(doc), decodeURI(t))));
    expect(missing).toEqual([]);
    // A document that lost its links would pass the line above: the README and the performance notes link to code.
    if (doc === 'README.md' || doc === 'docs/performance.md') expect(targets.length).toBeGreaterThan(5);
  });

  it('finds a link to a missing file (the check above can fail)', () => {
    expect(relativeTargets('see [the code](src/nowhere.ts), [a site](https://example.org) and [above](#top)')).toEqual(['src/nowhere.ts']);
  });
});
