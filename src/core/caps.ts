/**
 * Caps are written in score points (what the evidence could score on its own) and applied as the
 * value that alone would score that many points, so a cap follows a change of saturation:
 *
 *     capValue = saturation × ln(100 / (100 − cap))
 *
 * (the inverse of score = 100 × (1 − e^(−value / saturation))).
 */
export function capValue(points: number, saturation: number): number {
  if (points <= 0) return 0;
  return saturation * Math.log(100 / (100 - Math.min(points, 99.9)));
}

/**
 * Share a cap out pro rata: when values of one sign (as magnitudes) add up to `total`, more than
 * `cap`, each is scaled by the same factor so they add up to exactly `cap`. Returns the factor
 * (1 when nothing is cut). The caller sums the values itself, in its own order, with no list built.
 */
export function capFactor(total: number, cap: number): number {
  if (total <= cap || total <= 0) return 1;
  return cap / total;
}
