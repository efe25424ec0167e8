import path from 'node:path';
import { validateAnchorsDoc, type AnchorsFile } from '../core/anchors.js';
import { compareProblems } from '../core/engine.js';
import type { IndicatorSet, Problem } from '../core/types.js';
import { displayPath, readInput } from './inputs.js';
import { parseYamlDoc } from './yaml-doc.js';

export interface LoadedAnchors {
  anchors?: AnchorsFile;
  /** The anchors file's `events`, resolved against its folder and shown relative to cwd. */
  eventPaths?: string[];
  problems: Problem[];
  sources: Map<string, string>;
}

const noStdin = async () => Buffer.alloc(0);

/** Read and check an anchors file (`calibrate --anchors FILE`) against the active set. */
export async function loadAnchors(file: string, cwd: string, set: IndicatorSet): Promise<LoadedAnchors> {
  const sources = new Map<string, string>();
  const absolute = path.resolve(cwd, file);
  const { input, problem } = await readInput(absolute, cwd, noStdin);
  if (!input) {
    const p = problem!;
    return { problems: [{ ...p, code: p.code === 'read-error' && /ENOENT/.test(p.message) ? 'file-not-found' : p.code }], sources };
  }
  sources.set(input.path, input.text);
  const doc = parseYamlDoc(input.path, input.text);
  if (doc.problems.length) return { problems: doc.problems, sources };
  const { anchors, problems } = validateAnchorsDoc(doc, set);
  if (!anchors) return { problems: problems.sort(compareProblems), sources };
  const folder = path.dirname(absolute);
  const eventPaths = anchors.events.map((p) => displayPath(path.resolve(folder, p), cwd) || '.');
  return { anchors, eventPaths, problems, sources };
}
