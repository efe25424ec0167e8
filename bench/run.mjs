// coopscore benchmark: start-up, throughput against the parse floors, the ajv-cli peer, and peak
// memory, measured side by side (commands interleaved round by round, so a busy machine slows
// all of them alike) and reported as medians and ratios.
//
//   npm run bench                  full sizes (1k/10k/100k YAML events, 1M JSON Lines events)
//   npm run bench -- --smoke       tiny sizes, one run each: proves the bench works (CI runs this)
//   options: --runs N (rounds for the small commands), --only startup,y1k,... --out FILE, --save
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeJsonl, writeYamlSet } from './generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const smoke = flag('--smoke');
const baseRuns = Number(option('--runs') ?? (smoke ? 1 : 7));
const only = option('--only')?.split(',');

// ---- data -----------------------------------------------------------------------------------
const SIZES = smoke
  ? { y1k: [1, 100], y10k: [4, 100], y100k: [10, 100], small: [50, 20], jsonl: 5_000 }
  : { y1k: [1, 1_000], y10k: [10, 1_000], y100k: [100, 1_000], small: [1_000, 20], jsonl: 1_000_000 };
const generator = readFileSync(new URL('./generate.mjs', import.meta.url));
const dataKey = createHash('sha256').update(generator).update(JSON.stringify(SIZES)).digest('hex').slice(0, 12);
const DATA = path.join(os.tmpdir(), `coopscore-bench-${dataKey}`);

/**
 * The data is shared by every checkout on the machine (it is the same for the same generator and
 * sizes), so it is generated in a folder of this run's own and renamed into place: a run never
 * reads another's half-written files.
 */
async function prepareData() {
  const marker = path.join(DATA, 'datasets.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8'));
  const building = `${DATA}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  process.stderr.write(`generating synthetic events in ${DATA} ...\n`);
  const sets = {};
  let seed = 1;
  for (const id of ['y1k', 'y10k', 'y100k']) {
    const [files, perFile] = SIZES[id];
    sets[id] = writeYamlSet(path.join(building, id), { files, perFile, seed: seed++ });
  }
  const [files, perFile] = SIZES.small;
  sets.small = writeYamlSet(path.join(building, 'small'), { files, perFile, seed: seed++, quotedDir: path.join(building, 'small-quoted') });
  sets.jsonl = await writeJsonl(path.join(building, 'jsonl', 'events.jsonl'), { events: SIZES.jsonl, seed: seed++ });
  writeFileSync(path.join(building, 'datasets.json'), JSON.stringify(sets, null, 2));
  try {
    // A folder without the marker is left from an interrupted run (runs only ever rename complete data in).
    if (existsSync(DATA) && !existsSync(marker)) rmSync(DATA, { recursive: true, force: true });
    renameSync(building, DATA);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another run finished first: use its data
  }
  return JSON.parse(readFileSync(marker, 'utf8'));
}

// ---- measuring ------------------------------------------------------------------------------
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const RUSAGE_HOOK = fileURLToPath(new URL('./rusage-hook.cjs', import.meta.url));
const scratch = path.join(os.tmpdir(), `coopscore-bench-run-${process.pid}`);
mkdirSync(scratch, { recursive: true });
process.on('exit', () => rmSync(scratch, { recursive: true, force: true })); // also when a command fails

/**
 * Run one command; wall time from here, CPU time and peak RSS from /usr/bin/time (or, without it,
 * from a preload that reports the node process's own resource usage at exit).
 */
function measure(command) {
  const usage = path.join(scratch, 'usage');
  rmSync(usage, { force: true });
  const [exe, ...args] = command.argv;
  const env = { ...process.env, NO_COLOR: '1' };
  let spawnArgs;
  if (TIME) spawnArgs = [TIME, ['-f', '%U %S %M', '-o', usage, exe, ...args]];
  else {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${RUSAGE_HOOK}`.trim();
    env.COOPSCORE_BENCH_RUSAGE = usage;
    spawnArgs = [exe, args];
  }
  const start = process.hrtime.bigint();
  const r = spawnSync(spawnArgs[0], spawnArgs[1], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== (command.expect ?? 0)) {
    throw new Error(`${command.label}: exit ${r.status} (expected ${command.expect ?? 0})\n${r.stderr.toString().slice(-2000)}`);
  }
  const [user, sys, rssKiB] = readFileSync(usage, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys, rssMiB: rssKiB / 1024 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- what to run ----------------------------------------------------------------------------
const node = process.execPath;
const cli = (...args) => [node, path.join(ROOT, 'bin', 'coopscore.js'), ...args];
const floor = (parser, target) => [node, path.join(ROOT, 'bench', 'floors.mjs'), parser, target];

function commands(sets) {
  const d = (id) => path.join(DATA, id);
  const jsonl = path.join(DATA, 'jsonl', 'events.jsonl');
  const schemaFile = path.join(scratch, 'events.schema.json');
  const big = smoke ? baseRuns : Math.max(3, Math.ceil(baseRuns / 2));
  const list = [
    { group: 'startup', id: 'node', label: 'node -e 0', argv: [node, '-e', '0'], runs: baseRuns * 2 },
    { group: 'startup', id: 'version', label: 'coopscore --version', argv: cli('--version'), runs: baseRuns * 2, ratioOf: 'node', target: 1.3 },
    { group: 'startup', id: 'help', label: 'coopscore --help', argv: cli('--help'), runs: baseRuns * 2, ratioOf: 'node' },
    { group: 'startup', id: 'score-seeds', label: 'coopscore score seeds/', argv: cli('score', 'seeds/'), runs: baseRuns * 2, ratioOf: 'node', target: 1.8 },
    { group: 'startup', id: 'score-seeds-json', label: 'coopscore score --format json seeds/', argv: cli('score', '--format', 'json', 'seeds/'), runs: baseRuns * 2, ratioOf: 'node' },
    { group: 'startup', id: 'validate-seeds', label: 'coopscore validate seeds/', argv: cli('validate', 'seeds/'), runs: baseRuns * 2, ratioOf: 'node' },
  ];
  for (const id of ['y1k', 'y10k', 'y100k']) {
    const runs = id === 'y100k' ? big : baseRuns;
    const { files, events } = sets[id];
    const what = `${events} events in ${files} file${files === 1 ? '' : 's'}`;
    list.push(
      { group: id, id: `${id}-yaml`, label: `yaml parseDocument, ${what}`, argv: floor('yaml', d(id)), runs: id === 'y100k' ? Math.min(big, 3) : runs },
      { group: id, id: `${id}-js-yaml-5`, label: `js-yaml 5 load, ${what}`, argv: floor('js-yaml-5', d(id)), runs },
      { group: id, id: `${id}-js-yaml`, label: `js-yaml 4 load, ${what}`, argv: floor('js-yaml', d(id)), runs },
      { group: id, id: `${id}-validate`, label: `coopscore validate, ${what}`, argv: cli('validate', d(id)), runs, ratioOf: `${id}-js-yaml` },
      { group: id, id: `${id}-score`, label: `coopscore score, ${what}`, argv: cli('score', d(id)), runs, ratioOf: `${id}-js-yaml`, target: id === 'y100k' ? 2 : undefined },
      { group: id, id: `${id}-score-json`, label: `coopscore score --format json, ${what}`, argv: cli('score', '--format', 'json', d(id)), runs, ratioOf: `${id}-js-yaml` },
    );
    // What a run adds to scoring, against score on the same events: a monthly trend (every month
    // scored), the ledger (the composite at both ends of every lever's window) and the full
    // sensitivity analysis (200 draws with Sobol indices, each draw scoring every indicator again).
    if (id === 'y100k') {
      list.push({ group: id, id: `${id}-trend`, label: `coopscore trend --every month, ${what}`, argv: cli('trend', '--every', 'month', d(id)), runs, ratioOf: `${id}-score`, target: 3 });
    }
    if (id === 'y10k' || id === 'y100k') {
      list.push({ group: id, id: `${id}-ledger`, label: `coopscore ledger, ${what}`, argv: cli('ledger', d(id)), runs, ratioOf: `${id}-score` });
    }
    if (id === 'y1k') {
      list.push({ group: id, id: `${id}-sensitivity`, label: `coopscore score --sensitivity 200, ${what}`, argv: cli('score', '--sensitivity', '200', d(id)), runs, ratioOf: `${id}-score` });
    }
  }
  const { files, events } = sets.small;
  const smallWhat = `${files} files of ${events / files} events`;
  list.push(
    { group: 'peer', id: 'ajv-cli', label: `ajv-cli validate, ${smallWhat}`, argv: [node, path.join(ROOT, 'node_modules', 'ajv-cli', 'dist', 'index.js'), 'validate', '-s', schemaFile, '-d', `${d('small-quoted')}/*.yaml`, '--spec=draft2020', '-c', 'ajv-formats', '--strict=false'], runs: baseRuns },
    { group: 'peer', id: 'small-js-yaml', label: `js-yaml 4 load, ${smallWhat}`, argv: floor('js-yaml', d('small')), runs: baseRuns },
    { group: 'peer', id: 'small-validate', label: `coopscore validate, ${smallWhat}`, argv: cli('validate', d('small')), runs: baseRuns, ratioOf: 'ajv-cli', target: 1.0 },
  );
  const jsonlWhat = `${sets.jsonl.events} events, one JSON Lines file`;
  list.push(
    { group: 'jsonl', id: 'jsonl-parse', label: `JSON.parse per line, ${jsonlWhat}`, argv: floor('json-lines', jsonl), runs: big },
    // The file is larger than the default --max-file-size (50 MiB), which JSON Lines obeys too.
    { group: 'jsonl', id: 'jsonl-validate', label: `coopscore validate, ${jsonlWhat}`, argv: cli('validate', '--max-file-size', '1G', jsonl), runs: big, ratioOf: 'jsonl-parse' },
    { group: 'jsonl', id: 'jsonl-score', label: `coopscore score, ${jsonlWhat}`, argv: cli('score', '--max-file-size', '1G', jsonl), runs: big, ratioOf: 'jsonl-parse', target: 3, rssTargetMiB: 1024 },
  );
  return only ? list.filter((c) => only.includes(c.group)) : list;
}

// ---- run ------------------------------------------------------------------------------------
const sets = await prepareData();
// The schema is this checkout's, so it goes to this run's scratch folder, not the shared data.
spawnSync(node, [path.join(ROOT, 'bin', 'coopscore.js'), 'schema', 'events', '-o', path.join(scratch, 'events.schema.json')], { stdio: 'inherit' });
const list = commands(sets);
const samples = new Map(list.map((c) => [c.id, []]));
for (const group of [...new Set(list.map((c) => c.group))]) {
  const members = list.filter((c) => c.group === group);
  const rounds = Math.max(...members.map((c) => c.runs));
  process.stderr.write(`${group}: ${rounds} round${rounds === 1 ? '' : 's'} of ${members.length} commands\n`);
  for (let round = 0; round < rounds; round++) {
    for (const command of members) if (round < command.runs) samples.get(command.id).push({ ...measure(command), round });
  }
}

/** An argument as the report shows it: node by name, generated data under $DATA, the rest relative. */
const shown = (arg) =>
  arg === node ? 'node' : arg.includes(DATA) ? arg.replace(DATA, '$DATA') : path.isAbsolute(arg) ? path.relative(ROOT, arg) : arg;

const results = list.map((c) => {
  const s = samples.get(c.id);
  return {
    id: c.id,
    group: c.group,
    label: c.label,
    command: c.argv.map(shown).join(' '),
    runs: s.length,
    wallSeconds: { median: median(s.map((x) => x.wall)), min: Math.min(...s.map((x) => x.wall)), max: Math.max(...s.map((x) => x.wall)) },
    cpuSeconds: median(s.map((x) => x.cpu)),
    maxRssMiB: Math.max(...s.map((x) => x.rssMiB)),
    ...(c.ratioOf ? { ratioOf: c.ratioOf } : {}),
    ...(c.target !== undefined ? { target: c.target } : {}),
    ...(c.rssTargetMiB !== undefined ? { rssTargetMiB: c.rssTargetMiB } : {}),
  };
});
const byId = new Map(results.map((r) => [r.id, r]));
for (const r of results) {
  if (!r.ratioOf) continue;
  const base = byId.get(r.ratioOf);
  if (!base) continue;
  // A shared machine speeds up and slows down over minutes, alike for the commands of one round:
  // the ratio is the median of each round's own ratio (a command against its base in that round),
  // which that drift cancels out of; the ratio of the medians is kept beside it.
  const baseRounds = new Map(samples.get(base.id).map((x) => [x.round, x]));
  const paired = samples.get(r.id).filter((x) => baseRounds.has(x.round));
  r.ratioOfMedians = r.wallSeconds.median / base.wallSeconds.median;
  const ratios = paired.map((x) => x.wall / baseRounds.get(x.round).wall);
  r.ratio = paired.length ? median(ratios) : r.ratioOfMedians;
  // The spread of the rounds' own ratios: a verdict is clear only when every round agrees with it.
  if (ratios.length) r.ratioRange = [Math.min(...ratios), Math.max(...ratios)];
  r.cpuRatio = paired.length ? median(paired.map((x) => x.cpu / baseRounds.get(x.round).cpu)) : r.cpuSeconds / base.cpuSeconds;
  if (r.target !== undefined && !smoke) {
    r.pass = r.ratio <= r.target;
    r.clear = r.ratioRange === undefined || r.ratioRange[1] <= r.target || r.ratioRange[0] > r.target;
  }
  if (r.rssTargetMiB !== undefined && !smoke) r.rssPass = r.maxRssMiB <= r.rssTargetMiB;
}

const cpus = os.cpus();
const report = {
  benchmark: 'coopscore',
  version: 1,
  date: new Date().toISOString().slice(0, 10),
  mode: smoke ? 'smoke' : 'full',
  machine: {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  },
  measuredWith: TIME ? '/usr/bin/time (CPU, max RSS) and wall clock' : 'process.resourceUsage() at exit and wall clock',
  datasets: sets,
  results,
};

// ---- print ----------------------------------------------------------------------------------
const fmt = (x, digits = 2) => (x === undefined ? '' : x.toFixed(digits));
const lines = [
  `coopscore bench (${report.mode}), ${report.date}, ${report.machine.cpu} × ${report.machine.cores}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}`,
  '',
  '| measurement | median s | ratio | CPU ratio | vs | peak RSS MiB | target |',
  '|---|---:|---:|---:|---|---:|---|',
];
for (const r of results) {
  // Targets are for the full sizes; a smoke run only shows that every command works.
  const verdict = (pass) => (smoke ? '' : pass ? ' met' : ' missed');
  // A verdict some rounds contradict is within the machine's noise: the rounds' range says how far.
  const noise = smoke || r.clear !== false ? '' : ` (within noise: rounds ${fmt(r.ratioRange[0])}–${fmt(r.ratioRange[1])}×)`;
  const target = [
    r.target !== undefined ? `≤ ${r.target}×${verdict(r.pass)}${noise}` : '',
    r.rssTargetMiB !== undefined ? `RSS ≤ ${r.rssTargetMiB} MiB${verdict(r.rssPass)}` : '',
  ].filter(Boolean).join('; ');
  lines.push(`| ${r.label} | ${fmt(r.wallSeconds.median, 3)} | ${r.ratio === undefined ? '' : `${fmt(r.ratio)}×`} | ${r.cpuRatio === undefined ? '' : `${fmt(r.cpuRatio)}×`} | ${r.ratioOf ? byId.get(r.ratioOf).label.split(',')[0] : ''} | ${fmt(r.maxRssMiB, 0)} | ${target} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);

const out = option('--out') ?? path.join(ROOT, 'bench', 'out', `${report.mode}.json`);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
process.stderr.write(`wrote ${path.relative(ROOT, out)}\n`);
if (flag('--save')) {
  const saved = path.join(ROOT, 'bench', 'results', `${report.date}.json`);
  mkdirSync(path.dirname(saved), { recursive: true });
  writeFileSync(saved, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`saved ${path.relative(ROOT, saved)}\n`);
}
