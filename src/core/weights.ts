import { isRecord } from './guards.js';
import { didYouMean, problem } from './problems.js';
import type { WeightChange } from './report.js';
import type { IndicatorSet, Problem } from './types.js';
import type { LocatedData } from './validate.js';

/**
 * Weights files (format version 1): a methodologist's disagreement with the set's weights, as data.
 *
 *     version: 1
 *     extends: default          # the active set's own weights; or that set's id, checked
 *     weights:
 *       arrests: 12
 *       multilateral-engagement: 0   # shown, not scored
 *
 * Named indicators take the new weight; the others keep the set's. Weights are relative: only their
 * ratios matter, so they need not add up to 100.
 */

export const WEIGHTS_KEYS = ['version', 'extends', 'weights'] as const;

const shown = (x: unknown) => (typeof x === 'string' ? `"${x}"` : Array.isArray(x) ? 'a list' : isRecord(x) ? 'a mapping' : String(x));

export interface ValidatedWeights {
  /** The weights the file sets, by indicator id, in file order; undefined when the file has errors. */
  weights?: Map<string, number>;
  problems: Problem[];
}

/** Check a parsed weights file against the active set; every problem is located in the file. */
export function validateWeightsDoc(doc: LocatedData, set: IndicatorSet): ValidatedWeights {
  const problems: Problem[] = [];
  const at = (path: (string | number)[], part: 'key' | 'value' = 'value') => doc.locate(path, part);
  const { data } = doc;
  if (!isRecord(data)) {
    return { problems: [problem(doc.file, at([]), 'not-a-mapping', 'a weights file is a mapping with `version`, `extends` and `weights`')] };
  }
  for (const key of Object.keys(data)) {
    if ((WEIGHTS_KEYS as readonly string[]).includes(key)) continue;
    const hint = didYouMean(key, WEIGHTS_KEYS);
    problems.push(problem(doc.file, at([key], 'key'), 'unknown-key', `unknown key "${key}" in a weights file`, hint ? { hint: `did you mean "${hint}"?` } : {}));
  }
  if (!('version' in data)) problems.push(problem(doc.file, at([]), 'missing-field', 'missing required field "version" (write `version: 1`)'));
  else if (data.version !== 1) problems.push(problem(doc.file, at(['version']), 'invalid-value', `version must be 1, got ${shown(data.version)}`));
  if ('extends' in data && data.extends !== 'default' && data.extends !== set.id) {
    problems.push(
      problem(doc.file, at(['extends']), 'invalid-value', `extends ${shown(data.extends)} does not name the active indicator set "${set.id}"`, {
        hint: `write \`extends: default\` or \`extends: ${set.id}\`, or pass the set it was written for with --indicators`,
      }),
    );
  }
  if (!('weights' in data)) {
    problems.push(problem(doc.file, at([]), 'missing-field', 'missing required field "weights"'));
    return { problems };
  }
  if (!isRecord(data.weights)) {
    problems.push(problem(doc.file, at(['weights']), 'invalid-type', `weights must be a mapping of indicator ids to numbers, got ${shown(data.weights)}`));
    return { problems };
  }
  const ids = set.indicators.map((i) => i.id);
  const weights = new Map<string, number>();
  for (const [id, value] of Object.entries(data.weights)) {
    if (!ids.includes(id)) {
      const hint = didYouMean(id, ids);
      problems.push(
        problem(doc.file, at(['weights', id], 'key'), 'unknown-indicator', `no indicator "${id}" in the set "${set.id}"`, {
          hint: hint ? `did you mean "${hint}"?` : 'run `coopscore indicators` to list them',
        }),
      );
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(problem(doc.file, at(['weights', id]), 'invalid-weight', `the weight of "${id}" must be a number, got ${shown(value)}`));
      continue;
    }
    if (value < 0) {
      problems.push(problem(doc.file, at(['weights', id]), 'invalid-weight', `the weight of "${id}" must not be negative, got ${value} (0 shows it without scoring it)`));
      continue;
    }
    weights.set(id, value);
  }
  if (problems.length === 0) {
    const total = set.indicators.reduce((sum, i) => sum + (weights.get(i.id) ?? i.weight), 0);
    if (total <= 0) problems.push(problem(doc.file, at(['weights'], 'key'), 'all-weights-zero', 'every indicator would have weight 0, so nothing could be scored'));
  }
  return problems.length ? { problems } : { weights, problems };
}

/** The set with the file's weights in place, and what changed (in set order). */
export function applyWeights(set: IndicatorSet, weights: ReadonlyMap<string, number>): { set: IndicatorSet; changed: WeightChange[] } {
  const changed: WeightChange[] = [];
  const indicators = set.indicators.map((indicator) => {
    const to = weights.get(indicator.id);
    if (to === undefined || to === indicator.weight) return indicator;
    changed.push({ id: indicator.id, from: indicator.weight, to });
    return { ...indicator, weight: to };
  });
  return { set: { ...set, indicators }, changed };
}
