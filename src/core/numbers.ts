/** Round half away from zero to `places` decimals, never returning -0 (it would print as "-0.00"). */
export const round = (value: number, places: number): number => {
  const f = 10 ** places;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

/** The largest sum of weights: far beyond any real use, far enough below overflow that every weighted figure stays finite. */
export const MAX_WEIGHT_TOTAL = 1e12;

/**
 * In a list sorted so that `before` holds for a prefix of it and for nothing after, the length of
 * that prefix (a binary search): the items dated up to a day, the acts from a promise on.
 */
export function prefixLength<T>(list: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
