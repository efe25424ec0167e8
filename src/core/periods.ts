import { daysInMonth } from './dates.js';

/** Calendar periods for `coopscore trend`: months, quarters and years, in whole dates, no clock. */

export const EVERY = ['month', 'quarter', 'year'] as const;
export type Every = (typeof EVERY)[number];

export interface Period {
  /** 2024-01 for a month, 2024-Q1 for a quarter, 2024 for a year. */
  label: string;
  /** First day of the calendar period. */
  start: string;
  /** Last day of the calendar period (29 February in a leap year). */
  end: string;
  /** The scoring date: the period's end, or `until` when the range stops inside the period. */
  asOf: string;
  /** True when the range stops before the period's end, so it is scored as of `until`. */
  partial: boolean;
}

const MONTHS: Record<Every, number> = { month: 1, quarter: 3, year: 12 };
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parts(date: string): [number, number] {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return [y, m];
}

function label(year: number, firstMonth: number, every: Every): string {
  if (every === 'year') return pad(year, 4);
  if (every === 'quarter') return `${pad(year, 4)}-Q${(firstMonth - 1) / 3 + 1}`;
  return `${pad(year, 4)}-${pad(firstMonth)}`;
}

/**
 * The calendar periods that overlap `since..until` (both inclusive, `since <= until`), oldest
 * first. Periods are whole calendar months, quarters or years; the last one is scored as of
 * `until` when the range ends inside it, so a trend never scores a day past its data.
 */
export function periodsBetween(since: string, until: string, every: Every): Period[] {
  if (since > until) throw new RangeError(`periodsBetween: ${since} is after ${until}`);
  const step = MONTHS[every];
  const [sy, sm] = parts(since);
  const [uy, um] = parts(until);
  // Months counted from year 0 so a period's first month is a multiple of the step.
  let index = Math.floor((sy * 12 + sm - 1) / step) * step;
  const last = uy * 12 + um - 1;
  const periods: Period[] = [];
  while (index <= last) {
    const year = Math.floor(index / 12);
    const firstMonth = (index % 12) + 1;
    const lastMonth = firstMonth + step - 1;
    const start = `${pad(year, 4)}-${pad(firstMonth)}-01`;
    const end = `${pad(year, 4)}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`;
    const partial = until < end;
    periods.push({ label: label(year, firstMonth, every), start, end, asOf: partial ? until : end, partial });
    index += step;
  }
  return periods;
}

/** How many periods `periodsBetween` would return, without building them (for a size guard). */
export function countPeriods(since: string, until: string, every: Every): number {
  const step = MONTHS[every];
  const [sy, sm] = parts(since);
  const [uy, um] = parts(until);
  const first = Math.floor((sy * 12 + sm - 1) / step);
  const last = Math.floor((uy * 12 + um - 1) / step);
  return Math.max(0, last - first + 1);
}
