// Deterministic synthetic event sets for the benchmark. The same arguments always write the same
// bytes (a seeded PRNG, no clock), so runs on different days measure the same input.
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

// The engine's own seeded generator (mulberry32); the bench runs after `npm run build`.
import { mulberry32 as prng } from '../dist/core/random.js';

// Kinds weighted roughly as a real feed would carry them: mostly the subject's enforcement.
const SUBJECT_KINDS = [
  'arrest', 'arrest', 'prosecution', 'conviction', 'seizure', 'seizure', 'intel-response', 'intel-sharing',
  'export-control', 'industry-inspection', 'website-takedown', 'scheduling', 'kyc-rule', 'kyc-enforcement',
  'pill-press-control', 'aml-action', 'aml-engagement', 'multilateral', 'cooperation-suspension', 'dialogue',
];
const OTHER_KINDS = ['intel-sharing', 'us-indictment', 'us-sanction', 'us-designation', 'dialogue', 'overdose-statistic', 'bilateral-crisis'];
const STATUSES = ['enforced', 'enforced', 'enforced', 'in-force', 'announced', 'pledged', 'refused', 'reversed'];
const SUBSTANCES = ['fentanyl', 'fentanyl-precursors', 'nonscheduled-precursors', 'xylazine', 'nitazenes', 'methamphetamine', 'meth-precursors'];
const TAGS = ['us-intel-lead', 'money-laundering', 'joint-operation', 'online', 'port'];
const WORDS = (
  'provincial police public security bureau customs officers detained suspects seized precursor chemicals ' +
  'shipment warehouse port inspection traders online listings pharmaceutical companies export licences ' +
  'ministry notice court sentenced network laboratory tablets kilograms investigation joint operation ' +
  'financial intelligence bank accounts brokers transfers regulators announced controls scheduling'
).split(' ');
const GRADES = ['A', 'B', 'B', 'C', 'C', 'D', 'F'];

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
function sentence(rand, min, max) {
  const n = min + Math.floor(rand() * (max - min + 1));
  const words = [];
  for (let i = 0; i < n; i++) words.push(pick(rand, WORDS));
  const text = words.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}
function date(rand) {
  // 2019-01-01 .. 2024-06-30, as whole UTC days.
  const start = Date.UTC(2019, 0, 1);
  const days = Math.floor(rand() * 2008);
  return new Date(start + days * 86_400_000).toISOString().slice(0, 10);
}

/** One event as plain data (the shape DESIGN.md section 2 describes). */
export function makeEvent(rand, n) {
  const subject = rand() < 0.85;
  const kind = subject ? pick(rand, SUBJECT_KINDS) : pick(rand, OTHER_KINDS);
  const event = {
    id: `ev-${String(n).padStart(7, '0')}-${kind}`,
    date: date(rand),
    actor: subject ? 'CN' : 'US',
    kind,
    status: pick(rand, STATUSES),
    summary: sentence(rand, 8, 18),
  };
  if (rand() < 0.4) event.magnitude = 1 + Math.floor(rand() * 40);
  if (rand() < 0.5) {
    const s = new Set([pick(rand, SUBSTANCES)]);
    if (rand() < 0.3) s.add(pick(rand, SUBSTANCES));
    event.substances = [...s];
  }
  if (rand() < 0.3) event.tags = [pick(rand, TAGS)];
  const source = { title: `${pick(rand, ['Ministry notice', 'Court record', 'Press release', 'News report'])} ${n % 997}` };
  if (rand() < 0.6) source.url = `https://example.org/reports/${n}`;
  if (rand() < 0.3) source.published = date(rand);
  if (rand() < 0.8) {
    source.reliability = pick(rand, GRADES);
    source.credibility = 1 + Math.floor(rand() * 6);
  }
  event.source = source;
  if (rand() < 0.25) event.notes = `${sentence(rand, 12, 20)} ${sentence(rand, 10, 18)}`;
  return event;
}

// The source's published date must not be after the event's own scoring window; keep the report
// free of warnings so the bench measures the common case.
function tidy(event) {
  if (event.source.published && event.source.published < event.date) event.source.published = event.date;
  if (event.source.published && event.source.published > '2024-06-30') event.source.published = '2024-06-30';
  return event;
}

const yamlString = (s) => (/^[\w .,'-]+$/.test(s) && !/^[\d-]/.test(s) ? s : JSON.stringify(s));

/** An event file as an analyst writes it: block style, unquoted dates, a folded `notes` block. */
export function toYaml(events, { quoteDates = false } = {}) {
  const d = (s) => (quoteDates ? `"${s}"` : s);
  const out = ['# synthetic events for the coopscore benchmark', 'subject: CN', 'events:'];
  for (const e of events) {
    out.push(`  - id: ${e.id}`, `    date: ${d(e.date)}`, `    actor: ${e.actor}`, `    kind: ${e.kind}`, `    status: ${e.status}`);
    out.push(`    summary: ${yamlString(e.summary)}`);
    if (e.magnitude !== undefined) out.push(`    magnitude: ${e.magnitude}`);
    if (e.substances) out.push(`    substances: [${e.substances.join(', ')}]`);
    if (e.tags) out.push(`    tags: [${e.tags.join(', ')}]`);
    out.push('    source:', `      title: ${yamlString(e.source.title)}`);
    if (e.source.url) out.push(`      url: ${e.source.url}`);
    if (e.source.published) out.push(`      published: ${d(e.source.published)}`);
    if (e.source.reliability) out.push(`      reliability: ${e.source.reliability}`, `      credibility: ${e.source.credibility}`);
    if (e.notes) {
      // A folded block over two lines, broken at a space as an editor would wrap it.
      const cut = e.notes.indexOf(' ', 50);
      out.push('    notes: >-', `      ${e.notes.slice(0, cut)}`, `      ${e.notes.slice(cut + 1)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * Write `files` YAML files of `perFile` events each into `dir` (and the same events with quoted
 * dates into `quotedDir` when given, for ajv-cli). Event numbers start at `first` so ids stay unique.
 */
export function writeYamlSet(dir, { files, perFile, seed, quotedDir }) {
  mkdirSync(dir, { recursive: true });
  if (quotedDir) mkdirSync(quotedDir, { recursive: true });
  const rand = prng(seed);
  let n = 0;
  let bytes = 0;
  for (let f = 0; f < files; f++) {
    const events = [];
    for (let i = 0; i < perFile; i++) events.push(tidy(makeEvent(rand, n++)));
    const name = `events-${String(f).padStart(4, '0')}.yaml`;
    const text = toYaml(events);
    bytes += Buffer.byteLength(text);
    writeFileSync(path.join(dir, name), text);
    if (quotedDir) writeFileSync(path.join(quotedDir, name), toYaml(events, { quoteDates: true }));
  }
  return { files, events: n, bytes };
}

/** One JSON object per line, written in chunks so the generator itself stays small in memory. */
export async function writeJsonl(file, { events, seed }) {
  mkdirSync(path.dirname(file), { recursive: true });
  const rand = prng(seed);
  const out = createWriteStream(file);
  let bytes = 0;
  let chunk = [];
  for (let n = 0; n < events; n++) {
    chunk.push(JSON.stringify(tidy(makeEvent(rand, n))));
    if (chunk.length === 2000 || n === events - 1) {
      const text = `${chunk.join('\n')}\n`;
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, 'drain');
      chunk = [];
    }
  }
  out.end();
  await once(out, 'finish');
  return { files: 1, events, bytes };
}
