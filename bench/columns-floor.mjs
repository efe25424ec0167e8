// How close to JSON.parse a pass over JSON Lines gets when it keeps each event as columns instead
// of an object: the floor a streaming engine (one that never holds the events) would build on.
// Each stage adds one piece of work to the one before, and runs in a child process of its own:
//   0  JSON.parse each line (the bench's floor)
//   1  + the accept-only event check (src/core/event-check.ts), its result dropped
//   2  + columns: day number, kind and status codes, magnitude, in typed arrays
//   3  + each event's id kept (a string per event)
//   4  + the ids checked for repeats (a map of every id)
// usage: npm run build && node bench/columns-floor.mjs FILE.jsonl [RUNS]
// It runs the stages in rounds (RUNS, default 3, so a busy machine slows them alike) and prints
// each stage's median wall time, its ratio to stage 0's, and the heap and resident memory at its
// end (after a full collection; the largest over the runs). Not part of `npm run bench`: it
// measures a design, not coopscore.
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const STAGES = ['JSON.parse per line', '+ accept-only check', '+ columns (day, kind, status, magnitude)', '+ ids kept', '+ ids checked for repeats'];
const [file, second] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/columns-floor.mjs FILE.jsonl [RUNS]\n');
  process.exit(2);
}

if (!second?.startsWith('stage=')) {
  const runs = Number(second ?? 3);
  const samples = STAGES.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (let stage = 0; stage < STAGES.length; stage++) {
      const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), file, `stage=${stage}`], { encoding: 'utf8' });
      if (run.status !== 0) {
        process.stderr.write(run.stderr);
        process.exit(1);
      }
      samples[stage].push(JSON.parse(run.stdout));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(samples[0].map((r) => r.ms));
  console.log(`| stage (${runs} run${runs === 1 ? "" : "s"} each) | lines | wall | ratio | heap | RSS |\n|---|---:|---:|---:|---:|---:|`);
  for (const [i, rs] of samples.entries()) {
    const ms = median(rs.map((r) => r.ms));
    const most = (key) => Math.max(...rs.map((r) => r[key]));
    console.log(`| ${STAGES[i]} | ${rs[0].lines} | ${(ms / 1000).toFixed(2)} s | ${(ms / base).toFixed(2)}× | ${most('heapMB')} MB | ${most('rssMB')} MB |`);
  }
  // Lines the check refuses skip the later stages' work (coopscore would ask the schema to word their problems).
  const { refused, repeats } = samples.at(-1)[0];
  if (refused || repeats) console.log(`\n${refused} line${refused === 1 ? '' : 's'} refused by the check; ${repeats} repeated id${repeats === 1 ? '' : 's'}`);
  process.exit(0);
}

const stage = Number(second.slice('stage='.length));
const dist = (module) => import(pathToFileURL(path.join(ROOT, 'dist', module)).href);
const { acceptEvent } = await dist('core/event-check.js');
const { vocabularyOf } = await dist('core/validate.js');
const { dayNumber } = await dist('core/dates.js');
const { loadIndicatorSet } = await dist('io/load.js');
const { set } = await loadIndicatorSet(undefined, ROOT);
const vocab = vocabularyOf(set);

const start = performance.now();
let capacity = 1 << 16;
let day = new Int32Array(capacity);
let kind = new Uint16Array(capacity);
let status = new Uint8Array(capacity);
let magnitude = new Float64Array(capacity);
const ids = [];
const firstAt = new Map();
const codes = [new Map(), new Map()];
const codeOf = (map, word) => {
  let code = map.get(word);
  if (code === undefined) map.set(word, (code = map.size));
  return code;
};
const grow = () => {
  capacity *= 2;
  const bigger = (old, Type) => {
    const next = new Type(capacity);
    next.set(old);
    return next;
  };
  [day, kind, status, magnitude] = [bigger(day, Int32Array), bigger(kind, Uint16Array), bigger(status, Uint8Array), bigger(magnitude, Float64Array)];
};
let lines = 0;
let refused = 0;
let repeats = 0;
const line = (text) => {
  const raw = JSON.parse(text);
  lines++;
  if (stage < 1) return;
  const event = acceptEvent(raw, vocab);
  if (event === undefined) return void refused++;
  if (stage < 2) return;
  const at = lines - 1;
  if (at === capacity) grow();
  day[at] = dayNumber(event.date);
  kind[at] = codeOf(codes[0], event.kind);
  status[at] = codeOf(codes[1], event.status);
  magnitude[at] = event.magnitude ?? 1;
  if (stage < 3) return;
  ids.push(event.id);
  if (stage < 4) return;
  if (firstAt.has(event.id)) repeats++;
  else firstAt.set(event.id, at);
};
let rest = '';
for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
  const text = rest + chunk;
  let from = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
    if (nl > from) line(text.slice(from, nl));
    from = nl + 1;
  }
  rest = text.slice(from);
}
if (rest.trim()) line(rest);
const ms = performance.now() - start;
globalThis.gc();
const memory = process.memoryUsage();
console.log(JSON.stringify({ lines, refused, repeats, ms, heapMB: Math.round(memory.heapUsed / 1e6), rssMB: Math.round(memory.rss / 1e6) }));
