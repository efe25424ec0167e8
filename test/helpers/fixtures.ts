import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateIndicatorSet } from '../../src/core/validate.js';
import type { Event, IndicatorSet, Status } from '../../src/core/types.js';
import { parseYamlDoc } from '../../src/io/yaml-doc.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The bundled default set, loaded through the same path the CLI uses. */
export function defaultSet(): IndicatorSet {
  const file = `${ROOT}indicators/us-china-2024.yaml`;
  const result = validateIndicatorSet(parseYamlDoc('indicators/us-china-2024.yaml', readFileSync(file, 'utf8')));
  if (!result.set) throw new Error(JSON.stringify(result.problems));
  return result.set;
}

/**
 * The bundled set at saturation 3: the scale the method's worked examples are stated in, and the
 * one these tests' numbers were written for before the set's saturation was calibrated (0.3).
 */
export function setAtSaturation3(): IndicatorSet {
  const set = defaultSet();
  return { ...set, method: { ...set.method, saturation: 3 } };
}

/** The bundled set file at saturation 3 (see setAtSaturation3), for tests that run the CLI. */
export const SET_AT_SATURATION_3 = (() => {
  const text = readFileSync(`${ROOT}indicators/us-china-2024.yaml`, 'utf8').replace(/\n {2}saturation: [\d.]+\n/, '\n  saturation: 3\n').replace(/\n {4}saturation: \[[^\]]*\]/, '\n    saturation: [2, 4]');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'coopscore-set3-')), 'us-china-2024-saturation-3.yaml');
  writeFileSync(file, text);
  return file;
})();

let counter = 0;
/** A CN event with sensible defaults; override what the case is about. */
export function ev(partial: Partial<Event> & { kind: string; status: Status; date: string }): Event {
  counter++;
  return {
    id: partial.id ?? `e${String(counter).padStart(4, '0')}`,
    actor: 'CN',
    summary: `test event ${counter}`,
    source: { title: 'test', reliability: 'A', credibility: 1 },
    origin: { file: 'test.yaml', line: counter, column: 5 },
    ...partial,
  } as Event;
}
