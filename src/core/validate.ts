import { z } from 'zod';
import { acceptEvent, type CheckedEvent } from './event-check.js';
import { FirstSeen } from './first-seen.js';
import { bestSource } from './grade.js';
import { isRecord } from './guards.js';
import { clauseValues } from './match.js';
import { once } from './once.js';
import { didYouMeanHint, problemText as say } from './messages.js';
import { MAX_WEIGHT_TOTAL } from './numbers.js';
import { didYouMean, problem, type ProblemCode, type Span } from './problems.js';
import { eventFileSchema, eventSchema, indicatorSetSchema, type Vocabulary } from './schema.js';
import { nameAndCode, placeholderTexts, scoresAnySubject, subjectRefusal, unknownPlaceholders } from './subject.js';
import type { Event, IndicatorSet, MatchClause, Problem } from './types.js';
import { STATUSES } from './types.js';

type PathKey = string | number;

/** A parsed document that can point back into its text; what the loaders hand to validation. */
export interface LocatedData {
  file: string;
  data: unknown;
  locate(path: readonly PathKey[], part?: 'key' | 'value'): Span;
}

const describe = (x: unknown): string =>
  x === null
    ? 'null'
    : Array.isArray(x)
      ? 'a list'
      : typeof x === 'object'
        ? 'a mapping'
        : `${typeof x} ${typeof x === 'number' || typeof x === 'bigint' ? String(x) : JSON.stringify(x)}`;

function fieldName(path: readonly PathKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), '');
}

/** Wrappers that only make a value optional or give it a default: the keys are those of what they wrap. */
const WRAPPERS = [z.ZodOptional, z.ZodNullable, z.ZodDefault, z.ZodPrefault, z.ZodNonOptional, z.ZodReadonly, z.ZodCatch];
const isWrapper = (s: z.ZodType): s is z.ZodType & { unwrap(): z.ZodType } => WRAPPERS.some((W) => s instanceof W);

/** The keys an object schema allows at a path (through lists, records and optionals), read from the schema itself. */
function schemaKeysAt(schema: z.ZodType, path: readonly PathKey[]): string[] {
  const unwrap = (s: z.ZodType | undefined): z.ZodType | undefined => {
    while (s && isWrapper(s)) s = s.unwrap();
    // a clause is "one or many": the object form is the option with a shape
    if (s instanceof z.ZodUnion) return (s.options as readonly z.ZodType[]).map(unwrap).find((o) => o instanceof z.ZodObject) ?? s;
    return s;
  };
  let at = unwrap(schema);
  for (const key of path) {
    const next = at instanceof z.ZodObject ? at.shape[String(key)] : at instanceof z.ZodArray ? at.element : at instanceof z.ZodRecord ? at.valueType : undefined;
    at = unwrap(next as z.ZodType | undefined);
  }
  return at instanceof z.ZodObject ? Object.keys(at.shape) : [];
}

/**
 * An event file's schema, for its keys only: the vocabulary changes which kinds and substances
 * are valid, never which keys an event has. Built on the first unknown key, not at start-up.
 */
let keySchema: ReturnType<typeof eventFileSchema> | undefined;
const eventKeySchema = () => (keySchema ??= eventFileSchema({ kinds: ['-'], substances: ['-'] }));

/**
 * The keys at the top of an event file, as eventFileSchema has them (test/event-check.test.ts holds
 * the two together): written out so a valid file never builds the schema to read them.
 */
export const EVENT_FILE_KEYS = ['subject', 'events'] as const;

/** What a document is checked as: events, an indicator set, or another whole-document schema (a config file). */
type DocKind = 'events' | 'set' | z.ZodType;

/**
 * Keys allowed at a path, for "did you mean" on unknown keys. zod checks one event at a time, so
 * an event's issue path starts at the event (a JSON Lines event sits at the root).
 */
function keysAt(issuePath: readonly PathKey[], kind: DocKind): readonly string[] {
  if (typeof kind === 'object') return schemaKeysAt(kind, issuePath);
  if (kind === 'set') return schemaKeysAt(indicatorSetSchema(), issuePath);
  return schemaKeysAt(eventKeySchema(), ['events', 0, ...issuePath]);
}

export function issueProblems(
  issue: z.core.$ZodIssue,
  doc: LocatedData,
  prefix: readonly PathKey[],
  vocab: Vocabulary | undefined,
  kind: DocKind,
): Problem[] {
  const path = [...prefix, ...(issue.path as PathKey[])];
  const last = path.at(-1);
  const field = fieldName(path) || (kind === 'events' ? 'the event' : 'file');
  const input = (issue as { input?: unknown }).input;
  const at = (code: ProblemCode, message: string, hint?: string, part: 'key' | 'value' = 'value') =>
    problem(doc.file, doc.locate(path, part), code, message, hint ? { hint } : {});

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, keysAt(issue.path as PathKey[], kind));
        const hint = didYouMeanHint(suggestion);
        return problem(doc.file, doc.locate([...path, key], 'key'), 'unknown-key', say('unknown-key', { key, where: field }), hint ? { hint } : {});
      });
    case 'invalid_type':
      if (input === undefined) return [at('missing-field', say('missing-field', { field: String(last) }))];
      if (last === 'date' || last === 'published') return [at('invalid-date', say('invalid-date', { field, got: describe(input) }))];
      if (typeof input === 'number' && !Number.isFinite(input)) return [at('invalid-value', say('invalid-value/not-finite', { field, value: input }))];
      return [at('invalid-type', say('invalid-type', { field, expected: EXPECTED[issue.expected] ?? issue.expected, got: describe(input) }))];
    case 'invalid_value': {
      // A schema's own words for the value (a literal's `error`) become the hint.
      if (input === undefined) return [at('missing-field', say('missing-field', { field: String(last) }), issue.message.startsWith('Invalid') ? undefined : issue.message)];
      const options = issue.values.map(String);
      const word = String(input);
      const hint = didYouMean(word, options);
      const hintText = didYouMeanHint(hint);
      if (kind === 'events' && last === 'kind') return [at('unknown-kind', say('unknown-kind', { kind: word }), hintText ?? say('hint/list-kinds', {}))];
      if (last === 'status') return [at('unknown-status', say('unknown-status', { status: word, statuses: STATUSES }), hintText)];
      if (kind === 'events' && path.at(-2) === 'substances') return [at('unknown-substance', say('unknown-substance', { substance: word }), hintText)];
      return [at('invalid-value', say('invalid-value/one-of', { field, options, got: describe(input) }), hintText)];
    }
    case 'custom': {
      const code = (issue.params as { code?: ProblemCode } | undefined)?.code ?? 'invalid-value';
      return [at(code, issue.message)];
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'string') {
        if (small) return [at('invalid-value', limit <= 1 ? say('invalid-value/empty', { field }) : say('invalid-value/min-length', { field, limit }))];
        return [at('invalid-value', say('invalid-value/max-length', { field, length: String(input).length, limit }))];
      }
      if (issue.origin === 'array') {
        return [at('invalid-value', say('invalid-value/items', { field, most: !small, limit, ...(Array.isArray(input) ? { count: input.length } : {}) }))];
      }
      const inclusive = issue.inclusive !== false;
      const relation = small ? (inclusive ? 'at least' : 'greater than') : inclusive ? 'at most' : 'less than';
      return [at('invalid-value', say('invalid-value/bound', { field, relation, limit, got: describe(input) }))];
    }
    case 'invalid_union':
      if (last === 'credibility') return [at('invalid-value', say('invalid-value/credibility', { field, got: describe(input) }))];
      return [at('invalid-type', say('invalid-type/form', { field, got: describe(input) }))];
    default:
      return [at('invalid-value', issue.message.startsWith(String(last)) ? issue.message : say('invalid-value/schema', { field, text: issue.message }))];
  }
}

/**
 * Validate a whole document against a zod schema (a config file, say): its data, or its problems
 * located at file:line:col, with "did you mean" for unknown keys read from the schema itself.
 */
export function validateDocument<T extends z.ZodType>(doc: LocatedData, schema: T): { data?: z.output<T>; problems: Problem[] } {
  const result = schema.safeParse(doc.data, PARSE_OPTIONS);
  if (result.success) return { data: result.data, problems: [] };
  return { problems: result.error.issues.flatMap((issue) => issueProblems(issue, doc, [], undefined, schema)) };
}

const EXPECTED: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

// jitless: zod's per-object eval fast path costs more to generate (~5 ms at start-up) than it saves on
// the one indicator set and the few events of a typical run; large runs use z.compile (src/io/load.ts).
const PARSE_OPTIONS = { reportInput: true, jitless: true } as const;

/** What validation asks of the event schema: zod's safeParse, for the events the fast check does not accept. */
export type EventParser = Pick<ReturnType<typeof eventSchema>, 'safeParse'>;

/** The event schema of a set's vocabulary, built only if an event needs it (most runs have only valid events). */
export function lazyEventParser(set: IndicatorSet): EventParser {
  const schema = once(() => eventSchema(vocabularyOf(set)));
  return { safeParse: (data, params) => schema().safeParse(data, params) };
}

export interface ValidatedEvents {
  events: Event[];
  problems: Problem[];
  /** Every id written in the file, valid event or not, so duplicates are found even beside other errors. */
  ids: IdSite[];
  /** The subject the file records (its top-level `subject:`), when it names one. */
  subject?: string;
}

export interface IdSite {
  id: string;
  file: string;
  span: Span;
}

/**
 * Validate one parsed event file against the format and the set's vocabulary. Each event is checked
 * on its own so one bad event never hides the problems (or the duplicate ids) of the others.
 */
export function validateEventDoc(
  doc: LocatedData,
  set: IndicatorSet,
  schema: EventParser = lazyEventParser(set),
): ValidatedEvents {
  const problems: Problem[] = [];
  const events: Event[] = [];
  const ids: IdSite[] = [];
  const { data } = doc;
  if (!isRecord(data)) {
    const message = data === undefined || data === null ? say('not-a-mapping/empty-file', {}) : say('not-a-mapping/events-file', { got: describe(data) });
    return { events, ids, problems: [problem(doc.file, doc.locate([]), 'not-a-mapping', message)] };
  }
  const topKeys: readonly string[] = EVENT_FILE_KEYS;
  for (const key of Object.keys(data)) {
    if (!topKeys.includes(key)) {
      const hint = didYouMeanHint(didYouMean(key, topKeys));
      problems.push(problem(doc.file, doc.locate([key], 'key'), 'unknown-key', say('unknown-key/top', { key }), hint ? { hint } : {}));
    }
  }
  // A set for any subject (not yet given one) takes the subject from the files; the caller checks they agree.
  let subject: string | undefined;
  if (typeof data.subject === 'string' && /^[A-Z][A-Z0-9-]{1,15}$/.test(data.subject)) subject = data.subject;
  else if (data.subject !== undefined) {
    problems.push(problem(doc.file, doc.locate(['subject']), 'invalid-value', say('invalid-value/subject', { got: describe(data.subject) })));
  }
  if (subject !== undefined && set.subject !== '' && subject !== set.subject) {
    const refusal = scoresAnySubject(set) ? undefined : subjectRefusal(set, subject);
    const message = refusal
      ? say('invalid-value/subject-of-set', { file: nameAndCode(subject), setId: set.id, scores: nameAndCode(set.subject) })
      : say('invalid-value/subject-of-run', { file: nameAndCode(subject), scores: nameAndCode(set.subject) });
    problems.push(problem(doc.file, doc.locate(['subject']), 'invalid-value', message, refusal?.hint ? { hint: refusal.hint } : {}));
  }
  const found = subject !== undefined ? { subject } : {};
  if (!('events' in data)) {
    problems.push(problem(doc.file, doc.locate([]), 'missing-field', say('missing-field', { field: 'events' })));
    return { events, ids, problems, ...found };
  }
  if (!Array.isArray(data.events)) {
    problems.push(problem(doc.file, doc.locate(['events']), 'invalid-type', say('invalid-type/events', { got: describe(data.events) })));
    return { events, ids, problems, ...found };
  }
  if (data.events.length === 0) {
    problems.push(
      problem(doc.file, doc.locate(['events']), 'empty-events', say('empty-events', {}), { severity: 'warning' }),
    );
  }
  data.events.forEach((raw, index) => {
    const one = validateEventAt(raw, doc, ['events', index], set, schema);
    if (one.id) ids.push(one.id);
    if (one.event) events.push(one.event);
    else for (const p of one.problems) problems.push(p);
  });
  return { events, ids, problems, ...found };
}

const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

/**
 * Validate one event found at `path` in a located document (a JSON Lines line holds one event at
 * the path []): its id (valid event or not, for the duplicate check), and the event or its problems.
 */
export function validateEventAt(
  raw: unknown,
  doc: LocatedData,
  path: PathKey[],
  set: IndicatorSet,
  schema: EventParser,
): { event?: Event; id?: IdSite; problems: readonly Problem[] } {
  const id = isRecord(raw) && typeof raw.id === 'string' ? { id: raw.id, file: doc.file, span: doc.locate([...path, 'id']) } : undefined;
  // Valid events (nearly all) pass the fast check; zod checks the rest and words their problems.
  let data: CheckedEvent | undefined = acceptEvent(raw, vocabularyOf(set));
  if (!data) {
    const result = schema.safeParse(raw, PARSE_OPTIONS);
    if (!result.success) {
      const problems = result.error.issues.flatMap((issue) => issueProblems(issue, doc, path, vocabularyOf(set), 'events'));
      return id ? { id, problems } : { problems };
    }
    data = result.data as CheckedEvent;
  }
  const at = doc.locate(path);
  // `sources:` (several reports of one act): the best-graded one is the event's `source`.
  const source = data.sources !== undefined ? bestSource(data.sources, set.method) : data.source!;
  const event = shapedEvent(data, source, { file: doc.file, line: at.line, column: at.column });
  return id ? { event, id, problems: NO_PROBLEMS } : { event, problems: NO_PROBLEMS };
}

/**
 * One event in the one shape every event shares: each field present (undefined when the file leaves
 * it out), in one order. Files leave out different optional fields, and events in many shapes
 * (sixteen in the bench's synthetic files) made every engine loop that reads `e.kind` or `e.date`
 * look each field up the slow way; in one shape, scoring 100,000 events took about a tenth less
 * time. Undefined fields are invisible to JSON and to `toEqual`.
 */
function shapedEvent(data: CheckedEvent, source: Event['source'], origin: Event['origin']): Event {
  return {
    id: data.id,
    date: data.date,
    datePrecision: data.datePrecision,
    actor: data.actor,
    kind: data.kind,
    status: data.status,
    summary: data.summary,
    magnitude: data.magnitude,
    substances: data.substances,
    tags: data.tags,
    measure: data.measure,
    due: data.due,
    notes: data.notes,
    source,
    sources: data.sources,
    origin,
  };
}

/**
 * Ids must be unique across all inputs: the checker reports every repeat at its own line, naming
 * the first. One id at a time, so a million ids are kept as a hash table of numbers
 * (first-seen.ts) and three typed arrays, not a million objects.
 */
export function duplicateIdChecker(): (site: IdSite) => Problem | undefined {
  const first = new FirstSeen();
  const files: string[] = [];
  let lines = new Int32Array(1024);
  let columns = new Int32Array(1024);
  let fileOf = new Int32Array(1024);
  let count = 0;
  return (site) => {
    const seen = first.see(site.id);
    if (seen !== -1) {
      const where = `${files[fileOf[seen]!]}:${lines[seen]}:${columns[seen]}`;
      return problem(site.file, site.span, 'duplicate-id', say('duplicate-id', { id: site.id, where }));
    }
    if (count === lines.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      [lines, columns, fileOf] = [grow(lines), grow(columns), grow(fileOf)];
    }
    if (files.at(-1) !== site.file) files.push(site.file);
    fileOf[count] = files.length - 1;
    lines[count] = site.span.line;
    columns[count++] = site.span.column;
    return undefined;
  };
}

const vocabularies = new WeakMap<IndicatorSet, Vocabulary>();

/** The set's kinds and substances, sorted; computed once per set (every invalid event asks for it). */
export function vocabularyOf(set: IndicatorSet): Vocabulary {
  let vocabulary = vocabularies.get(set);
  if (!vocabulary) vocabularies.set(set, (vocabulary = { kinds: Object.keys(set.kinds).sort(), substances: Object.keys(set.substances).sort() }));
  return vocabulary;
}

/**
 * Validate an indicator set: its shape, then its consistency (every kind, status and substance a
 * rule or context names exists; ids unique; a context kind is never also scored).
 */
export function validateIndicatorSet(doc: LocatedData): { set?: IndicatorSet; problems: Problem[] } {
  if (!isRecord(doc.data)) {
    return { problems: [problem(doc.file, doc.locate([]), 'not-a-mapping', say('not-a-mapping/set', {}))] };
  }
  const result = indicatorSetSchema().safeParse(doc.data, PARSE_OPTIONS);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => issueProblems(issue, doc, [], undefined, 'set'));
    return { problems };
  }
  const set = result.data as IndicatorSet;
  const problems: Problem[] = [];
  if ((set.subject === undefined) === (set.subjects === undefined)) {
    problems.push(
      problem(doc.file, doc.locate(set.subject === undefined ? [] : ['subjects'], set.subject === undefined ? 'value' : 'key'), set.subject === undefined ? 'missing-field' : 'invalid-set',
        set.subject === undefined ? say('missing-field/subject', {}) : say('invalid-set/subject-and-subjects', {})),
    );
  }
  if (set.subjects === 'any') set.subject = '';
  for (const { path, text } of placeholderTexts(set)) {
    for (const name of unknownPlaceholders(text)) {
      const near = didYouMean(name, ['subject', 'counterpart']);
      const hint = didYouMeanHint(near === undefined ? undefined : `{${near}}`);
      problems.push(problem(doc.file, doc.locate(path), 'invalid-set', say('invalid-set/placeholder', { name }), hint ? { hint } : {}));
    }
    if (set.counterpart === undefined && text.includes('{counterpart}')) {
      problems.push(problem(doc.file, doc.locate(path), 'invalid-set', say('invalid-set/counterpart-placeholder', {})));
    }
  }
  const kinds = Object.keys(set.kinds);
  const substances = Object.keys(set.substances);
  const contextKinds = new Set(set.context.flatMap((g) => g.kinds));

  const checkClause = (clause: MatchClause, path: PathKey[]) => {
    for (const kind of clauseValues(clause, 'kind')) {
      if (!kinds.includes(kind)) {
        const hint = didYouMeanHint(didYouMean(kind, kinds));
        problems.push(problem(doc.file, doc.locate([...path, 'kind']), 'invalid-set', say('invalid-set/rule-kind', { kind }), hint ? { hint } : {}));
      } else if (contextKinds.has(kind)) {
        problems.push(problem(doc.file, doc.locate([...path, 'kind']), 'invalid-set', say('invalid-set/rule-context-kind', { kind })));
      }
    }
    for (const substance of clauseValues(clause, 'substances')) {
      if (!substances.includes(substance)) {
        const hint = didYouMeanHint(didYouMean(substance, substances));
        problems.push(problem(doc.file, doc.locate([...path, 'substances']), 'invalid-set', say('invalid-set/rule-substance', { substance }), hint ? { hint } : {}));
      }
    }
  };
  const seen = new Map<string, number>();
  set.indicators.forEach((indicator, i) => {
    const before = seen.get(indicator.id);
    if (before !== undefined) {
      const at = doc.locate(['indicators', before, 'id']);
      problems.push(problem(doc.file, doc.locate(['indicators', i, 'id']), 'duplicate-id', say('duplicate-id/indicator', { id: indicator.id, line: at.line })));
    } else seen.set(indicator.id, i);
    indicator.match.forEach((clause, j) => checkClause(clause, ['indicators', i, 'match', j]));
    if (indicator.compareTo) {
      checkClause(indicator.compareTo, ['indicators', i, 'compareTo']);
      if (clauseValues(indicator.compareTo, 'actor').length === 0 && set.counterpart === undefined) {
        problems.push(problem(doc.file, doc.locate(['indicators', i, 'compareTo']), 'invalid-set', say('invalid-set/compare-to', {})));
      }
    }
  });
  const totalWeight = set.indicators.reduce((sum, indicator) => sum + indicator.weight, 0);
  if (!(totalWeight <= MAX_WEIGHT_TOTAL)) {
    problems.push(
      problem(doc.file, doc.locate(['indicators']), 'invalid-set', say('invalid-set/weights-total', { total: totalWeight, max: MAX_WEIGHT_TOTAL }), {
        hint: say('hint/scale-weights', {}),
      }),
    );
  }
  const contextIds = new Set<string>();
  set.context.forEach((group, i) => {
    if (contextIds.has(group.id)) problems.push(problem(doc.file, doc.locate(['context', i, 'id']), 'duplicate-id', say('duplicate-id/context', { id: group.id })));
    contextIds.add(group.id);
    group.kinds.forEach((kind, j) => {
      if (!kinds.includes(kind)) problems.push(problem(doc.file, doc.locate(['context', i, 'kinds', j]), 'invalid-set', say('invalid-set/context-kind', { kind })));
    });
  });
  (set.method.alerts?.crisisRisk?.kinds ?? []).forEach((kind, j) => {
    if (!kinds.includes(kind)) {
      const hint = didYouMeanHint(didYouMean(kind, kinds));
      problems.push(problem(doc.file, doc.locate(['method', 'alerts', 'crisisRisk', 'kinds', j]), 'invalid-set', say('invalid-set/crisis-kind', { kind }), hint ? { hint } : {}));
    }
  });
  // Grade tables must be monotone: a worse grade is never worth more, so leaving a grade blank
  // ("cannot be judged") or grading honestly downwards can never raise a score.
  for (const table of ['reliability', 'credibility'] as const) {
    const entries = Object.entries(set.method[table]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 1; i < entries.length; i++) {
      const [worse, value] = entries[i]!;
      const [better, before] = entries[i - 1]!;
      if (value > before) {
        problems.push(
          problem(doc.file, doc.locate(['method', table, worse]), 'invalid-set', say('invalid-set/grade-order', { table, worse, value, better, before })),
        );
      }
    }
  }
  const { reliability: r, credibility: c } = set.method.defaultGrade;
  if (set.method.reliability[r] > set.method.reliability.E || set.method.credibility[`${c}`] > set.method.credibility['5']) {
    problems.push(problem(doc.file, doc.locate(['method', 'defaultGrade']), 'invalid-set', say('invalid-set/default-grade', {})));
  }
  for (const [kind] of Object.entries(set.units)) {
    if (!kinds.includes(kind)) problems.push(problem(doc.file, doc.locate(['units', kind], 'key'), 'invalid-set', say('invalid-set/unit-kind', { kind })));
    else if (contextKinds.has(kind)) problems.push(problem(doc.file, doc.locate(['units', kind], 'key'), 'invalid-set', say('invalid-set/unit-context-kind', { kind })));
  }
  for (const [cls, leverKinds] of Object.entries(set.levers)) {
    (leverKinds ?? []).forEach((kind, j) => {
      if (!kinds.includes(kind)) problems.push(problem(doc.file, doc.locate(['levers', cls, j]), 'invalid-set', say('invalid-set/lever-kind', { kind })));
      else if (!contextKinds.has(kind)) problems.push(problem(doc.file, doc.locate(['levers', cls, j]), 'invalid-set', say('invalid-set/lever-not-context', { kind })));
    });
  }
  const ranges = set.method.sensitivity;
  if (ranges) {
    // A range that leaves out the set's own value would analyse another method, not this one.
    for (const [status, range] of Object.entries(ranges.stages)) {
      const value = set.method.stages[status as Event['status']];
      if (range && !(range[0] <= value && value <= range[1])) {
        problems.push(
          problem(doc.file, doc.locate(['method', 'sensitivity', 'stages', status]), 'invalid-set', say('invalid-set/stage-range', { status, low: range[0], high: range[1], stage: value })),
        );
      }
    }
    const numeric: [keyof typeof ranges, number][] = [
      ['halfLifeDays', set.method.halfLifeDays],
      ['booksHalfLifeDays', set.method.booksHalfLifeDays],
      ['saturation', set.method.saturation],
      ['gradeExponent', 1],
      ['magnitudeCap', set.method.magnitudeCap],
      ['talkCap', set.method.talkCap],
      ['uncorroboratedCap', set.method.uncorroboratedCap],
      ['booksCap', set.method.booksCap],
    ];
    for (const [key, value] of numeric) {
      const range = ranges[key] as [number, number] | undefined;
      if (!range || (range[0] <= value && value <= range[1])) continue;
      const what = key === 'gradeExponent' ? 'the set\'s own grade tables (power 1)' : value;
      problems.push(
        problem(doc.file, doc.locate(['method', 'sensitivity', key]), 'invalid-set', say('invalid-set/range', { key, low: range[0], high: range[1], value: what })),
      );
    }
    for (const key of ['aggregation', 'attribution'] as const) {
      const rules = ranges[key] as string[] | undefined;
      if (rules && !rules.includes(set.method[key])) {
        problems.push(problem(doc.file, doc.locate(['method', 'sensitivity', key]), 'invalid-set', say('invalid-set/rules', { key, rules, rule: set.method[key] })));
      }
    }
  }
  return problems.length ? { problems } : { set, problems };
}
