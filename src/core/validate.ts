import { z } from 'zod';
import { clauseValues } from './match.js';
import { didYouMean, problem, type ProblemCode, type Span } from './problems.js';
import { EVENT_KEYS, eventSchema, indicatorSetSchema, SOURCE_KEYS, TOP_KEYS, type Vocabulary } from './schema.js';
import type { Event, IndicatorSet, MatchClause, Problem } from './types.js';
import { STATUSES } from './types.js';

type PathKey = string | number;

/** A parsed document that can point back into its text; what the loaders hand to validation. */
export interface LocatedData {
  file: string;
  data: unknown;
  locate(path: readonly PathKey[], part?: 'key' | 'value'): Span;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const describe = (x: unknown): string =>
  x === null ? 'null' : Array.isArray(x) ? 'a list' : typeof x === 'object' ? 'a mapping' : `${typeof x} ${JSON.stringify(x)}`;

function fieldName(path: readonly PathKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), '');
}

/** Keys allowed at a path, for "did you mean" on unknown keys. */
function keysAt(path: readonly PathKey[], kind: 'events' | 'set'): readonly string[] {
  if (kind === 'set') return [];
  if (path.length === 0) return EVENT_KEYS; // zod checks one event at a time: a JSON Lines event sits at the root
  if (path.at(-1) === 'source') return SOURCE_KEYS;
  return EVENT_KEYS;
}

function issueProblems(
  issue: z.core.$ZodIssue,
  doc: LocatedData,
  prefix: readonly PathKey[],
  vocab: Vocabulary | undefined,
  kind: 'events' | 'set',
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
        const suggestion = didYouMean(key, keysAt(path, kind));
        return problem(doc.file, doc.locate([...path, key], 'key'), 'unknown-key', `unknown key "${key}" in ${field}`, {
          ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
        });
      });
    case 'invalid_type':
      if (input === undefined) return [at('missing-field', `missing required field "${String(last)}"`)];
      if (last === 'date' || last === 'published') return [at('invalid-date', `${field} must be a date written YYYY-MM-DD, got ${describe(input)}`)];
      return [at('invalid-type', `${field} must be ${issue.expected === 'int' ? 'a whole number' : issue.expected}, got ${describe(input)}`)];
    case 'invalid_value': {
      const options = issue.values.map(String);
      const word = String(input);
      const hint = didYouMean(word, options);
      const hintText = hint ? `did you mean "${hint}"?` : undefined;
      if (kind === 'events' && last === 'kind') return [at('unknown-kind', `unknown kind "${word}"`, hintText ?? 'run `coopscore indicators` to list the kinds')];
      if (last === 'status') return [at('unknown-status', `unknown status "${word}"; use one of ${STATUSES.join(', ')}`, hintText)];
      if (kind === 'events' && path.at(-2) === 'substances') return [at('unknown-substance', `unknown substance "${word}"`, hintText)];
      return [at('invalid-value', `${field} must be one of ${options.join(', ')}, got ${describe(input)}`, hintText)];
    }
    case 'custom': {
      const code = (issue.params as { code?: ProblemCode } | undefined)?.code ?? 'invalid-value';
      return [at(code, issue.message)];
    }
    case 'invalid_union':
      if (last === 'credibility') return [at('invalid-value', `${field} must be a whole number from 1 to 6, got ${describe(input)}`)];
      return [at('invalid-type', `${field} has the wrong form, got ${describe(input)}`)];
    default:
      return [at('invalid-value', `${field}: ${issue.message}`)];
  }
}

const PARSE_OPTIONS = { reportInput: true } as const;

export interface ValidatedEvents {
  events: Event[];
  problems: Problem[];
  /** Every id written in the file, valid event or not, so duplicates are found even beside other errors. */
  ids: IdSite[];
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
  schema: ReturnType<typeof eventSchema> = eventSchema(vocabularyOf(set)),
): ValidatedEvents {
  const problems: Problem[] = [];
  const events: Event[] = [];
  const ids: IdSite[] = [];
  const { data } = doc;
  if (!isRecord(data)) {
    const message =
      data === undefined || data === null
        ? 'the file is empty: expected a mapping with an `events` list'
        : `the file holds ${describe(data)}: expected a mapping with an \`events\` list`;
    return { events, ids, problems: [problem(doc.file, doc.locate([]), 'not-a-mapping', message)] };
  }
  for (const key of Object.keys(data)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) {
      const suggestion = didYouMean(key, TOP_KEYS);
      problems.push(
        problem(doc.file, doc.locate([key], 'key'), 'unknown-key', `unknown key "${key}" at the top of the file`, {
          ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
        }),
      );
    }
  }
  if (data.subject !== undefined && data.subject !== set.subject) {
    problems.push(
      problem(
        doc.file,
        doc.locate(['subject']),
        'invalid-value',
        `the file records ${describe(data.subject)} but the indicator set "${set.id}" scores ${set.subject}`,
      ),
    );
  }
  if (!('events' in data)) {
    problems.push(problem(doc.file, doc.locate([]), 'missing-field', 'missing required field "events"'));
    return { events, ids, problems };
  }
  if (!Array.isArray(data.events)) {
    problems.push(problem(doc.file, doc.locate(['events']), 'invalid-type', `events must be a list, got ${describe(data.events)}`));
    return { events, ids, problems };
  }
  if (data.events.length === 0) {
    problems.push(
      problem(doc.file, doc.locate(['events']), 'empty-events', 'the events list is empty', { severity: 'warning' }),
    );
  }
  data.events.forEach((raw, index) => {
    const one = validateEventAt(raw, doc, ['events', index], set, schema);
    problems.push(...one.problems);
    events.push(...one.events);
    ids.push(...one.ids);
  });
  return { events, ids, problems };
}

/**
 * Validate one event found at `path` in a located document (a JSON Lines line holds one event at
 * the path []): its id (valid event or not, for the duplicate check), its problems, or the event.
 */
export function validateEventAt(
  raw: unknown,
  doc: LocatedData,
  path: PathKey[],
  set: IndicatorSet,
  schema: ReturnType<typeof eventSchema>,
): ValidatedEvents {
  const problems: Problem[] = [];
  const ids: IdSite[] = [];
  if (isRecord(raw) && typeof raw.id === 'string') ids.push({ id: raw.id, file: doc.file, span: doc.locate([...path, 'id']) });
  const result = schema.safeParse(raw, PARSE_OPTIONS);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(...issueProblems(issue, doc, path, vocabularyOf(set), 'events'));
    return { events: [], ids, problems };
  }
  const at = doc.locate(path);
  const { source, ...rest } = result.data;
  const event = {
    ...rest,
    source: { ...source } as Event['source'],
    origin: { file: doc.file, line: at.line, column: at.column },
  } as Event;
  return { events: [event], ids, problems };
}

/** Ids must be unique across all inputs: report every repeat at its own line, naming the first. */
export function duplicateIdProblems(sites: readonly IdSite[]): Problem[] {
  const first = new Map<string, IdSite>();
  const problems: Problem[] = [];
  for (const site of sites) {
    const seen = first.get(site.id);
    if (!seen) {
      first.set(site.id, site);
      continue;
    }
    problems.push(
      problem(site.file, site.span, 'duplicate-id', `duplicate id "${site.id}": already used at ${seen.file}:${seen.span.line}:${seen.span.column}`),
    );
  }
  return problems;
}

export function vocabularyOf(set: IndicatorSet): Vocabulary {
  return { kinds: Object.keys(set.kinds).sort(), substances: Object.keys(set.substances).sort() };
}

/**
 * Validate an indicator set: its shape, then its consistency (every kind, status and substance a
 * rule or context names exists; ids unique; a context kind is never also scored).
 */
export function validateIndicatorSet(doc: LocatedData): { set?: IndicatorSet; problems: Problem[] } {
  if (!isRecord(doc.data)) {
    return { problems: [problem(doc.file, doc.locate([]), 'not-a-mapping', 'an indicator set must be a mapping')] };
  }
  const result = indicatorSetSchema.safeParse(doc.data, PARSE_OPTIONS);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => issueProblems(issue, doc, [], undefined, 'set'));
    return { problems };
  }
  const set = result.data as IndicatorSet;
  const problems: Problem[] = [];
  const kinds = Object.keys(set.kinds);
  const substances = Object.keys(set.substances);
  const contextKinds = new Set(set.context.flatMap((g) => g.kinds));

  const checkClause = (clause: MatchClause, path: PathKey[]) => {
    for (const kind of clauseValues(clause, 'kind')) {
      if (!kinds.includes(kind)) {
        const hint = didYouMean(kind, kinds);
        problems.push(problem(doc.file, doc.locate([...path, 'kind']), 'invalid-set', `rule names unknown kind "${kind}"`, hint ? { hint: `did you mean "${hint}"?` } : {}));
      } else if (contextKinds.has(kind)) {
        problems.push(problem(doc.file, doc.locate([...path, 'kind']), 'invalid-set', `rule scores "${kind}", which the set lists as context (never scored)`));
      }
    }
    for (const substance of clauseValues(clause, 'substances')) {
      if (!substances.includes(substance)) {
        const hint = didYouMean(substance, substances);
        problems.push(problem(doc.file, doc.locate([...path, 'substances']), 'invalid-set', `rule names unknown substance "${substance}"`, hint ? { hint: `did you mean "${hint}"?` } : {}));
      }
    }
  };
  const seen = new Map<string, number>();
  set.indicators.forEach((indicator, i) => {
    const before = seen.get(indicator.id);
    if (before !== undefined) {
      const at = doc.locate(['indicators', before, 'id']);
      problems.push(problem(doc.file, doc.locate(['indicators', i, 'id']), 'duplicate-id', `duplicate indicator id "${indicator.id}": already used at line ${at.line}`));
    } else seen.set(indicator.id, i);
    indicator.match.forEach((clause, j) => checkClause(clause, ['indicators', i, 'match', j]));
    if (indicator.compareTo) {
      checkClause(indicator.compareTo, ['indicators', i, 'compareTo']);
      if (clauseValues(indicator.compareTo, 'actor').length === 0 && set.counterpart === undefined) {
        problems.push(problem(doc.file, doc.locate(['indicators', i, 'compareTo']), 'invalid-set', 'compareTo needs an actor, or the set needs a counterpart'));
      }
    }
  });
  const contextIds = new Set<string>();
  set.context.forEach((group, i) => {
    if (contextIds.has(group.id)) problems.push(problem(doc.file, doc.locate(['context', i, 'id']), 'duplicate-id', `duplicate context id "${group.id}"`));
    contextIds.add(group.id);
    group.kinds.forEach((kind, j) => {
      if (!kinds.includes(kind)) problems.push(problem(doc.file, doc.locate(['context', i, 'kinds', j]), 'invalid-set', `context names unknown kind "${kind}"`));
    });
  });
  for (const [status, rule] of Object.entries(set.method.stocks)) {
    if (rule && rule.endedBy.includes(status as Event['status'])) {
      problems.push(problem(doc.file, doc.locate(['method', 'stocks', status]), 'invalid-set', `a "${status}" stock cannot be ended by its own status`));
    }
  }
  return problems.length ? { problems } : { set, problems };
}
