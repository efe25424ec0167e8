import fs = require('node:fs');
import nodeModule = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

/**
 * How bin/coopscore.js starts the CLI quickly. Start-up is most of a typical run (analysts run
 * coopscore dozens of times a day, CI on every pull request), and on a slow machine loading ~150
 * module files cost more than the work itself. So:
 * - `--version` answers from package.json without loading anything else;
 * - the build (scripts/bundle.mjs) bundles dist/cli.js and its dependencies into one file,
 *   dist/coopscore.cjs, and warms it on the seeds to save V8's code cache beside it; here the bundle
 *   is compiled with that cache, so most functions are not parsed or compiled again;
 * - without a bundle (a plain `tsc` build, or COOPSCORE_NO_BUNDLE=1) the modules load as usual.
 * A cache from another Node or V8 version is rejected by V8 and the bundle compiles normally.
 * This file is CommonJS (as is the bin) because Node starts a CommonJS entry a few ms sooner.
 */

type Run = (argv: readonly string[]) => Promise<number>;
type Main = (argv: readonly string[], io: unknown) => Promise<number>;

const BUNDLE = path.join(__dirname, 'coopscore.cjs');
const BUNDLE_CACHE = `${BUNDLE}.cache`;

/** Compile the bundle (with its code cache when there is one) and return its exports and script. */
function loadBundle(cachedData?: Buffer): { exports: { run: Run; main: Main }; script: vm.Script } | undefined {
  let source: string;
  try {
    source = fs.readFileSync(BUNDLE, 'utf8');
  } catch {
    return undefined;
  }
  const script = new vm.Script(nodeModule.Module.wrap(source), { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as { run: Run; main: Main } };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, nodeModule.createRequire(BUNDLE), module, BUNDLE, __dirname);
  return { exports: module.exports, script };
}

/**
 * Bytecode a function runs before V8 considers optimising it: four times V8's default in Node 20
 * (67,584). A typical run (a few hundred events, under a fifth of a second) ends before most
 * optimised code would pay back its compile, and Node waits at exit for compiles still in
 * progress; a long run reaches the larger budget within milliseconds. Measured with
 * bench/run.mjs's start-up group (docs/performance.md, "A patient optimiser").
 * COOPSCORE_V8_DEFAULTS=1 leaves V8's own.
 */
const INTERRUPT_BUDGET = 270_336;

/**
 * Set after the bundle is compiled: a V8 flag changed before would make V8 refuse the code cache
 * (its flags must match the build's). The flag decides only when code is optimised, never what
 * it computes.
 */
function patientOptimizer(): void {
  if (process.env.COOPSCORE_V8_DEFAULTS) return;
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

async function boot(argv: readonly string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  let cache: Buffer | undefined;
  try {
    cache = fs.readFileSync(BUNDLE_CACHE);
  } catch {
    cache = undefined;
  }
  const bundle = process.env.COOPSCORE_NO_BUNDLE ? undefined : loadBundle(cache);
  const run: Run = bundle ? bundle.exports.run : (await import('./cli.js')).run;
  patientOptimizer();
  return run(argv);
}

export = { boot, loadBundle, BUNDLE, BUNDLE_CACHE };
