import path from 'node:path';
import { compareProblems } from '../core/engine.js';
import type { WeightsUsed } from '../core/report.js';
import type { IndicatorSet, Problem } from '../core/types.js';
import { applyWeights, validateWeightsDoc } from '../core/weights.js';
import { readInput } from './inputs.js';
import { parseYamlDoc } from './yaml-doc.js';

export interface LoadedWeights {
  /** The set with the file's weights in place; undefined when the file has errors. */
  set?: IndicatorSet;
  used?: WeightsUsed;
  problems: Problem[];
  sources: Map<string, string>;
}

const noStdin = async () => Buffer.alloc(0);

/** Read, check and apply a weights file (`--weights FILE`) to the active set. */
export async function loadWeights(file: string, cwd: string, set: IndicatorSet): Promise<LoadedWeights> {
  const sources = new Map<string, string>();
  const { input, problem } = await readInput(path.resolve(cwd, file), cwd, noStdin);
  if (!input) return { problems: [problem!], sources };
  sources.set(input.path, input.text);
  const doc = parseYamlDoc(input.path, input.text);
  if (doc.problems.length) return { problems: doc.problems, sources };
  const { weights, problems } = validateWeightsDoc(doc, set);
  if (!weights) return { problems: problems.sort(compareProblems), sources };
  const applied = applyWeights(set, weights);
  return {
    set: applied.set,
    used: { source: 'file', file: input.path, sha256: input.sha256, changed: applied.changed },
    problems,
    sources,
  };
}
