/**
 * The one catalogue of coopscore's wording for messages about the caller's own settings: each
 * message is a code with typed arguments, worded here and nowhere else.
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
}

export type MessageCode = keyof MessageArgs;

const num = (x: number) => x.toFixed(2);

const MESSAGES: { [C in MessageCode]: (args: MessageArgs[C], names: SettingNames) => string } = {
  'score-below': (a, n) => `score ${a.actual} is below ${n.failBelow} ${a.threshold}`,
  'coverage-below': (a, n) => `coverage ${a.actual} is below ${n.minCoverage} ${a.threshold}`,
  regression: (a, n) => `composite fell ${num(a.fall)} points, more than ${n.failOnRegression} ${num(a.limit)}`,
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
