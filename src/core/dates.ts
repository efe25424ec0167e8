/** Calendar dates as YYYY-MM-DD strings; arithmetic in whole UTC days so no clock or zone leaks in. */

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;
const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9];

/** True when `text` is YYYY-MM-DD and names a day that exists (no 2024-02-30, no month 13). */
export function isCalendarDate(text: string): boolean {
  // Read in place (this runs for every date of every event): ten characters, digits and two dashes.
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return false;
  for (const at of DIGIT_AT) {
    const c = text.charCodeAt(at);
    if (c < 0x30 || c > 0x39) return false;
  }
  const y = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const mo = digit(text, 5) * 10 + digit(text, 6);
  const d = digit(text, 8) * 10 + digit(text, 9);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (arithmetic: this runs for every date read). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1]!;
}

/**
 * Days since 1970-01-01 for a valid calendar date. It runs for every event on every indicator, so
 * it reads the digits in place and counts days in arithmetic (H. Hinnant's days_from_civil) rather
 * than splitting the string and asking Date; years before 100, which Date.UTC reads as 19xx, keep
 * Date's reading so no date changes its number.
 */
export function dayNumber(date: string): number {
  let y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  if (y < 100) return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** `date` plus `days` calendar days (UTC, so 2024-02-29 + 365 is 2025-02-28), keeping YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * The YYYY-MM-DD of a day number (days since 1970-01-01), what `Date`'s ISO string starts with.
 * In arithmetic (H. Hinnant's civil_from_days, the inverse of dayNumber): a sensitivity analysis
 * writes a promise's due date once per draw (each draw its own horizon), and a `Date` and its ISO
 * string per promise per draw were a fifth of `score --sensitivity`. Years outside 0-9999, which
 * the ISO string writes with a sign and six digits, and parts of a day go through `Date`, so
 * nothing changes there.
 */
export function dateOfDay(day: number): string {
  if (!Number.isInteger(day)) return new Date(day * 86_400_000).toISOString().slice(0, 10);
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return new Date(day * 86_400_000).toISOString().slice(0, 10);
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(m)}-${pad2(d)}`;
}

/** Oldest first, and by id within a day: the one order of events wherever they are listed. */
export function byDateThenId(a: { date: string; id: string }, b: { date: string; id: string }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One day's items sorted by id in place, ties in input order. A day holds a few dozen events in
 * most inputs (about fifty in the bench's 100k), and for so few an insertion sort that compares
 * the ids itself beats Array.prototype.sort calling a comparator for each pair; a fuller day (the
 * bench's million: about five hundred) goes to the built-in sort.
 */
function sortedById<T extends { id: string }>(items: T[]): T[] {
  if (items.length > 64) return items.sort(byId);
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    const id = item.id;
    let j = i - 1;
    while (j >= 0 && items[j]!.id > id) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}

/**
 * A copy sorted by {@link byDateThenId}, the same order (ties keep input order), for many events:
 * a counting sort by date, then each day by id. Comparing date strings a million times was most of
 * sorting a large input, and ten years hold under four thousand days: each item's day is looked up
 * once, the few thousand dates are sorted, and every item is placed straight into its day's slot.
 * A day already in id order (a file written in id order) is only checked, not sorted. Against
 * grouping the items in an array per date, 540 -> 230 ms on a million events.
 */
export function sortedByDateThenId<T extends { date: string; id: string }>(items: readonly T[]): T[] {
  const n = items.length;
  const dayIndex = new Map<string, number>();
  const dates: string[] = [];
  const dayOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const date = items[i]!.date;
    let k = dayIndex.get(date);
    if (k === undefined) {
      k = dates.length;
      dayIndex.set(date, k);
      dates.push(date);
    }
    dayOf[i] = k;
  }
  // rank[k]: the place of dates[k] among the dates sorted; start[r]: where the r-th day's items begin.
  const rank = new Int32Array(dates.length);
  dates
    .map((_, k) => k)
    .sort((a, b) => (dates[a]! < dates[b]! ? -1 : 1))
    .forEach((k, r) => (rank[k] = r));
  const start = new Int32Array(dates.length + 1);
  for (let i = 0; i < n; i++) start[rank[dayOf[i]!]! + 1]!++;
  for (let r = 0; r < dates.length; r++) start[r + 1]! += start[r]!;
  const next = start.slice(0, dates.length);
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[next[rank[dayOf[i]!]!]!++] = items[i]!;
  for (let r = 0; r < dates.length; r++) {
    const [from, to] = [start[r]!, start[r + 1]!];
    if (to - from > 1 && !inIdOrder(out, from, to)) {
      const day = sortedById(out.slice(from, to));
      for (let i = from; i < to; i++) out[i] = day[i - from]!;
    }
  }
  return out;
}

function inIdOrder(items: readonly { id: string }[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (items[i - 1]!.id > items[i]!.id) return false;
  return true;
}
