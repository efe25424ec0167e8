import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';

/**
 * The package as a user gets it: `npm pack`, then `npm install` of the tarball into an empty
 * folder outside the repository, from the npm cache (filled by `npm ci`), and the CLI and the
 * library run from there. `npm test` has just built dist/, so packing skips the prepare script.
 */
const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

// Nothing from the repository on PATH (npm run puts its node_modules/.bin there).
const env = {
  ...process.env,
  NO_COLOR: '1',
  PATH: (process.env.PATH ?? '').split(path.delimiter).filter((p) => !p.startsWith(path.resolve(ROOT))).join(path.delimiter),
};

let work: string;
let app: string;
let files: string[];

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  work = mkdtempSync(path.join(tmpdir(), 'coopscore-pack-'));
  const packed = await exec(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, env });
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  files = info!.files.map((f) => f.path).sort();
  app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), '{ "name": "consumer", "private": true }\n');
  await exec(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, info!.filename)], { cwd: app, env });
  copyFileSync(path.join(ROOT, 'seeds', '2024.yaml'), path.join(app, 'events.yaml'));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds only what runs: bin, dist, indicators, README, LICENSE', () => {
    const top = new Set(files.map((f) => f.split('/')[0]));
    expect([...top].sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'indicators', 'package.json']);
    expect(files).toEqual(expect.arrayContaining(['bin/coopscore.js', 'dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'indicators/us-china-2024.yaml', 'indicators/us-precursor-cooperation.yaml']));
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs into an empty folder without TypeScript or anything from the repository', () => {
    const installed = path.join(app, 'node_modules', pkg.name);
    expect(JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).version).toBe(pkg.version);
    expect(existsSync(path.join(app, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(path.join(installed, 'src'))).toBe(false);
  });

  it('runs `npx coopscore score` on a seed file there, with the same score as the repository', async () => {
    const table = await exec(npx, ['--no', '--', 'coopscore', 'score', 'events.yaml'], { cwd: app, env });
    expect(table.stdout).toMatch(/^Composite \d+\.\d\d /m);
    const json = await exec(npx, ['--no', '--', 'coopscore', 'score', 'events.yaml', '--format', 'json'], { cwd: app, env });
    const there = JSON.parse(json.stdout) as { score: number; band: string; tool: { version: string } };
    const here = JSON.parse((await runCli(['score', 'seeds/2024.yaml', '--format', 'json'])).stdout) as typeof there;
    expect([there.score, there.band, there.tool.version]).toEqual([here.score, here.band, pkg.version]);
  });

  it('runs `npx coopscore score` and `npx coopscore validate` with no arguments in a configured folder', async () => {
    const folder = path.join(app, 'configured');
    mkdirSync(path.join(folder, 'events'), { recursive: true });
    copyFileSync(path.join(ROOT, 'seeds', '2024.yaml'), path.join(folder, 'events', '2024.yaml'));
    writeFileSync(path.join(folder, 'coopscore.config.yaml'), 'version: 1\npaths: [events]\nmaxWarnings: 5\nformat: { score: json }\n');
    const scored = await exec(npx, ['--no', '--', 'coopscore', 'score'], { cwd: folder, env });
    const report = JSON.parse(scored.stdout) as { score: number; inputs: { files: { path: string }[]; config: { path: string } } };
    expect(report.inputs.files.map((f) => f.path)).toEqual(['events/2024.yaml']);
    expect(report.inputs.config.path).toBe('coopscore.config.yaml');
    const here = JSON.parse((await runCli(['score', 'seeds/2024.yaml', '--format', 'json'])).stdout) as { score: number };
    expect(report.score).toBe(here.score);
    const checked = await exec(npx, ['--no', '--', 'coopscore', 'validate'], { cwd: folder, env });
    expect(checked.stdout).not.toMatch(/error/);
    // The general set ships too, named by its id.
    const general = await exec(npx, ['--no', '--', 'coopscore', 'indicators', '--indicators', 'us-precursor-cooperation', '--subject', 'IN'], { cwd: folder, env });
    expect(general.stdout).toMatch(/^United States–India cooperation/);
  }, 120_000);

  it('prints the package.json version for `coopscore --version`', async () => {
    // `--` keeps npx from reading --version as its own flag (it would print npm's version).
    const { stdout } = await exec(npx, ['--no', '--', 'coopscore', '--version'], { cwd: app, env });
    expect(stdout.trim()).toBe(pkg.version);
    const bin = await exec(path.join(app, 'node_modules', '.bin', process.platform === 'win32' ? 'coopscore.cmd' : 'coopscore'), ['-V'], { cwd: app, env });
    expect(bin.stdout.trim()).toBe(pkg.version);
  });

  it('imports as a library from the installed copy', async () => {
    const { stdout } = await exec(
      process.execPath,
      ['--input-type=module', '-e', "import { VERSION, scoreEvents } from 'coopscore'; console.log(VERSION, typeof scoreEvents);"],
      { cwd: app, env },
    );
    expect(stdout.trim()).toBe(`${pkg.version} function`);
  });
});
