/**
 * A line scanner for the plain YAML that event files are written in: block mappings and sequences
 * indented with spaces, keys that are plain words, one-line plain, single- and double-quoted
 * scalars, one-line flow sequences of such scalars, and folded or literal block scalars. It gives
 * exactly what js-yaml's load with the fast path's listener gives (fast-load.ts: the data, and for
 * each mapping with an `id` or a watched key the same positions), two to four times as fast, and
 * returns undefined for anything outside that subset, where js-yaml and then the reference parser
 * decide. test/fast-scan.test.ts holds the two together on the seeds, generated files in many
 * styles and mutated files.
 *
 * What it leaves to js-yaml, because it is rare in event files and easy to get subtly wrong:
 * anchors, aliases, tags, directives and document markers; flow mappings; quoted keys; empty
 * values; plain or quoted scalars that continue on the next line; block scalars with indentation
 * or keep indicators, leading blank lines, more-indented lines or trailing spaces; double-quoted
 * escapes other than \" \\ \/ \n \t and \uXXXX; nesting deeper than 64; tabs, carriage returns,
 * U+2028, U+2029, a BOM, NUL and the characters js-yaml calls non-printable (LEFT_TO_JS_YAML).
 */

/** Where a mapping starts and where its `id` value sits, as UTF-16 offsets into the text (as js-yaml's listener sees them). */
export interface MapPosition {
  start: number;
  /** Where js-yaml finished the mapping (its text ends at or before this offset). */
  end: number;
  idStart: number;
  idEnd: number;
  /** Where the values of a few keys sit, for the warnings a valid file can get (see WATCHED). */
  values?: Partial<Record<string, { start: number; end: number; collection: boolean }>>;
}

/**
 * Keys whose values warnings point at (a future `date` or `published`, an ungraded `source`):
 * recorded so a file whose only problems are warnings needs no second parse. Other paths are
 * placed by fast-load.ts's exactDoc.
 */
const WATCHED_KEYS = ['date', 'source', 'published'];
export const WATCHED: ReadonlySet<string> = new Set(WATCHED_KEYS);

/**
 * How plain scalars resolve: the `yaml` package's YAML 1.2 core schema (yaml/dist/schema/core), so
 * `2024-02-30` stays a string and `0o17` is 15. The first type whose test passes wins, else the
 * scalar is a string. fast-load.ts builds its js-yaml schema from this list, so both readers agree.
 */
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
export const PLAIN_SCALARS: readonly { tag: string; test: RegExp; construct: (s: string) => unknown }[] = [
  { tag: 'tag:yaml.org,2002:null', test: /^(?:~|[Nn]ull|NULL)?$/, construct: () => null },
  { tag: 'tag:yaml.org,2002:bool', test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, construct: (s) => s[0] === 't' || s[0] === 'T' },
  {
    tag: 'tag:yaml.org,2002:int',
    test: /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/,
    construct: (s) => (INT_OCT.test(s) ? parseInt(s.substring(2), 8) : INT_HEX.test(s) ? parseInt(s.substring(2), 16) : parseInt(s, 10)),
  },
  {
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/,
    construct: (s) => (FLOAT_NAN.test(s) ? (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity) : parseFloat(s)),
  },
];

/** Could a plain scalar resolve to something other than a string? Only if it is empty or starts with one of these (see PLAIN_SCALARS). */
const MAYBE_NOT_TEXT = new Uint8Array(128);
for (const c of '-+.~0123456789nNtTfF') MAYBE_NOT_TEXT[c.charCodeAt(0)] = 1;

function resolvePlain(s: string): unknown {
  if (s.length > 0 && MAYBE_NOT_TEXT[s.charCodeAt(0)] !== 1) return s;
  for (const type of PLAIN_SCALARS) if (type.test.test(s)) return type.construct(s);
  return s;
}

/**
 * Keys left to js-yaml: the plain words that do not resolve to a string (the scanner's keys start
 * with a letter or `_`), and `__proto__`, which js-yaml stores as a key and plain assignment would not.
 */
const REFUSED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);

/**
 * Keys seen before, by a hash of their characters: a file repeats a dozen keys thousands of times,
 * and handing V8 the same string each time spares making and interning a new one per key. Bounded,
 * so an input of endless distinct keys cannot grow it without limit.
 */
const KNOWN_KEYS = new Map<number, string>();
const MAX_KNOWN_KEYS = 512;

/**
 * Short plain values seen before (kinds, statuses, actors, dates, grades), by a hash of their
 * characters, as for keys: a file of 1,000 events repeats a few dozen such values thousands of
 * times, and one shared string for each is less memory, and cheaper for every later map lookup and
 * comparison on it than a fresh string per event. Bounded like KNOWN_KEYS.
 */
const KNOWN_VALUES = new Map<number, string>();
const MAX_KNOWN_VALUES = 16_384;
/** The longest value looked up in KNOWN_VALUES (a kind is at most about 25 characters). */
const SHORT_VALUE = 24;

/**
 * Characters the scanner leaves to js-yaml wherever they are: tabs, carriage returns, U+2028,
 * U+2029 and a BOM (see the top of this file), and what js-yaml refuses or checks as it goes, NUL
 * and its non-printable characters (surrogates among them: a valid pair, an emoji, is left to it
 * too). Files are read through a check that refuses most of these, but the scanner must not rely
 * on its callers to stay a subset of js-yaml.
 */
export const LEFT_TO_JS_YAML = /[\t\r\u2028\u2029\uFEFF\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * The deepest nesting the scanner follows (mappings and sequences): the reference refuses deeper
 * documents anyway (YAML_LIMITS), and js-yaml, which takes several stack frames a level, runs out
 * of stack well before the scanner would.
 */
const MAX_DEPTH = 64;

/** Thrown inside the scanner when the text is outside its subset; scanPlainYaml returns undefined. */
const OUTSIDE = new Error('outside the scanner subset');

const SPACE = 0x20;
const NL = 0x0a;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;

/** Characters a plain scalar may not start with here: YAML's indicators (`?` and `:` only before a space, but rare anyway), besides `- `. */
const NOT_PLAIN_START = new Set([..."[]{},#&*!|>'\"%@`?:"].map((c) => c.charCodeAt(0)));

const isKeyStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isKeyChar = (c: number) => isKeyStart(c) || (c >= 0x30 && c <= 0x39) || c === DASH;
const hex4 = /^[0-9a-fA-F]{4}$/;

/**
 * Scan `text` as js-yaml would load it with fast-load.ts's schema and listener, or return undefined
 * when the text is outside the subset (see the top of this file). `plain`: the caller has already
 * found none of LEFT_TO_JS_YAML in the text (inputs.ts's check of every input reads each character
 * anyway), so it is not searched again.
 */
export function scanPlainYaml(text: string, plain = false): { data: unknown; maps: Map<object, MapPosition> } | undefined {
  if (!plain && LEFT_TO_JS_YAML.test(text)) return undefined;
  const n = text.length;
  // js-yaml reads a text without a final line break as if it had one: that is where it ends nodes.
  const eofClose = n > 0 && text.charCodeAt(n - 1) === NL ? n : n + 1;
  const maps = new Map<object, MapPosition>();
  let lineStart = 0; // start of the line nextContent last stopped on

  /** The first character of the next line with content from `from` (a line start), past blank and comment lines; -1 at the end. */
  function nextContent(from: number): number {
    let at = from;
    while (at < n) {
      let p = at;
      while (text.charCodeAt(p) === SPACE) p++;
      const c = text.charCodeAt(p);
      if (c === NL) {
        at = p + 1;
        continue;
      }
      if (p >= n) return -1;
      if (c === HASH) {
        const eol = text.indexOf('\n', p);
        if (eol === -1) return -1;
        at = eol + 1;
        continue;
      }
      lineStart = at;
      return p;
    }
    return -1;
  }

  const lineEnd = (p: number) => {
    const eol = text.indexOf('\n', p);
    return eol === -1 ? n : eol;
  };

  /**
   * Whether a plain scalar that ends on the line ending at `eol` would go on below, for a node in
   * column `indent`: js-yaml reads on when the next line that is not blank (a comment line too)
   * is indented more, and then either continues the scalar or ends it in a way the fast path's
   * listener refuses.
   */
  function plainGoesOn(eol: number, indent: number): boolean {
    let at = eol + 1;
    while (at < n) {
      let p = at;
      while (text.charCodeAt(p) === SPACE) p++;
      if (p >= n) return false;
      if (text.charCodeAt(p) !== NL) return p - at > indent;
      at = p + 1;
    }
    return false;
  }

  /** After a value that ends at `p`: nothing but spaces and a comment may follow on its line. Returns the line's end. */
  function restOfLine(p: number): number {
    let q = p;
    while (text.charCodeAt(q) === SPACE) q++;
    if (q >= n || text.charCodeAt(q) === NL) return q;
    if (text.charCodeAt(q) === HASH && q > p) return lineEnd(q);
    throw OUTSIDE;
  }

  /** The hash of the last key keyEnd read (see KNOWN_KEYS). */
  let keyHash = 0;

  /** End of a key (the offset of its colon) when a plain key followed by `: ` or `:` and a line break starts at `p`; else -1. */
  function keyEnd(p: number): number {
    let c = text.charCodeAt(p);
    if (!isKeyStart(c)) return -1;
    let h = c;
    let q = p + 1;
    while (isKeyChar((c = text.charCodeAt(q)))) {
      h = (Math.imul(h, 31) + c) | 0;
      q++;
    }
    if (c !== COLON) return -1;
    const after = text.charCodeAt(q + 1);
    keyHash = h;
    return after === SPACE || after === NL || q + 1 >= n ? q : -1;
  }

  /** The text from `p` to `end`, whose characters hash to `h`: the string `cache` holds for it, or a new one it then holds (up to `max`). */
  function shared(cache: Map<number, string>, max: number, h: number, p: number, end: number): string {
    const known = cache.get(h);
    if (known !== undefined && known.length === end - p && text.startsWith(known, p)) return known;
    const fresh = text.slice(p, end);
    if (cache.size >= max) return fresh;
    // V8 may make a slice a view of the whole text; a cached view would keep that file's text
    // alive as long as the process (the caches outlive a run when coopscore is used as a library),
    // so what is cached is a copy of its own.
    const own = ` ${fresh}`.slice(1);
    cache.set(h, own);
    return own;
  }

  /** The key from `p` to `colon`, as the same string as last time when it was seen before. */
  const keyAt = (p: number, colon: number) => shared(KNOWN_KEYS, MAX_KNOWN_KEYS, keyHash, p, colon);

  /** The text from `p` to `end`, as the same string as last time when it is short and was seen before. */
  function textAt(p: number, end: number): string {
    if (end - p > SHORT_VALUE) return text.slice(p, end);
    let h = 0;
    for (let q = p; q < end; q++) h = (Math.imul(h, 31) + text.charCodeAt(q)) | 0;
    return shared(KNOWN_VALUES, MAX_KNOWN_VALUES, h, p, end);
  }

  const isItem = (p: number) => text.charCodeAt(p) === DASH && (text.charCodeAt(p + 1) === SPACE || text.charCodeAt(p + 1) === NL || p + 1 >= n);

  // Where the last value read ends, for the reader functions below: they return the value itself
  // and leave its ends here rather than allocating a pair or a record per scalar (a 100k-event
  // input reads about 1.5 million of them).
  /** Past the last quoted scalar or flow sequence, or where js-yaml ends the last plain scalar. */
  let closeAt = 0;
  /** The end of the line the last inline value sits on. */
  let lineEndAt = 0;
  /** Whether the last inline value was a plain scalar (js-yaml may read one on below its line). */
  let wasPlain = false;
  /** Whether the last inline value was a flow sequence (a collection) rather than a scalar. */
  let wasSequence = false;

  /**
   * A one-line scalar or flow sequence at `p` (block context). Sets closeAt (where js-yaml ends
   * it), lineEndAt (only spaces and a comment may follow it on its line), wasPlain and wasSequence.
   */
  function inlineValue(p: number): unknown {
    const c = text.charCodeAt(p);
    wasPlain = false;
    wasSequence = false;
    if (c === 0x22 || c === 0x27) {
      const value = quoted(p);
      lineEndAt = restOfLine(closeAt);
      return value;
    }
    if (c === 0x5b) {
      const value = flowSequence(p);
      wasSequence = true;
      lineEndAt = restOfLine(closeAt);
      return value;
    }
    if (NOT_PLAIN_START.has(c) || (c === DASH && (text.charCodeAt(p + 1) === SPACE || text.charCodeAt(p + 1) === NL || p + 1 >= n))) {
      throw OUTSIDE;
    }
    const eol = lineEnd(p);
    const line = textAt(p, eol);
    // A comment starts at a `#` after a space; js-yaml ends the scalar at the `#`.
    const comment = line.indexOf(' #');
    let end = comment === -1 ? line.length : comment;
    while (end > 0 && line.charCodeAt(end - 1) === SPACE) end--;
    const raw = end === line.length ? line : line.slice(0, end);
    // `a: b` inside a value is a mapping, `a:` at its end too: js-yaml and the reference decide.
    if (raw.includes(': ') || raw.charCodeAt(raw.length - 1) === COLON) throw OUTSIDE;
    closeAt = p + (comment === -1 ? end : comment + 1);
    lineEndAt = eol;
    wasPlain = true;
    return resolvePlain(raw);
  }

  /** A quoted scalar at `p` on one line: its text; closeAt is set past its closing quote. */
  function quoted(p: number): string {
    const quote = text.charCodeAt(p);
    let out = '';
    let from = p + 1;
    for (let q = p + 1; q < n; q++) {
      const c = text.charCodeAt(q);
      if (c === NL) break;
      if (quote === 0x27) {
        if (c !== 0x27) continue;
        if (text.charCodeAt(q + 1) === 0x27) {
          out += text.slice(from, q + 1);
          from = ++q + 1;
          continue;
        }
        closeAt = q + 1;
        return out + text.slice(from, q);
      }
      if (c === 0x22) {
        closeAt = q + 1;
        return out + text.slice(from, q);
      }
      if (c !== 0x5c) continue;
      const e = text[q + 1];
      out += text.slice(from, q);
      if (e === '"' || e === '\\' || e === '/') out += e;
      else if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'u' && hex4.test(text.slice(q + 2, q + 6))) {
        out += String.fromCharCode(parseInt(text.slice(q + 2, q + 6), 16));
        q += 4;
      } else throw OUTSIDE;
      q++;
      from = q + 1;
    }
    throw OUTSIDE; // no closing quote on this line
  }

  /** `[a, "b", 3]` on one line: plain items resolve as plain scalars do; closeAt is set past the `]`. */
  function flowSequence(p: number): unknown[] {
    const items: unknown[] = [];
    let q = p + 1;
    while (text.charCodeAt(q) === SPACE) q++;
    if (text.charCodeAt(q) === 0x5d) {
      closeAt = q + 1;
      return items;
    }
    for (;;) {
      const c = text.charCodeAt(q);
      if (c === 0x22 || c === 0x27) {
        items.push(quoted(q));
        q = closeAt;
      } else {
        if (NOT_PLAIN_START.has(c) || c === DASH || q >= n || c === NL) throw OUTSIDE;
        const from = q;
        for (;;) {
          const d = text.charCodeAt(q);
          if (d === 0x2c || d === 0x5d) break;
          if (d === NL || q >= n || d === HASH || d === COLON || d === 0x5b || d === 0x7b || d === 0x7d) throw OUTSIDE;
          q++;
        }
        let end = q;
        while (text.charCodeAt(end - 1) === SPACE) end--;
        items.push(resolvePlain(textAt(from, end)));
      }
      while (text.charCodeAt(q) === SPACE) q++;
      const d = text.charCodeAt(q);
      if (d === 0x5d) {
        closeAt = q + 1;
        return items;
      }
      if (d !== 0x2c) throw OUTSIDE;
      q++;
      while (text.charCodeAt(q) === SPACE) q++;
      if (text.charCodeAt(q) === 0x5d) throw OUTSIDE; // a trailing comma
    }
  }

  /**
   * A block scalar (`>`, `>-`, `|`, `|-`) whose indicator is at `p`, for a node indented more than
   * `parentIndent`: its text; closeAt is set to the start of the next line after it.
   */
  function blockScalar(p: number, parentIndent: number): string {
    const folded = text.charCodeAt(p) === 0x3e;
    let q = p + 1;
    const strip = text.charCodeAt(q) === DASH;
    if (strip) q++;
    let at = restOfLine(q) + 1;
    if (text.charCodeAt(q) !== SPACE && text.charCodeAt(q) !== NL && q < n) throw OUTSIDE; // `>+`, `>2`
    const lines: string[] = [];
    let indent = -1;
    while (at < n) {
      let s = at;
      while (text.charCodeAt(s) === SPACE) s++;
      const c = text.charCodeAt(s);
      if (c === NL || s >= n) {
        if (s !== at || indent === -1) throw OUTSIDE; // spaces on an empty line, or a leading empty line
        lines.push('');
        at = s + 1;
        continue;
      }
      const ind = s - at;
      if (indent === -1) {
        if (ind <= parentIndent) break;
        indent = ind;
      } else if (ind < indent) break;
      if (ind > indent) throw OUTSIDE; // a more-indented line keeps its break: left to js-yaml
      const eol = lineEnd(s);
      if (text.charCodeAt(eol - 1) === SPACE) throw OUTSIDE;
      lines.push(text.slice(s, eol));
      at = eol + 1;
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) throw OUTSIDE;
    let value: string;
    if (folded) {
      value = lines[0]!;
      for (let i = 1; i < lines.length; i++) value += lines[i] === '' ? '\n' : lines[i - 1] === '' ? lines[i] : ` ${lines[i]}`;
    } else value = lines.join('\n');
    closeAt = at;
    return strip ? value : `${value}\n`;
  }

  /** The column of `p`, on the line nextContent last stopped on. */
  const columnOf = (p: number) => p - lineStart;

  /**
   * A block mapping whose first key is at `first`, in column `indent`; js-yaml opened it at `open`.
   * Returns the mapping; closeAt is set to where it ends: the first character of the next line with
   * content that is not part of it, or the end of the text.
   */
  function mapping(open: number, first: number, indent: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw OUTSIDE;
    const out: Record<string, unknown> = {};
    const keys: string[] = [];
    let idStart = -1;
    let idEnd = -1;
    let values: MapPosition['values'];
    let p = first;
    let close: number;
    for (;;) {
      const colon = keyEnd(p);
      if (colon === -1) throw OUTSIDE;
      const key = keyAt(p, colon);
      // A repeated key: js-yaml and the reference decide. (Keys come from KNOWN_KEYS, so a repeat is
      // mostly the same string, but a key past its bound is not: compare the text.)
      for (let k = 0; k < keys.length; k++) if (keys[k] === key) throw OUTSIDE;
      keys.push(key);
      if (REFUSED_KEYS.has(key)) throw OUTSIDE;
      const valueOpen = colon + 1;
      let v = valueOpen;
      while (text.charCodeAt(v) === SPACE) v++;
      const c = text.charCodeAt(v);
      let value: unknown;
      let start: number;
      let end: number;
      let kind: 'scalar' | 'collection' | 'block';
      let next: number;
      if (c === NL || v >= n || c === HASH) {
        // The value is a block collection on the lines below.
        next = -1;
        const below = nextContent(c === NL ? v + 1 : lineEnd(v) + 1);
        if (below === -1) throw OUTSIDE; // an empty value
        const column = columnOf(below);
        if (column > indent && !isItem(below)) value = mapping(valueOpen, below, column, depth + 1);
        else if (column >= indent && isItem(below)) value = sequence(below, column, depth + 1);
        else throw OUTSIDE; // an empty value
        end = closeAt;
        start = below;
        kind = 'collection';
        next = end < n ? end : -1;
      } else if (c === 0x7c || c === 0x3e) {
        value = blockScalar(v, indent);
        start = v;
        end = -1;
        kind = 'block';
        next = nextContent(closeAt);
      } else {
        value = inlineValue(v);
        start = v;
        end = closeAt;
        kind = wasSequence ? 'collection' : 'scalar';
        if (wasPlain && plainGoesOn(lineEndAt, indent)) throw OUTSIDE;
        next = nextContent(lineEndAt + 1);
      }
      out[key] = value;
      if (key === 'id') {
        if (kind === 'block') throw OUTSIDE;
        idStart = start;
        idEnd = end;
      } else if (kind !== 'block' && WATCHED_KEYS.includes(key)) {
        let trimmed = end;
        while (trimmed > start && text.charCodeAt(trimmed - 1) === SPACE) trimmed--;
        const at = { start, end: trimmed, collection: kind === 'collection' };
        values ??= {};
        // Named stores for the two keys every event has (one shape, not a dictionary write each).
        if (key === 'date') values.date = at;
        else if (key === 'source') values.source = at;
        else values[key] = at;
      }
      if (next === -1) {
        close = eofClose;
        break;
      }
      const column = columnOf(next);
      if (column < indent) {
        close = next;
        break;
      }
      if (column > indent) throw OUTSIDE; // a continued scalar, or a mis-indented key
      p = next;
    }
    if (idStart >= 0 || values) {
      const at: MapPosition = { start: open, end: close, idStart, idEnd };
      if (values) at.values = values;
      maps.set(out, at);
    }
    closeAt = close;
    return out;
  }

  /** A block sequence whose first `- ` is at `first`, in column `indent`: the list and where it ends (as for a mapping). */
  function sequence(first: number, indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw OUTSIDE;
    const out: unknown[] = [];
    let p = first;
    for (;;) {
      let v = p + 1;
      while (text.charCodeAt(v) === SPACE) v++;
      const c = text.charCodeAt(v);
      if (v === p + 1 || c === NL || c === HASH || v >= n) throw OUTSIDE; // `-` alone: the item starts below
      let next: number;
      if (keyEnd(v) !== -1) {
        out.push(mapping(v, v, indent + (v - p), depth + 1));
        next = closeAt < n ? closeAt : -1;
      } else {
        if (c === 0x7c || c === 0x3e) throw OUTSIDE;
        out.push(inlineValue(v));
        if (wasPlain && plainGoesOn(lineEndAt, indent)) throw OUTSIDE;
        next = nextContent(lineEndAt + 1);
      }
      if (next === -1) {
        closeAt = eofClose;
        return out;
      }
      const column = columnOf(next);
      if (column === indent && isItem(next)) {
        p = next;
        continue;
      }
      if (column > indent) throw OUTSIDE;
      closeAt = next;
      return out;
    }
  }

  try {
    const first = nextContent(0);
    if (first === -1 || columnOf(first) !== 0 || isItem(first)) return undefined;
    const data = mapping(first, first, 0, 1);
    if (closeAt < n) return undefined; // something after the top mapping ended
    return { data, maps };
  } catch {
    return undefined; // outside the subset, or nested too deep for the stack
  }
}
