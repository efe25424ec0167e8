import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateIndicatorSet } from '../../src/core/validate.js';
import type { Evidence } from '../../src/core/report.js';
import type { Credibility, Event, IndicatorSet, Reliability, Status } from '../../src/core/types.js';
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

/** What a property test draws for one event; the optional fields are left out when undefined. */
export interface DrawnEvent {
  date: string;
  actor: string;
  kind: string;
  status: Status;
  magnitude?: number | undefined;
  substances?: string[] | undefined;
  tags?: string[] | undefined;
  measure?: string | undefined;
  due?: string | undefined;
  reliability?: Reliability | undefined;
  credibility?: Credibility | undefined;
}

/**
 * Drawn events as the engine takes them: ids ev-000, ev-001, …; every `sameEvery`th one shares a
 * summary (so exact duplicates occur too); a due date only on talk and after its event.
 */
export function drawnEvents(raws: readonly DrawnEvent[], options: { sameEvery: number; files: number }): Event[] {
  return raws.map((r, i): Event => {
    const e: Event = {
      id: `ev-${String(i).padStart(3, '0')}`,
      date: r.date,
      actor: r.actor,
      kind: r.kind,
      status: r.status,
      summary: i % options.sameEvery === 0 ? 'generated' : `generated ${i}`,
      source: { title: 'generated' },
      origin: { file: `f${i % options.files}.yaml`, line: i + 1, column: 5 },
    };
    if (r.magnitude !== undefined) e.magnitude = r.magnitude;
    if (r.substances?.length) e.substances = r.substances;
    if (r.tags?.length) e.tags = r.tags;
    if (r.measure !== undefined) e.measure = r.measure;
    if (r.due !== undefined && (r.status === 'pledged' || r.status === 'announced') && r.due > r.date) e.due = r.due;
    if (r.reliability) e.source.reliability = r.reliability;
    if (r.credibility) e.source.credibility = r.credibility;
    return e;
  });
}

/** A piece of report evidence (a subject's A1 pledge unless `extra` says otherwise), for tests that hand-build reports. */
export function evidenceOf(eventId: string, date: string, extra: Partial<Evidence> = {}): Evidence {
  return {
    eventId,
    date,
    actor: 'CN',
    kind: 'kyc-rule',
    status: 'pledged',
    role: 'subject',
    value: 0.1,
    decay: 1,
    graded: true,
    file: 'events.yaml',
    line: 1,
    source: { title: 'report' },
    summary: `summary of ${eventId}`,
    grade: 'A1',
    gradeFactor: 1,
    solid: true,
    stage: 'talk',
    fate: 'counted',
    ...extra,
  };
}
