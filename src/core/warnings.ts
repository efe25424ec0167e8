import { dayNumber, isCalendarDate } from './dates.js';
import { problem } from './problems.js';
import type { Problem } from './types.js';
import type { LocatedData } from './validate.js';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A day of slack: "today" where the analyst sits may already be tomorrow in UTC, or the reverse. */
const FUTURE_SLACK_DAYS = 1;

export interface InputWarningOptions {
  /**
   * Today's date (YYYY-MM-DD), passed in by the command line so the core never reads the clock.
   * Without it no date is checked against today.
   */
  today?: string;
}

/**
 * Warnings about an event file that is valid but probably wrong: dates after today (a typo such
 * as 2204 would otherwise become the scoring date) and sources with no Admiralty grade (they count
 * as "cannot be judged"). Read from the raw data, so they point at the field itself.
 */
export function inputWarnings(doc: LocatedData, options: InputWarningOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const { data } = doc;
  if (!isRecord(data) || !Array.isArray(data.events)) return problems;
  const today = options.today !== undefined && isCalendarDate(options.today) ? dayNumber(options.today) : undefined;
  const future = (value: unknown, path: (string | number)[], what: string) => {
    if (today === undefined || typeof value !== 'string' || !isCalendarDate(value)) return;
    if (dayNumber(value) - today > FUTURE_SLACK_DAYS) {
      problems.push(
        problem(doc.file, doc.locate(path), 'future-date', `${what} is dated ${value}, after today (${options.today}): nothing can be observed before it happens`, {
          severity: 'warning',
        }),
      );
    }
  };
  data.events.forEach((event, i) => {
    if (!isRecord(event)) return;
    const name = typeof event.id === 'string' ? `event "${event.id}"` : `events[${i}]`;
    future(event.date, ['events', i, 'date'], name);
    if (!isRecord(event.source)) return;
    future(event.source.published, ['events', i, 'source', 'published'], `the source of ${name}`);
    const missing = [
      ...(event.source.reliability === undefined ? ['reliability (A-F)'] : []),
      ...(event.source.credibility === undefined ? ['credibility (1-6)'] : []),
    ];
    if (missing.length > 0) {
      problems.push(
        problem(doc.file, doc.locate(['events', i, 'source']), 'ungraded-source', `the source of ${name} has no ${missing.join(' or ')} grade: it counts as "cannot be judged"`, {
          severity: 'warning',
          hint: 'add reliability: A-F and credibility: 1-6 (F and 6 say it cannot be judged)',
        }),
      );
    }
  });
  return problems;
}
