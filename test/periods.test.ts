import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, dateOfDay, dayNumber, daysInMonth } from '../src/core/dates.js';
import { countPeriods, periodsBetween } from '../src/core/periods.js';

describe('periodsBetween', () => {
  it('ends each month on its last day, 29 February in a leap year and 28 otherwise', () => {
    const ends = periodsBetween('2023-12-15', '2024-04-30', 'month').map((p) => p.end);
    expect(ends).toEqual(['2023-12-31', '2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
    expect(periodsBetween('2023-02-01', '2023-02-28', 'month')[0]).toMatchObject({ label: '2023-02', end: '2023-02-28', partial: false });
    // Century rules: 2000 is a leap year, 1900 is not.
    expect(periodsBetween('2000-02-10', '2000-03-01', 'month')[0]!.end).toBe('2000-02-29');
    expect(periodsBetween('1900-02-10', '1900-03-01', 'month')[0]!.end).toBe('1900-02-28');
  });

  it('aligns quarters and years to the calendar, whatever day the range starts', () => {
    const quarters = periodsBetween('2022-08-05', '2023-01-31', 'quarter');
    expect(quarters.map((p) => [p.label, p.start, p.end])).toEqual([
      ['2022-Q3', '2022-07-01', '2022-09-30'],
      ['2022-Q4', '2022-10-01', '2022-12-31'],
      ['2023-Q1', '2023-01-01', '2023-03-31'],
    ]);
    expect(periodsBetween('2019-07-01', '2021-01-01', 'year').map((p) => p.label)).toEqual(['2019', '2020', '2021']);
  });

  it('scores the last period as of the range end when the range stops inside it', () => {
    const last = periodsBetween('2023-10-01', '2024-01-31', 'quarter').at(-1)!;
    expect(last).toEqual({ label: '2024-Q1', start: '2024-01-01', end: '2024-03-31', asOf: '2024-01-31', partial: true });
    // Ending exactly on a period end is not partial.
    expect(periodsBetween('2024-01-01', '2024-03-31', 'quarter')).toEqual([
      { label: '2024-Q1', start: '2024-01-01', end: '2024-03-31', asOf: '2024-03-31', partial: false },
    ]);
  });

  it('gives one period for a one-day range and refuses an inverted one', () => {
    expect(periodsBetween('2024-02-29', '2024-02-29', 'month')).toEqual([
      { label: '2024-02', start: '2024-02-01', end: '2024-02-29', asOf: '2024-02-29', partial: false },
    ]);
    expect(() => periodsBetween('2024-03-01', '2024-02-29', 'month')).toThrow(RangeError);
  });

  it('counts periods without building them', () => {
    for (const every of ['month', 'quarter', 'year'] as const) {
      for (const [since, until] of [['2019-07-01', '2024-01-31'], ['2024-12-31', '2025-01-01'], ['2020-02-29', '2020-02-29']] as const) {
        expect(countPeriods(since, until, every)).toBe(periodsBetween(since, until, every).length);
      }
    }
    expect(countPeriods('2019-07-01', '2024-01-31', 'quarter')).toBe(19);
  });
});

describe('dayNumber', () => {
  it('counts the days Date.UTC counts, for every day of years 0000 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        fc.pre(d <= daysInMonth(y, m));
        const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(dayNumber(date)).toBe(Math.round(Date.UTC(y, m - 1, d) / 86_400_000));
      }),
      { numRuns: 5000 },
    );
    // Every day across the years the records hold, and the calendar's corners.
    for (let day = dayNumber('1999-12-25'); day <= dayNumber('2031-01-05'); day++) {
      expect(dayNumber(new Date(day * 86_400_000).toISOString().slice(0, 10))).toBe(day);
    }
    expect([dayNumber('1970-01-01'), dayNumber('2000-02-29'), dayNumber('2100-03-01'), dayNumber('0100-01-01')]).toEqual([0, 11_016, 47_541, -683_003]);
  });
});

describe('dateOfDay', () => {
  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  it('writes the date Date writes, for any day from year -271821 to 275760', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (day) => {
        expect(dateOfDay(day)).toBe(iso(day));
      }),
      { numRuns: 5000 },
    );
    // Every day of the years records hold, and the corners: year 0, the change to five digits, leap days.
    for (let day = dayNumber('1899-12-25'); day <= dayNumber('2101-01-05'); day++) expect(dateOfDay(day)).toBe(iso(day));
    for (const day of [-719_529, -719_528, -719_468, -719_162, 2_932_896, 2_932_897, 11_016, 47_541, 0, -1]) expect(dateOfDay(day)).toBe(iso(day));
    expect(dateOfDay(0.5)).toBe(iso(0.5));
  });

  it('is what addDays gives, and undoes dayNumber', () => {
    expect(addDays('2024-02-29', 365)).toBe('2025-02-28');
    expect(dateOfDay(dayNumber('2000-02-29'))).toBe('2000-02-29');
    expect(dateOfDay(dayNumber('0100-03-01'))).toBe('0100-03-01');
  });
});
