import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';

const run = promisify(execFile);

/**
 * A user's project: an empty folder whose node_modules/coopscore is this package, so
 * `import ... from 'coopscore'` resolves through package.json `exports` to the BUILT dist/, as
 * it would after `npm install`. (test/package.test.ts installs the real tarball.)
 */
let app: string;
beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  app = mkdtempSync(path.join(tmpdir(), 'coopscore-lib-'));
  mkdirSync(path.join(app, 'node_modules'));
  symlinkSync(ROOT, path.join(app, 'node_modules', 'coopscore'), 'dir');
  writeFileSync(path.join(app, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  cpSync(path.join(ROOT, 'seeds'), path.join(app, 'seeds'), { recursive: true });
});
afterAll(() => rmSync(app, { recursive: true, force: true }));

async function node(file: string, source: string): Promise<{ stdout: string; stderr: string }> {
  writeFileSync(path.join(app, file), source);
  return run(process.execPath, [file], { cwd: app, env: { ...process.env, NO_COLOR: '1' } });
}

describe('the library, imported by package name', () => {
  it('resolves to the built dist/ and reproduces the CLI JSON report byte for byte', async () => {
    const { stdout } = await node(
      'consumer.mjs',
      `import { fileURLToPath } from 'node:url';
import { formatReport, loadEventFiles, loadIndicatorSet, scoreEvents } from 'coopscore';
const entry = fileURLToPath(import.meta.resolve('coopscore'));
const loadedSet = await loadIndicatorSet();
const loaded = await loadEventFiles('seeds', loadedSet.set);
const report = scoreEvents(loaded.events, loadedSet.set, { inputs: loaded.inputs, warnings: loaded.problems, setSha256: loadedSet.sha256 });
process.stdout.write(JSON.stringify({ entry, json: await formatReport(report, 'json') }));
`,
    );
    const { entry, json } = JSON.parse(stdout) as { entry: string; json: string };
    expect(path.relative(ROOT, entry)).toBe(path.join('dist', 'index.js'));
    const cli = await runCli(['score', 'seeds', '--format', 'json']);
    expect(json).toBe(cli.stdout);
  });

  it('reports bad input as problems with positions, and refuses an unknown format', async () => {
    writeFileSync(path.join(app, 'bad.yaml'), 'events:\n  - id: x\n    date: 2024-02-30\n');
    const { stdout } = await node(
      'bad.mjs',
      `import { formatReport, loadEventFiles, loadIndicatorSet, scoreEvents } from 'coopscore';
const { set } = await loadIndicatorSet();
const { events, problems } = await loadEventFiles(['bad.yaml', 'missing.yaml'], set);
const report = scoreEvents([], set, { asOf: '2024-01-01' });
const format = await formatReport(report, 'xml').then(() => 'accepted', (e) => e.constructor.name);
console.log(JSON.stringify({ events: events.length, problems: problems.map((p) => [p.file, p.line, p.code]), format }));
`,
    );
    const out = JSON.parse(stdout) as { events: number; problems: [string, number, string][]; format: string };
    expect(out.events).toBe(0);
    expect(out.problems).toContainEqual(['bad.yaml', 3, 'invalid-date']);
    expect(out.problems).toContainEqual(['missing.yaml', 0, 'file-not-found']);
    expect(out.format).toBe('RangeError');
  });

  it('keeps the first warnings and counts the rest with keepWarnings, as the README says', async () => {
    const lines = ['a', 'b', 'c'].map((id, i) => JSON.stringify({ id, date: `2024-0${i + 1}-10`, actor: 'CN', kind: 'arrest', status: 'enforced', summary: id, source: { title: 'Ungraded' } }));
    writeFileSync(path.join(app, 'ungraded.jsonl'), `${lines.join('\n')}\n`);
    const { stdout } = await node(
      'warnings.mjs',
      `import { loadEventFiles, loadIndicatorSet } from 'coopscore';
const { set } = await loadIndicatorSet();
const all = await loadEventFiles('ungraded.jsonl', set);
const first = await loadEventFiles('ungraded.jsonl', set, { keepWarnings: 1 });
console.log(JSON.stringify({ all: all.problems.map((p) => p.line), first: first.problems.map((p) => p.line), omitted: [...first.omittedWarnings] }));
`,
    );
    expect(JSON.parse(stdout)).toEqual({ all: [1, 2, 3], first: [1], omitted: [['ungraded-source', 2]] });
  });

  it('only exposes the documented entry point', async () => {
    await expect(node('deep.mjs', "await import('coopscore/dist/core/engine.js');\n")).rejects.toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  it('ships types a TypeScript user can compile against, and that reject misuse', async () => {
    writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] },
        files: ['typed.ts'],
      }),
    );
    writeFileSync(
      path.join(app, 'typed.ts'),
      `import { formatReport, loadEventFiles, loadIndicatorSet, scoreEvents, type Event, type IndicatorSet, type Problem, type ScoreReport } from 'coopscore';
const { set } = await loadIndicatorSet();
if (!set) throw new Error('no set');
const typedSet: IndicatorSet = set;
const { events, problems } = await loadEventFiles(['seeds'], typedSet);
const first: Event | undefined = events[0];
const errors: Problem[] = problems.filter((p) => p.severity === 'error');
const report: ScoreReport = scoreEvents(events, typedSet, { asOf: '2024-01-31' });
const text: string = await formatReport(report, 'markdown');
const score: number = report.indicators[0]!.score;
// @ts-expect-error asOf is a date string
scoreEvents(events, typedSet, { asOf: 20240131 });
// @ts-expect-error an event needs its fields
const wrong: Event = { id: 'x' };
export { first, errors, text, score, wrong };
`,
    );
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app }).catch((e: { stdout: string; code: number }) => e);
    expect('stdout' in result ? result.stdout : '').toBe('');
  });
});

describe('the README library example', () => {
  it('runs as written and prints what its comments say', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const library = readme.slice(readme.indexOf('### Library'));
    const example = /```js\n([\s\S]*?)```/.exec(library)?.[1];
    expect(example).toContain("from 'coopscore'");
    const { stdout } = await node('readme-example.mjs', example!);
    const printed = stdout.split('\n')[0];
    // The comment beside the console.log is what a reader expects to see; it must stay true.
    expect(printed).toBe(/console\.log\(report\.score[^\n]*\/\/ ([^\n]+)/.exec(example!)?.[1]);
    const report = JSON.parse((await runCli(['score', 'seeds', '--format', 'json'])).stdout) as { score: number; band: string; confidence: { level: string } };
    expect(printed).toBe(`${report.score} ${report.band} ${report.confidence.level}`);
    expect(stdout).toMatch(/^pill-press-enforcement: /m);
    expect(readFileSync(path.join(app, 'out', 'brief.md'), 'utf8')).toMatch(/^# Cooperation briefing: China\n/);
  });
});
