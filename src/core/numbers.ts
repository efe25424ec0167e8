/** Round half away from zero to `places` decimals, never returning -0 (it would print as "-0.00"). */
export const round = (value: number, places: number): number => {
  const f = 10 ** places;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
};
