import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIndicatorTable } from '../src/format/indicators.js';
import { README_END, README_START, syncReadme, syncStanding } from '../src/format/readme.js';
import { runCli } from './helpers/cli.js';
import { defaultSet, ROOT } from './helpers/fixtures.js';

const set = defaultSet();

describe('indicator documentation', () => {
  it('the README indicator table is the one generated from the set (run `npm run docs` when this fails)', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    expect(readme).toContain(README_START);
    expect(readme).toContain(README_END);
    expect(syncReadme(readme, set)).toBe(readme);
  });

  it('the check can fail: a changed weight or rationale makes the README stale', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const reweighted = { ...set, indicators: set.indicators.map((i) => (i.id === 'arrests' ? { ...i, weight: 9 } : i)) };
    expect(syncReadme(readme, reweighted)).not.toBe(readme);
    const reworded = { ...set, indicators: set.indicators.map((i, k) => (k === 0 ? { ...i, rationale: 'changed' } : i)) };
    expect(syncReadme(readme, reworded)).not.toBe(readme);
    expect(() => syncReadme('# no markers', set)).toThrow(/markers/);
  });

  it('the table has one row per indicator with weight, share, what counts and why', () => {
    const rows = formatIndicatorTable(set).trimEnd().split('\n').slice(2);
    expect(rows).toHaveLength(set.indicators.length);
    expect(rows[0]).toMatch(/^\| `intel-responsiveness` Responsiveness to US-provided intelligence \| 18 \(18%\) \| intel-response; .*relative to US intel-sharing \|/);
  });

  it('indicators --format markdown documents every indicator, the method, context and vocabulary', async () => {
    const { code, stdout } = await runCli(['indicators', '--format', 'markdown']);
    expect(code).toBe(0);
    expect(stdout.startsWith(`# ${set.title}\n`)).toBe(true);
    for (const heading of ['## Indicators', '## Method', '## Context: recorded, never scored', '## Vocabulary']) expect(stdout).toContain(`\n${heading}\n`);
    for (const ind of set.indicators) expect(stdout).toContain(`### ${ind.title} (\`${ind.id}\`)`);
    for (const kind of Object.keys(set.kinds)) expect(stdout).toContain(`| \`${kind}\` |`);
    expect(stdout).toContain('- Composite: weighted arithmetic mean; indicators without evidence count as 0.');
    expect(stdout).toContain('- Sensitivity ranges: weights ±25%, stages pledged 0.10 to 0.30');
    expect(stdout).toContain(formatIndicatorTable(set));
  });

  it('one indicator in Markdown is its section', async () => {
    const { stdout } = await runCli(['indicators', 'arrests', '--format', 'markdown']);
    expect(stdout).toBe(
      '### Arrests in China (`arrests`)\n\nWeight 8 (8% of the composite).\n\n' +
        `${set.indicators[1]!.rationale}\n\n- Counts: arrest\n- Source: ${set.indicators[1]!.citation}\n`,
    );
  });
});

describe('"Where cooperation stands" in the README', () => {
  it('is the block and chart generated from seeds/ (run `npm run docs` when this fails)', async () => {
    // scripts/standing.mjs builds both from dist/, as `npm run docs` does (npm test builds first).
    const { standing, CHART } = (await import(`${ROOT}scripts/standing.mjs`)) as {
      standing: (root: string) => Promise<{ section: string; svg: string }>;
      CHART: string;
    };
    const { section, svg } = await standing(ROOT);
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    expect(syncStanding(readme, section)).toBe(readme);
    expect(readFileSync(`${ROOT}${CHART}`, 'utf8')).toBe(svg);
    expect(section).toMatch(/scores \*\*\d+\.\d\d of 100, (minimal|limited|partial|substantial|robust)\*\*/);
    // The check can fail: another section does not match.
    expect(syncStanding(readme, `${section}x\n`)).not.toBe(readme);
  });
});
