/**
 * A small seeded pseudo-random source, so Monte Carlo runs are reproducible: the same seed gives
 * the same draws on every machine. The core never touches global randomness; callers pass a source.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): one 32-bit state, a full period of 2^32, and
 * statistical quality ample for a thousand draws of a dozen parameters. Not for cryptography.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
