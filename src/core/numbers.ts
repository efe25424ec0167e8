/** Round half away from zero to `places` decimals, never returning -0 (it would print as "-0.00"). */
export const round = (value: number, places: number): number => {
  const f = 10 ** places;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

/** The largest sum of weights: far beyond any real use, far enough below overflow that every weighted figure stays finite. */
export const MAX_WEIGHT_TOTAL = 1e12;
