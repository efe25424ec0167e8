import { isCalendarDate } from './dates.js';
import { isRecord } from './guards.js';
import { isHttpUrl, type Vocabulary } from './schema.js';
import type { Event, EventSource } from './types.js';
import { CREDIBILITY_GRADES, DATE_PRECISIONS, RELIABILITY_GRADES, STATUSES } from './types.js';

/**
 * The accept-only check of one event: the event schema's data (src/core/schema.ts) when the event
 * is plainly valid, or undefined when it is not, or when this check is not sure. zod then checks
 * the event again and words its problems, so every problem comes from the schema; this only
 * saves zod's cost on the common case, a valid event (~4 µs an event through zod's compiled path,
 * and ~8 ms of start-up on the seeds' first events, against about a microsecond here).
 *
 * It must never accept what the schema refuses, and what it returns must equal the schema's
 * output, key order included (trimmed texts, copied lists and sources): test/event-check.test.ts
 * checks both on generated events, valid and broken, and on the seeds.
 */

/** The schema's output for a valid event, before the loader shapes it into an Event. */
export type CheckedEvent = Omit<Event, 'origin' | 'source'> & { source?: EventSource };

/**
 * Each word of a closed vocabulary to its own string, so every accepted event shares one copy of
 * it: JSON.parse makes a new string for each value longer than ten characters, and a million events
 * each holding their own "fentanyl-precursors" is tens of megabytes (the YAML scanner already
 * shares the strings it reads).
 */
const canonical = (words: Iterable<string>) => new Map<unknown, string>([...words].map((w) => [w, w]));
const STATUS = canonical(STATUSES);
const RELIABILITY = canonical(RELIABILITY_GRADES);
const CREDIBILITY = new Set<unknown>(CREDIBILITY_GRADES);
const PRECISION = canonical(DATE_PRECISIONS);
const EVENT_KEYS = new Set([
  'id', 'date', 'actor', 'kind', 'status', 'summary', 'magnitude', 'substances', 'tags',
  'source', 'sources', 'notes', 'measure', 'due', 'datePrecision',
]);
const SOURCE_KEYS = new Set(['title', 'publisher', 'url', 'published', 'reliability', 'credibility']);

interface VocabularySets {
  kinds: Map<unknown, string>;
  substances: Map<unknown, string>;
}
const sets = new WeakMap<Vocabulary, VocabularySets>();
const setsOf = (vocab: Vocabulary): VocabularySets => {
  let s = sets.get(vocab);
  if (!s) sets.set(vocab, (s = { kinds: canonical(vocab.kinds), substances: canonical(vocab.substances) }));
  return s;
};

/** A mapping as JSON and YAML parsers build it (the schema judges anything else: a class instance, a null prototype). */
const isPlainRecord = (x: unknown): x is Record<string, unknown> => isRecord(x) && Object.getPrototypeOf(x) === Object.prototype;

// The schema's patterns read a character at a time (a regular expression costs more per call than
// these whole checks); the property test holds each to its pattern.
const isLowerOrDigit = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
/** The schema's id (and tag) pattern, /^[a-z0-9][a-z0-9._-]*$/, within `max` characters. */
function isIdText(x: unknown, max: number): x is string {
  if (typeof x !== 'string' || x.length < 1 || x.length > max || !isLowerOrDigit(x.charCodeAt(0))) return false;
  for (let i = 1; i < x.length; i++) {
    const c = x.charCodeAt(i);
    if (!isLowerOrDigit(c) && c !== 0x2e && c !== 0x5f && c !== 0x2d) return false;
  }
  return true;
}
/** The schema's actor pattern, /^[A-Z][A-Z0-9-]{1,15}$/. */
function isActor(x: unknown): x is string {
  if (typeof x !== 'string' || x.length < 2 || x.length > 16) return false;
  const first = x.charCodeAt(0);
  if (first < 0x41 || first > 0x5a) return false;
  for (let i = 1; i < x.length; i++) {
    const c = x.charCodeAt(i);
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d)) return false;
  }
  return true;
}
const isId = (x: unknown): x is string => isIdText(x, 200);
const isDate = (x: unknown): x is string => typeof x === 'string' && isCalendarDate(x);

/** `z.string().trim().min(1).max(max)`: the trimmed text, or undefined. */
function trimmed(x: unknown, max: number): string | undefined {
  if (typeof x !== 'string') return undefined;
  const t = x.trim();
  return t.length >= 1 && t.length <= max ? t : undefined;
}

/** A source, copied in the schema's key order, or undefined. */
function checkSource(raw: unknown): EventSource | undefined {
  if (!isPlainRecord(raw)) return undefined;
  for (const key of Object.keys(raw)) if (!SOURCE_KEYS.has(key) || raw[key] === undefined) return undefined;
  const title = trimmed(raw.title, 10_000);
  if (title === undefined) return undefined;
  const out: EventSource = { title };
  if ('publisher' in raw) {
    const publisher = trimmed(raw.publisher, 500);
    if (publisher === undefined) return undefined;
    out.publisher = publisher;
  }
  if ('url' in raw) {
    if (typeof raw.url !== 'string' || !isHttpUrl(raw.url)) return undefined;
    out.url = raw.url;
  }
  if ('published' in raw) {
    if (!isDate(raw.published)) return undefined;
    out.published = raw.published;
  }
  if ('reliability' in raw) {
    const reliability = RELIABILITY.get(raw.reliability);
    if (reliability === undefined) return undefined;
    out.reliability = reliability as EventSource['reliability'];
  }
  if ('credibility' in raw) {
    if (!CREDIBILITY.has(raw.credibility)) return undefined;
    out.credibility = raw.credibility as EventSource['credibility'];
  }
  return out;
}

/** A list of at most `max` items, each passing `item` (which returns the item's output or undefined). */
function listOf<T>(x: unknown, min: number, max: number, item: (v: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(x) || x.length < min || x.length > max) return undefined;
  const out: T[] = new Array<T>(x.length);
  for (let i = 0; i < x.length; i++) {
    if (!(i in x)) return undefined; // a hole: leave it to the schema
    const v = item(x[i]);
    if (v === undefined) return undefined;
    out[i] = v;
  }
  return out;
}

/** The schema's output for `raw` when it is a plainly valid event, else undefined (ask the schema). */
export function acceptEvent(raw: unknown, vocab: Vocabulary): CheckedEvent | undefined {
  if (!isPlainRecord(raw)) return undefined;
  for (const key of Object.keys(raw)) if (!EVENT_KEYS.has(key) || raw[key] === undefined) return undefined;
  const { id, date, actor, kind, status } = raw;
  const words = setsOf(vocab);
  if (!isId(id) || !isDate(date)) return undefined;
  if (!isActor(actor)) return undefined;
  const kindWord = words.kinds.get(kind);
  const statusWord = STATUS.get(status);
  if (kindWord === undefined || statusWord === undefined) return undefined;
  const summary = trimmed(raw.summary, 10_000);
  if (summary === undefined) return undefined;
  // In the schema's key order, as zod builds its output.
  const out = { id, date, actor, kind: kindWord, status: statusWord, summary } as CheckedEvent;
  if ('magnitude' in raw) {
    const m = raw.magnitude;
    if (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || m > 1_000_000_000) return undefined;
    out.magnitude = m;
  }
  if ('substances' in raw) {
    const substances = listOf(raw.substances, 0, 100, (s) => words.substances.get(s));
    if (!substances) return undefined;
    out.substances = substances;
  }
  if ('tags' in raw) {
    const tags = listOf(raw.tags, 0, 100, (t) => (isIdText(t, 100) ? t : undefined));
    if (!tags) return undefined;
    out.tags = tags;
  }
  const hasSource = 'source' in raw;
  const hasSources = 'sources' in raw;
  if (hasSource === hasSources) return undefined;
  if (hasSource) {
    const source = checkSource(raw.source);
    if (!source) return undefined;
    out.source = source;
  } else {
    const sources = listOf(raw.sources, 1, 100, checkSource);
    if (!sources) return undefined;
    out.sources = sources;
  }
  if ('notes' in raw) {
    if (typeof raw.notes !== 'string' || raw.notes.length > 100_000) return undefined;
    out.notes = raw.notes;
  }
  if ('measure' in raw) {
    if (!isId(raw.measure)) return undefined;
    out.measure = raw.measure;
  }
  if ('due' in raw) {
    const due = raw.due;
    if (!isDate(due) || (statusWord !== 'pledged' && statusWord !== 'announced') || due < date) return undefined;
    out.due = due;
  }
  if ('datePrecision' in raw) {
    const precision = PRECISION.get(raw.datePrecision);
    if (precision === undefined) return undefined;
    out.datePrecision = precision as CheckedEvent['datePrecision'];
  }
  return out;
}
