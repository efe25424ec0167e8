/**
 * The one catalogue of coopscore's wording for messages: verdicts on the caller's own settings,
 * alerts, and (below) the problems found in input files. Each message is a code with typed
 * arguments, worded here and nowhere else.
 *
 * A message that names a setting (a threshold the caller asked for) names it by the words the
 * caller passes in {@link SettingNames}: the CLI passes its flag names ("--fail-below"), so its
 * output reads as it always has; a library caller passes nothing and gets neutral words ("the
 * fail-below threshold"), never a flag it has no way to type.
 */

/** How each caller-given setting is named in a message. */
export interface SettingNames {
  /** The composite a score must reach (score's `failBelow`). */
  failBelow: string;
  /** The coverage a score must reach (score's `minCoverage`). */
  minCoverage: string;
  /** The largest fall of the composite a diff lets pass (diff's `failOnRegression`). */
  failOnRegression: string;
}

/** The words a library caller gets: the option's meaning, not a command-line flag. */
export const NEUTRAL_NAMES: SettingNames = {
  failBelow: 'the fail-below threshold',
  minCoverage: 'the minimum coverage',
  failOnRegression: 'the regression limit',
};

/** The arguments of each message, by code. */
export interface MessageArgs {
  /** The composite is below the score the caller asked for. */
  'score-below': { actual: number; threshold: number };
  /** Coverage is below the share the caller asked for. */
  'coverage-below': { actual: number; threshold: number };
  /** The composite fell by more than the caller lets pass (diff). */
  regression: { fall: number; limit: number };
  /** A reversal in the period, or one before it still in effect (alerts). */
  'alert/reversal': { event: string; kind: string; date: string; indicators: readonly string[]; inPeriod: boolean };
  /** A crisis kind of event on or shortly before the scoring date (alerts). */
  'alert/crisis': { event: string; kind: string; date: string; days: number; asOf: string };
  /** The composite fell by at least the alert's points since the last period (alerts). */
  'alert/drop': { drop: number; since: string; threshold: number; events: readonly string[] };
  /** Two reports that cannot be compared (diff). */
  incompatible: { what: string; baseName: string; headName: string; base: string; head: string };
}

export type MessageCode = keyof MessageArgs;

const num = (x: number) => x.toFixed(2);

const MESSAGES: { [C in MessageCode]: (args: MessageArgs[C], names: SettingNames) => string } = {
  'score-below': (a, n) => `score ${a.actual} is below ${n.failBelow} ${a.threshold}`,
  'coverage-below': (a, n) => `coverage ${a.actual} is below ${n.minCoverage} ${a.threshold}`,
  regression: (a, n) => `composite fell ${num(a.fall)} points, more than ${n.failOnRegression} ${num(a.limit)}`,
  'alert/reversal': (a) =>
    a.inPeriod
      ? `${a.event} (${a.kind}, ${a.date}) reversed cooperation on ${a.indicators.join(', ')}`
      : `${a.event} (${a.kind}, ${a.date}) is still in effect on ${a.indicators.join(', ')}: nothing since has ended it`,
  'alert/crisis': (a) =>
    `${a.event} (${a.kind}, ${a.date}) came ${a.days === 0 ? `on ${a.asOf}` : `${a.days} day${a.days === 1 ? '' : 's'} before ${a.asOf}`}: cooperation is at risk of backsliding`,
  'alert/drop': (a) => {
    const head = `composite fell ${num(a.drop)} points since ${a.since} (alert at ${num(a.threshold)})`;
    return a.events.length ? `${head}; most lost on ${a.events.join(', ')}` : `${head}; no single event explains it`;
  },
  incompatible: (a) =>
    `cannot compare reports with a different ${a.what}: ${a.baseName} has ${a.base}, ${a.headName} has ${a.head}; score both with the same coopscore and indicator set`,
};

/**
 * A message in words. `names` overrides how settings are named (the CLI passes its flags); any
 * name it leaves out is worded neutrally.
 */
export function message<C extends MessageCode>(code: C, args: MessageArgs[C], names: Partial<SettingNames> = {}): string {
  return MESSAGES[code](args, { ...NEUTRAL_NAMES, ...names });
}

/**
 * A change with its sign, in one of two styles: `ascii` ("+4.47", "-3.29", "0.00": the score
 * tables and briefings) or `typographic` ("+4.47", "−3.29" with a real minus sign, "±0.00": the
 * wording of time, ledgers and diffs). `places` decimals (default 2).
 */
export function signed(x: number, style: 'ascii' | 'typographic', places = 2): string {
  if (style === 'ascii') return x > 0 ? `+${x.toFixed(places)}` : x.toFixed(places);
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(places)}`;
}

/**
 * The wording of every problem the core finds in an input file (event files, indicator sets, config
 * files), by message id: the problem code it is reported under, then `/variant` where one code is
 * worded several ways; `hint/…` ids word the hints. Values quoted from a file arrive already
 * described (`got`: "the text \"x\"", "a list"), so the catalogue only places them.
 */
export interface ProblemTextArgs {
  'hint/did-you-mean': { word: string };
  'hint/list-kinds': Record<string, never>;
  'hint/scale-weights': Record<string, never>;
  'hint/grade-source': Record<string, never>;
  'hint/one-act': Record<string, never>;
  'unknown-key': { key: string; where: string };
  'unknown-key/top': { key: string };
  'missing-field': { field: string };
  'missing-field/subject': Record<string, never>;
  'invalid-date': { field: string; got: string };
  'invalid-type': { field: string; expected: string; got: string };
  'invalid-type/form': { field: string; got: string };
  'invalid-type/events': { got: string };
  'invalid-value/not-finite': { field: string; value: number };
  'invalid-value/one-of': { field: string; options: readonly string[]; got: string };
  'invalid-value/empty': { field: string };
  'invalid-value/min-length': { field: string; limit: number };
  'invalid-value/max-length': { field: string; length: number; limit: number };
  'invalid-value/items': { field: string; most: boolean; limit: number; count?: number };
  'invalid-value/bound': { field: string; relation: 'at least' | 'greater than' | 'at most' | 'less than'; limit: number; got: string };
  'invalid-value/credibility': { field: string; got: string };
  'invalid-value/schema': { field: string; text: string };
  'invalid-value/subject': { got: string };
  'invalid-value/subject-of-set': { file: string; setId: string; scores: string };
  'invalid-value/subject-of-run': { file: string; scores: string };
  'unknown-kind': { kind: string };
  'unknown-status': { status: string; statuses: readonly string[] };
  'unknown-substance': { substance: string };
  'not-a-mapping/empty-file': Record<string, never>;
  'not-a-mapping/events-file': { got: string };
  'not-a-mapping/set': Record<string, never>;
  'not-a-mapping/config': Record<string, never>;
  'empty-events': Record<string, never>;
  'duplicate-id': { id: string; where: string };
  'duplicate-id/indicator': { id: string; line: number };
  'duplicate-id/context': { id: string };
  'invalid-set/subject-and-subjects': Record<string, never>;
  'invalid-set/placeholder': { name: string };
  'invalid-set/counterpart-placeholder': Record<string, never>;
  'invalid-set/rule-kind': { kind: string };
  'invalid-set/rule-context-kind': { kind: string };
  'invalid-set/rule-substance': { substance: string };
  'invalid-set/compare-to': Record<string, never>;
  'invalid-set/weights-total': { total: number; max: number };
  'invalid-set/context-kind': { kind: string };
  'invalid-set/crisis-kind': { kind: string };
  'invalid-set/grade-order': { table: string; worse: string; value: number; better: string; before: number };
  'invalid-set/default-grade': Record<string, never>;
  'invalid-set/unit-kind': { kind: string };
  'invalid-set/unit-context-kind': { kind: string };
  'invalid-set/lever-kind': { kind: string };
  'invalid-set/lever-not-context': { kind: string };
  'invalid-set/stage-range': { status: string; low: number; high: number; stage: number };
  'invalid-set/range': { key: string; low: number; high: number; value: number | string };
  'invalid-set/rules': { key: string; rules: readonly string[]; rule: string };
  'future-date': { what: string; date: string; today: string };
  'ungraded-source': { whose: string; missing: readonly string[] };
  'magnitude-without-unit': { id: string; magnitude: number; kind: string };
  'possible-duplicate': { id: string; like: string; file: string; line: number; why: string };
  'possible-duplicate/days': { days: number };
  'possible-duplicate/url': Record<string, never>;
}

export type ProblemTextId = keyof ProblemTextArgs;

const PROBLEM_TEXT: { [K in ProblemTextId]: (a: ProblemTextArgs[K]) => string } = {
  'hint/did-you-mean': (a) => `did you mean "${a.word}"?`,
  'hint/list-kinds': () => 'run `coopscore indicators` to list the kinds',
  'hint/scale-weights': () => 'weights are relative, only their ratios matter: scale them down',
  'hint/grade-source': () => 'add reliability: A-F and credibility: 1-6 (F and 6 say it cannot be judged)',
  'hint/one-act': () => 'if both report one act, make them one event with `sources:`; link stages of one measure with `measure:`',
  'unknown-key': (a) => `unknown key "${a.key}" in ${a.where}`,
  'unknown-key/top': (a) => `unknown key "${a.key}" at the top of the file`,
  'missing-field': (a) => `missing required field "${a.field}"`,
  'missing-field/subject': () => 'missing required field "subject" (one ISO 3166 code), or write `subjects: any`',
  'invalid-date': (a) => `${a.field} must be a date written YYYY-MM-DD, got ${a.got}`,
  'invalid-type': (a) => `${a.field} must be ${a.expected}, got ${a.got}`,
  'invalid-type/form': (a) => `${a.field} has the wrong form, got ${a.got}`,
  'invalid-type/events': (a) => `events must be a list, got ${a.got}`,
  'invalid-value/not-finite': (a) => `${a.field} must be a finite number, got ${a.value}`,
  'invalid-value/one-of': (a) => `${a.field} must be one of ${a.options.join(', ')}, got ${a.got}`,
  'invalid-value/empty': (a) => `${a.field} must not be empty`,
  'invalid-value/min-length': (a) => `${a.field} must be at least ${a.limit} characters long`,
  'invalid-value/max-length': (a) => `${a.field} is ${a.length} characters long; at most ${a.limit} are allowed`,
  'invalid-value/items': (a) =>
    `${a.field} must have ${a.most ? 'at most' : 'at least'} ${a.limit} item${a.limit === 1 ? '' : 's'}${a.count === undefined ? '' : ` (it has ${a.count})`}`,
  'invalid-value/bound': (a) => `${a.field} must be ${a.relation} ${a.limit}, got ${a.got}`,
  'invalid-value/credibility': (a) => `${a.field} must be a whole number from 1 to 6, got ${a.got}`,
  'invalid-value/schema': (a) => `${a.field}: ${a.text}`,
  'invalid-value/subject': (a) => `subject must be an ISO 3166 alpha-2 code such as MX, got ${a.got}`,
  'invalid-value/subject-of-set': (a) => `the file records ${a.file}, but the indicator set "${a.setId}" scores ${a.scores} only`,
  // Names the CLI's flag and config file whoever loads the file: the loaders (src/io) would have to pass the caller's names in.
  'invalid-value/subject-of-run': (a) => `the file records ${a.file}, but this run scores ${a.scores} (from --subject or coopscore.config.yaml)`,
  'unknown-kind': (a) => `unknown kind "${a.kind}"`,
  'unknown-status': (a) => `unknown status "${a.status}"; use one of ${a.statuses.join(', ')}`,
  'unknown-substance': (a) => `unknown substance "${a.substance}"`,
  'not-a-mapping/empty-file': () => 'the file is empty: expected a mapping with an `events` list',
  'not-a-mapping/events-file': (a) => `the file holds ${a.got}: expected a mapping with an \`events\` list`,
  'not-a-mapping/set': () => 'an indicator set must be a mapping',
  'not-a-mapping/config': () => 'a config file is a mapping (start with `version: 1`)',
  'empty-events': () => 'the events list is empty',
  'duplicate-id': (a) => `duplicate id "${a.id}": already used at ${a.where}`,
  'duplicate-id/indicator': (a) => `duplicate indicator id "${a.id}": already used at line ${a.line}`,
  'duplicate-id/context': (a) => `duplicate context id "${a.id}"`,
  'invalid-set/subject-and-subjects': () => 'give either "subject" or "subjects: any", not both',
  'invalid-set/placeholder': (a) => `unknown placeholder "{${a.name}}": a set's text may use {subject} and {counterpart}`,
  'invalid-set/counterpart-placeholder': () => 'the text says {counterpart}, but the set names no counterpart',
  'invalid-set/rule-kind': (a) => `rule names unknown kind "${a.kind}"`,
  'invalid-set/rule-context-kind': (a) => `rule scores "${a.kind}", which the set lists as context (never scored)`,
  'invalid-set/rule-substance': (a) => `rule names unknown substance "${a.substance}"`,
  'invalid-set/compare-to': () => 'compareTo needs an actor, or the set needs a counterpart',
  'invalid-set/weights-total': (a) => `the weights add up to ${a.total}, more than ${a.max}: scores weighted by them would not stay finite`,
  'invalid-set/context-kind': (a) => `context names unknown kind "${a.kind}"`,
  'invalid-set/crisis-kind': (a) => `crisis alert names unknown kind "${a.kind}"`,
  'invalid-set/grade-order': (a) => `grade factors must not increase: ${a.table} ${a.worse} is ${a.value}, more than ${a.better} (${a.before})`,
  'invalid-set/default-grade': () => 'the default grade ("cannot be judged") must be worth no more than the lowest judged grade (E, 5)',
  'invalid-set/unit-kind': (a) => `units names unknown kind "${a.kind}"`,
  'invalid-set/unit-context-kind': (a) => `units names "${a.kind}", a context kind (never scored)`,
  'invalid-set/lever-kind': (a) => `levers name unknown kind "${a.kind}"`,
  'invalid-set/lever-not-context': (a) => `lever "${a.kind}" must be a context kind (levers are recorded, never scored)`,
  'invalid-set/stage-range': (a) => `the sensitivity range [${a.low}, ${a.high}] for "${a.status}" must run low to high and contain its stage ${a.stage}`,
  'invalid-set/range': (a) => `the sensitivity range [${a.low}, ${a.high}] for ${a.key} must run low to high and contain ${a.value}`,
  'invalid-set/rules': (a) => `the sensitivity rules for ${a.key} (${a.rules.join(', ')}) must include the set's own rule "${a.rule}"`,
  'future-date': (a) => `${a.what} is dated ${a.date}, after today (${a.today}): nothing can be observed before it happens`,
  'ungraded-source': (a) => `${a.whose} has no ${a.missing.join(' or ')} grade: it counts as "cannot be judged"`,
  'magnitude-without-unit': (a) => `event "${a.id}" gives magnitude ${a.magnitude}, but kind "${a.kind}" has no unit in the indicator set: it counts as 1`,
  'possible-duplicate': (a) => `event "${a.id}" looks like "${a.like}" (${a.file}:${a.line}): same actor, kind, status and substances, ${a.why}`,
  'possible-duplicate/days': (a) => `${a.days} day(s) apart`,
  'possible-duplicate/url': () => 'same source URL',
};

/** A problem's message (or hint) in words, from its id and arguments. */
export function problemText<K extends ProblemTextId>(id: K, args: ProblemTextArgs[K]): string {
  return PROBLEM_TEXT[id](args);
}

/** "did you mean "x"?" for a suggestion, else undefined: the hint of a near miss. */
export const didYouMeanHint = (word: string | undefined): string | undefined => (word === undefined ? undefined : problemText('hint/did-you-mean', { word }));
