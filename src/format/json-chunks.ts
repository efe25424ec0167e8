/**
 * JSON text in pieces: the bytes of `JSON.stringify(value, null, 2)` and a newline, handed out a
 * chunk at a time, so a large report is written without ever being one string. On 100,000 events
 * the score report is 139 MB of JSON; as one string (two bytes a character as soon as one character
 * is not ASCII) plus its UTF-8 copy for the write, it cost ~430 MB at once and ~1.5 s.
 *
 * The containers that hold long lists (the report, an indicator) are walked here, member by
 * member; a long list goes through JSON.stringify in runs of members (an indicator's evidence, the
 * exclusions, the warnings), and every other member through JSON.stringify on its own, indented to
 * its depth. So the text is JSON.stringify's own, not a re-implementation of its escaping or
 * number format; test/json-chunks.test.ts holds the joined chunks to its bytes on generated values.
 */

/** A list longer than this holding any object or list is worth walking member by member. */
const LONG = 16;
/**
 * A walked list longer than this is written in runs of RUN members, each through JSON.stringify
 * (so a member of a long list is never walked itself: evidence, exclusions and warnings are small);
 * a shorter one (the report's ten indicators) member by member, walking the big ones.
 */
const SHORT = 64;
const RUN = 256;
/** How far below a container a long list makes that container worth walking. */
const LOOK_DEPTH = 2;
const DEFAULT_CHUNK = 1 << 20;

const isContainer = (x: unknown): x is object => typeof x === 'object' && x !== null;
const hasToJson = (x: object) => typeof (x as { toJSON?: unknown }).toJSON === 'function';

/** Whether `value` holds, at most `depth` levels down, a long list of containers. */
function bulky(value: unknown, depth: number): boolean {
  if (!isContainer(value) || hasToJson(value)) return false;
  if (Array.isArray(value)) {
    if (value.length > LONG && value.some(isContainer)) return true;
    return depth > 0 && value.some((item) => bulky(item, depth - 1));
  }
  if (depth === 0) return false;
  for (const key in value) {
    if (Object.hasOwn(value, key) && bulky((value as Record<string, unknown>)[key], depth - 1)) return true;
  }
  return false;
}

/**
 * The JSON text of `value` as JSON.stringify(value, null, 2) writes it, plus a newline, in chunks
 * of about `chunkSize` characters. Throws what JSON.stringify throws (a cycle, a BigInt).
 */
export function* jsonChunks(value: unknown, chunkSize = DEFAULT_CHUNK): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  const push = (text: string) => {
    parts.push(text);
    size += text.length;
  };
  const take = () => {
    const chunk = parts.join('');
    parts = [];
    size = 0;
    return chunk;
  };
  const open = new Set<object>(); // the containers being walked, for JSON.stringify's cycle error

  /** `text` (JSON.stringify's, at depth 0) moved to `indent`. */
  const indented = (text: string, indent: string) => (indent === '' || !text.includes('\n') ? text : text.replaceAll('\n', `\n${indent}`));

  /**
   * The members of a list as JSON.stringify writes them at `inner`: the run through JSON.stringify
   * inside as many lists as it takes to reach that depth, and the wrapping cut off again (what
   * comes before and after the first member is measured once per depth on a list of one 0).
   */
  const wrapping = new Map<string, [number, number]>();
  const listMembers = (run: unknown[], inner: string) => {
    let wrapped: unknown = run;
    for (let depth = 2; depth < inner.length; depth += 2) wrapped = [wrapped];
    let cut = wrapping.get(inner);
    if (cut === undefined) {
      let probe: unknown = [0];
      for (let depth = 2; depth < inner.length; depth += 2) probe = [probe];
      const text = JSON.stringify(probe, null, 2);
      const at = text.indexOf('0');
      wrapping.set(inner, (cut = [at, text.length - at - 1]));
    }
    const text = JSON.stringify(wrapped, null, 2);
    return text.slice(cut[0], text.length - cut[1]);
  };

  /** A walked container's members: the big ones walked in turn, the rest as JSON.stringify writes them. */
  function* walk(container: object, indent: string): Generator<string> {
    if (open.has(container)) throw new TypeError('Converting circular structure to JSON');
    open.add(container);
    const inner = `${indent}  `;
    if (Array.isArray(container) && container.length > SHORT) {
      // A long list: its members in runs, each run through JSON.stringify at once (one call per
      // member, re-indented, was twice as slow as JSON.stringify on the whole report).
      push(`[\n${inner}`);
      for (let from = 0; from < container.length; from += RUN) {
        if (from > 0) push(`,\n${inner}`);
        push(listMembers(container.slice(from, from + RUN), inner));
        if (size >= chunkSize) yield take();
      }
      push(`\n${indent}]`);
      open.delete(container);
      return;
    }
    const list = Array.isArray(container);
    const keys = list ? undefined : Object.keys(container);
    const count = keys ? keys.length : (container as unknown[]).length;
    let first = true;
    push(list ? '[' : '{');
    for (let i = 0; i < count; i++) {
      const key = keys?.[i];
      const v = key === undefined ? (container as unknown[])[i] : (container as Record<string, unknown>)[key];
      const walked = bulky(v, LOOK_DEPTH);
      const text = walked ? '' : (JSON.stringify(v, null, 2) as string | undefined);
      if (text === undefined && !list) continue; // JSON.stringify leaves the member out
      push(first ? `\n${inner}` : `,\n${inner}`);
      first = false;
      if (key !== undefined) push(`${JSON.stringify(key)}: `);
      if (walked) yield* walk(v as object, inner);
      else push(text === undefined ? 'null' : indented(text, inner));
      if (size >= chunkSize) yield take();
    }
    push(first ? (list ? ']' : '}') : `\n${indent}${list ? ']' : '}'}`);
    open.delete(container);
  }

  if (bulky(value, LOOK_DEPTH)) yield* walk(value as object, '');
  else push(String(JSON.stringify(value, null, 2)));
  push('\n');
  yield take();
}
