import { readFileSync } from 'node:fs';
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
