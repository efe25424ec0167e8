import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Span } from '../core/problems.js';
import type { LocatedData } from '../core/validate.js';
import type { Event, EventSource, Status } from '../core/types.js';
import { normalizedLength, type SummaryKey } from '../core/evidence.js';

/**
 * Events of a JSON Lines file that leave their words in the file: the summary, the notes and the
 * source's title are read back from the event's line when something asks for them, and are not
 * held in memory meanwhile.
 *
 * Why: a table names three pieces of evidence per indicator and prints no summary of any other
 * event, and no output prints notes; yet those words were a third of what a million held events
 * weighed (the bench's synthetic events: the summary ~140 bytes an event, the notes ~60). Read on
 * demand, the words of the few events a table names (and of the events the exact-duplicate check
 * compares: those alike on every other field of one day whose summaries are as long, see
 * summaryLengthKey) are read back; the rest never are. Held
 * this way, with their dates and lists shared and their origin made when asked for, 300,000 such
 * events keep 119 MB of heap instead of 206.
 *
 * Every other field is held as read. Only events with one source are made this way (an event with
 * `sources:` keeps its words: its best source is chosen among several, and those are few).
 * A read-back line is parsed and validated as it was the first time. The file must have the size
 * and modification time it had before it was read (one `stat`, which also tells a regular file
 * from a pipe), and the line must still hold the same event (same id): a file changed since is an
 * InputChangedError, never a wrong word.
 */
export class TextInFile {
  /** How many lines were read back (tests hold a table's run to a few). */
  rereads = 0;
  private fd: number | undefined;
  /** Bytes before the first line's: a UTF-8 byte-order mark, which the reader drops. */
  private skip: number | undefined;
  private last: { at: number; event: Event } | undefined;

  private constructor(
    /** The file on disk. */
    readonly path: string,
    /** The name problems give it. */
    readonly shown: string,
    /** The line's event, parsed and validated as the loader did (undefined if the line no longer holds a valid event). */
    private readonly parse: (line: string) => Event | undefined,
    /** The file's size and modification time before it was read: a read-back checks them, so a change while reading counts too. */
    private readonly seen: { size: number; mtimeMs: number },
  ) {}

  /**
   * The words of `path`, to be read before the file is: undefined unless it is a regular file (a
   * pipe or a device cannot be read again at an offset; a path that cannot be read fails on reading).
   */
  static before(path: string, shown: string, parse: (line: string) => Event | undefined): TextInFile | undefined {
    try {
      const info = statSync(path);
      return info.isFile() ? new TextInFile(path, shown, parse, { size: info.size, mtimeMs: info.mtimeMs }) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The event on the line at byte `at` (of the text after any byte-order mark), `bytes` long. */
  eventAt(at: number, bytes: number, line: number, id: string): Event {
    if (this.last?.at === at) return this.last.event;
    this.rereads++;
    let text: string;
    try {
      text = this.read(at, bytes);
    } catch (error) {
      if (error instanceof NotAsItWas) throw new InputChangedError(this.shown, line, error.message);
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputChangedError(this.shown, line, `it cannot be read again (${code ?? (error as Error).message})`);
    }
    const event = this.parse(text.endsWith('\r') ? text.slice(0, -1) : text);
    if (event?.id !== id) throw new InputChangedError(this.shown, line, `line ${line} no longer holds event "${id}"`);
    this.last = { at, event };
    return event;
  }

  /** The text of `bytes` bytes at `at`; throws NotAsItWas if the file is not as it was read. */
  private read(at: number, bytes: number): string {
    if (this.fd === undefined) {
      this.fd = openSync(this.path, 'r');
      const { size, mtimeMs } = fstatSync(this.fd);
      if (size !== this.seen.size || mtimeMs !== this.seen.mtimeMs) {
        this.close();
        throw new NotAsItWas('its size or modification time is not what it was');
      }
    }
    if (this.skip === undefined) {
      const head = Buffer.alloc(3);
      const n = readSync(this.fd, head, 0, 3, 0);
      this.skip = n === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    }
    const buffer = Buffer.allocUnsafe(bytes);
    const n = readSync(this.fd, buffer, 0, bytes, at + this.skip);
    if (n !== bytes) throw new NotAsItWas('it is shorter than it was');
    return buffer.toString('utf8');
  }

  /** Let go of the file (a later read opens it again). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The file changed between reading an event and reading its words back; `why` says how it shows. */
export class InputChangedError extends Error {
  readonly code = 'input-changed';
  constructor(
    readonly file: string,
    readonly line: number,
    why: string,
  ) {
    super(`${file}:${line}:1: error input-changed: ${why}: the file changed while coopscore was reading it; run again on a file that stays put`);
  }
}

/** How a file read again shows it is not as it was (TextInFile.read); its message says how. */
class NotAsItWas extends Error {}

/** An event's one source, its title left in the file. */
class SourceInFile implements EventSource {
  readonly publisher: string | undefined;
  readonly url: string | undefined;
  readonly published: string | undefined;
  readonly reliability: EventSource['reliability'];
  readonly credibility: EventSource['credibility'];
  // Private fields (#) are no properties: a copy or JSON of the source holds only its data.
  readonly #event: EventInFile;
  constructor(source: EventSource, event: EventInFile) {
    this.#event = event;
    this.publisher = source.publisher;
    this.url = source.url;
    this.published = source.published;
    this.reliability = source.reliability;
    this.credibility = source.credibility;
  }
  get title(): string {
    return this.#event.words().source.title;
  }
}

/**
 * An event as validated, its summary, notes and source's title left in the file, and its origin
 * made when asked for (an object each held event would otherwise keep). Its other fields are the
 * event's, in shapedEvent's order.
 */
class EventInFile implements Event {
  readonly id: string;
  readonly date: string;
  readonly datePrecision: Event['datePrecision'];
  readonly actor: string;
  readonly kind: string;
  readonly status: Status;
  readonly magnitude: number | undefined;
  readonly substances: string[] | undefined;
  readonly tags: string[] | undefined;
  readonly measure: string | undefined;
  readonly due: string | undefined;
  readonly source: EventSource;
  readonly sources: undefined;
  readonly #shared: Shared;
  /** The line's byte offset (after any byte-order mark). */
  readonly #at: number;
  /**
   * Three numbers in one (a field more would weigh 8 MB a million events): the line's length in
   * bytes without its line end (bits 0-21: a line is at most MAX_LINE_CHARS characters of up to 3
   * bytes each, under 2^22), whether the event has notes (bit 22), and its summary's
   * normalised length modulo 256 (bits 23-30: summaryLengthKey). Under 2^31, so a small integer.
   */
  readonly #packed: number;
  readonly #line: number;
  constructor(e: Event, shared: Shared, at: number, bytes: number) {
    this.#shared = shared;
    this.#at = at;
    this.#packed = bytes | (e.notes === undefined ? 0 : NOTES) | (lengthKey(e.summary) << 23);
    this.#line = e.origin.line;
    if (e.origin.column !== 1) shared.columns.set(e.origin.line, e.origin.column);
    this.id = e.id;
    this.date = shared.string(e.date);
    this.datePrecision = e.datePrecision;
    this.actor = e.actor;
    this.kind = e.kind;
    this.status = e.status;
    this.magnitude = e.magnitude;
    this.substances = shared.list(e.substances);
    this.tags = shared.list(e.tags);
    this.measure = e.measure;
    this.due = e.due;
    this.source = new SourceInFile(e.source, this);
    this.sources = undefined;
  }
  /** The event as read back from its line. */
  words(): Event {
    return this.#shared.text.eventAt(this.#at, this.#packed & BYTES, this.#line, this.id);
  }
  get summary(): string {
    return this.words().summary;
  }
  get notes(): string | undefined {
    return (this.#packed & NOTES) !== 0 ? this.words().notes : undefined;
  }
  /** Its summary's normalised length modulo 256, known without reading the summary back. */
  get summaryKey(): number {
    return this.#packed >>> 23;
  }
  get origin(): Event['origin'] {
    return { file: this.#shared.text.shown, line: this.#line, column: this.#shared.columns.get(this.#line) ?? 1 };
  }
}

const BYTES = (1 << 22) - 1;
const NOTES = 1 << 22;
/** A summary's normalised length modulo 256: the 8 bits an EventInFile keeps of it. */
const lengthKey = (summary: string) => normalizedLength(summary) & 0xff;

/**
 * For the exact-duplicate check (SummaryKey): a summary's normalised length modulo 256, which an
 * event whose words are in its file knows without reading them back.
 */
export const summaryLengthKey: SummaryKey = (event) => (event instanceof EventInFile ? event.summaryKey : lengthKey(event.summary));

/**
 * What a file's events share: the file their words are in, one string for each date, and one
 * frozen list for each list of substances or tags (most events repeat a few). Frozen, so a change
 * to one event's list throws instead of reaching the others. An event's line starts at column 1
 * unless indented: the few indented lines' columns are kept here, by line, not in every event.
 */
class Shared {
  readonly columns = new Map<number, number>();
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, string[]>();
  constructor(readonly text: TextInFile) {}
  string(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }
  list(list: string[] | undefined): string[] | undefined {
    if (list === undefined) return undefined;
    // Substances and tags are kebab-case words: no comma in any, so the joined list is its key.
    const key = list.length === 1 ? list[0]! : list.join(',');
    const known = this.lists.get(key);
    if (known !== undefined) return known;
    const kept = Object.freeze(list) as string[];
    this.lists.set(key, kept);
    return kept;
  }
}

/**
 * Makes the events of one file with their words left in it: `event` validated from the line at
 * byte `at`, `bytes` long. An event with several sources is kept whole.
 */
export function eventsInFile(text: TextInFile): (event: Event, at: number, bytes: number) => Event {
  const shared = new Shared(text);
  // A line longer than BYTES cannot occur (MAX_LINE_CHARS), but would not fit the packed number: kept whole.
  return (event, at, bytes) =>
    event.sources !== undefined || bytes > BYTES ? event : new EventInFile(event, shared, at, bytes);
}

/** A located view of one read-back line, for validating it again: nothing is placed from it (the line validated once). */
export function lineDoc(file: string, data: unknown): LocatedData {
  const nowhere: Span = { line: 0, column: 0, endLine: 0, endColumn: 0 };
  return { file, data, locate: () => nowhere };
}
