// Build step after tsc: bundle dist/cli.js and its dependencies into dist/coopscore.cjs, then warm
// the bundle on the seeds and save V8's code cache for it (dist/coopscore.cjs.cache). src/boot.cts
// explains why; bin/coopscore.js uses both and falls back to dist/cli.js without them.
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { ONE_COLUMN } from './one-column.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(DIST, 'coopscore.cjs');
rmSync(OUT, { force: true });
rmSync(`${OUT}.cache`, { force: true });
rmSync(path.join(DIST, 'load-worker.cjs'), { force: true });
rmSync(path.join(DIST, 'ledger-worker.cjs'), { force: true });

// The bundled indicator set, validated now so runs need not (src/io/set-cache.ts).
const { DEFAULT_SET_CACHE, cacheFor } = await import(path.join(DIST, 'io', 'set-cache.js'));
rmSync(DEFAULT_SET_CACHE, { force: true });
const { loadIndicatorSet } = await import(path.join(DIST, 'io', 'load.js'));
const defaultSet = await loadIndicatorSet(undefined, ROOT, { reference: true });
if (!defaultSet.set) throw new Error(`the bundled indicator set does not validate: ${JSON.stringify(defaultSet.problems)}`);
writeFileSync(DEFAULT_SET_CACHE, `${JSON.stringify(cacheFor(defaultSet.sources.get(defaultSet.file), defaultSet.sha256, defaultSet.set))}\n`);

// Modules find files next to themselves (package.json, the bundled indicator set) through
// import.meta.url. In one bundle every module would share the bundle's URL, so each use is
// rewritten to the URL of the file the module was built to.
const moduleUrl = {
  name: 'module-url',
  transform(code, id) {
    if (!code.includes('import.meta.url')) return null;
    const file = JSON.stringify(path.relative(DIST, id).split(path.sep).join('/'));
    return code.replaceAll('import.meta.url', `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${file})).href`);
  },
};

// cli-table3 measures every word of every cell with string-width, whose emoji regex made the
// table format cost ~15 ms more than JSON at start-up. For a string of characters one column wide
// each (ONE_COLUMN: printable ASCII, the borders cli-table3 draws, the report's dashes and
// symbols), string-width returns the length, so the bundle answers that case directly and hands
// every other string, colour codes included, to string-width itself.
const FAST_WIDTH = '\0fast-string-width';
const fastStringWidth = {
  name: 'fast-string-width',
  resolveId(source, importer) {
    if (source === 'string-width' && importer?.includes(`${path.sep}cli-table3${path.sep}`)) return FAST_WIDTH;
    return null;
  },
  load(id) {
    if (id !== FAST_WIDTH) return null;
    const real = JSON.stringify(createRequire(path.join(ROOT, 'node_modules', 'cli-table3', 'index.js')).resolve('string-width'));
    return `const stringWidth = require(${real});
const ONE_COLUMN = /^[${ONE_COLUMN}]*$/;
module.exports = (s) => (typeof s === 'string' && ONE_COLUMN.test(s) ? s.length : stringWidth(s));
module.exports.default = module.exports;`;
  },
};

// A bundle requires every built-in module it imports when it starts, even for code that runs only
// sometimes. chalk (loaded only for colour) imports node:tty, ~2.5 ms to load when stdout is not a
// terminal: its one use, tty.isatty, is made to require the module when called.
const lazyTty = {
  name: 'lazy-tty',
  transform(code, id) {
    if (!id.includes(`${path.sep}chalk${path.sep}`) || !code.includes("import tty from 'node:tty';")) return null;
    return code.replace("import tty from 'node:tty';", "const tty = { isatty: (fd) => require('node:tty').isatty(fd) };");
  },
};

// More built-ins only some runs use: node:child_process (commander's executable subcommands,
// which coopscore has none of: ~4 ms to load), node:fs/promises (writing --out files and `init`:
// ~1 ms) and node:crypto (the inputs' digests, which only the JSON report prints, and --out's
// temporary names: ~4 ms). Each is required where a property of it is first read.
const LAZY_BUILTINS = ['node:child_process', 'node:fs/promises', 'node:crypto'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  renderChunk(code) {
    let out = code;
    for (const name of LAZY_BUILTINS) {
      const lazy = `new Proxy({}, { get: (_, key) => require(${JSON.stringify(name)})[key] })`;
      out = out.replaceAll(`require(${JSON.stringify(name)})`, lazy).replaceAll(`require(\`${name}\`)`, lazy);
    }
    return out === code ? null : out;
  },
};

const bundle = await rolldown({ input: path.join(DIST, 'cli.js'), platform: 'node', plugins: [moduleUrl, fastStringWidth, lazyTty, lazyBuiltins], logLevel: 'warn' });
// charset 'ascii' escapes the bundle's non-ASCII characters (the reports' ×, –, ≥ …): read as
// UTF-8, a file of ASCII only decodes on Node's fast path, ~2 ms sooner on every run than the
// ~400 non-ASCII characters it held made it (and V8 keeps it as one-byte text, half the memory).
const { output } = await bundle.write({ file: OUT, format: 'cjs', codeSplitting: false, minify: process.env.BUNDLE_MINIFY !== '0', charset: 'ascii' });
await bundle.close();
// (Minified code has no comments, so any import( left is a real one; BUNDLE_MINIFY=0 is for reading.)
if (process.env.BUNDLE_MINIFY !== '0' && output[0].code.includes('import(')) {
  throw new Error('the bundle still holds a dynamic import(); the code-cache loader cannot run it');
}
const nonAscii = output[0].code.search(/[^\x00-\x7f]/);
if (process.env.BUNDLE_MINIFY !== '0' && nonAscii !== -1) {
  throw new Error(`the bundle holds a non-ASCII character where charset 'ascii' could not escape it: …${output[0].code.slice(Math.max(0, nonAscii - 40), nonAscii + 10)}…`);
}

// The worker thread that shares the loading of many large files (src/io/parallel-load.ts).
const workerBundle = await rolldown({ input: path.join(DIST, 'io', 'load-worker.js'), platform: 'node', plugins: [moduleUrl], logLevel: 'warn' });
await workerBundle.write({ file: path.join(DIST, 'load-worker.cjs'), format: 'cjs', codeSplitting: false, minify: true });
await workerBundle.close();
// The worker thread that works out half of the ledger's composites (src/io/parallel-ledger.ts).
const ledgerBundle = await rolldown({ input: path.join(DIST, 'io', 'ledger-worker.js'), platform: 'node', plugins: [moduleUrl], logLevel: 'warn' });
await ledgerBundle.write({ file: path.join(DIST, 'ledger-worker.cjs'), format: 'cjs', codeSplitting: false, minify: true });
await ledgerBundle.close();

// Warm the bundle on what users run most, so the functions those runs compile are in the cache.
const { loadBundle, BUNDLE_CACHE } = createRequire(import.meta.url)(path.join(DIST, 'boot.cjs'));
const loaded = loadBundle();
const io = {
  stdout: () => {},
  stderr: () => {},
  cwd: ROOT,
  env: { NO_COLOR: '1' },
  stdoutIsTTY: false,
  readStdin: async () => Buffer.alloc(0),
};
const { main } = loaded.exports;
for (const argv of [['score', 'seeds'], ['score', '--format', 'json', 'seeds'], ['validate', 'seeds'], ['--help'], ['score', '--help']]) {
  const code = await main(argv, io);
  if (code !== 0) throw new Error(`warming the bundle: coopscore ${argv.join(' ')} exited ${code}`);
}
writeFileSync(BUNDLE_CACHE, loaded.script.createCachedData());
process.stderr.write(`bundled ${path.relative(ROOT, OUT)} (${Math.round(output[0].code.length / 1024)} KiB) and its code cache\n`);
